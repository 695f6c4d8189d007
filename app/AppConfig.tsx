import React from 'react';
import { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { Stack, Text } from '@grafana/ui';

const parts = [
  ['Headroom Latency Distribution', 'headroom-latency-panel'],
  ['Headroom Cost per Request', 'headroom-costperrequest-panel'],
  ['Headroom Scaling Timeline', 'headroom-scalingtimeline-panel'],
  ['Headroom Capacity Forecast', 'headroom-capacityforecast-panel'],
  ['Headroom Cost data source', 'headroom-cost-datasource'],
];

/** The app's configuration page: what the suite installs. */
export function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta>) {
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Headroom {plugin.meta.info.version}</Text>
      <Text>This app installs the following plugins and offers the Headroom dashboards:</Text>
      <ul>
        {parts.map(([name, id]) => (
          <li key={id}>
            <Text>{name}</Text> <Text color="secondary">({id})</Text>
          </li>
        ))}
      </ul>
    </Stack>
  );
}
