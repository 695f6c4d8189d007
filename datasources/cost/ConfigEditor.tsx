import React, { ChangeEvent } from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, Input, RadioButtonGroup, SecretInput } from '@grafana/ui';
import { CostDataSourceOptions, CostSecureJsonData, PrometheusAccess } from './types';

type Props = DataSourcePluginOptionsEditorProps<CostDataSourceOptions, CostSecureJsonData>;

const accessOptions: Array<{ value: PrometheusAccess; label: string }> = [
  { value: 'datasource', label: 'Existing Prometheus data source' },
  { value: 'url', label: 'URL' },
];

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const json = options.jsonData;
  const access = json.prometheusAccess ?? 'datasource';
  const setJson = (patch: Partial<CostDataSourceOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...json, ...patch } });

  return (
    <>
      <Field label="Prometheus" description="Where inventory and request metrics are read from.">
        <RadioButtonGroup options={accessOptions} value={access} onChange={(value) => setJson({ prometheusAccess: value })} />
      </Field>
      {access === 'datasource' ? (
        <Field label="Prometheus data source">
          <DataSourcePicker
            pluginId="prometheus"
            current={json.prometheusDatasourceUid ?? null}
            noDefault
            onChange={(ds) => setJson({ prometheusDatasourceUid: ds.uid })}
          />
        </Field>
      ) : (
        <>
          <Field label="URL" description="Prometheus-compatible API, including any path prefix (Mimir: /prometheus).">
            <Input
              value={json.prometheusUrl ?? ''}
              placeholder="http://prometheus:9090"
              onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ prometheusUrl: e.currentTarget.value })}
            />
          </Field>
          <Field label="Authorization header" description="Sent by Grafana's proxy; stored encrypted.">
            <SecretInput
              isConfigured={Boolean(options.secureJsonFields?.authorization)}
              value={options.secureJsonData?.authorization ?? ''}
              placeholder="Bearer ..."
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                onOptionsChange({ ...options, secureJsonData: { authorization: e.currentTarget.value } })
              }
              onReset={() =>
                onOptionsChange({
                  ...options,
                  secureJsonFields: { ...options.secureJsonFields, authorization: false },
                  secureJsonData: { authorization: '' },
                })
              }
            />
          </Field>
          <Field label="Tenant (X-Scope-OrgID)" description="For Mimir or Cortex; leave empty otherwise.">
            <Input
              value={json.tenantId ?? ''}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setJson({ tenantId: e.currentTarget.value })}
            />
          </Field>
        </>
      )}
    </>
  );
}
