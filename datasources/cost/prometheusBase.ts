import { DataSourceInstanceSettings } from '@grafana/data';
import { CostDataSourceOptions } from './types';

/**
 * Where this data source reaches the Prometheus HTTP API, or why it cannot:
 * through Grafana's proxy of an existing data source, or through this plugin's own route.
 */
export function prometheusBase(
  settings: DataSourceInstanceSettings<CostDataSourceOptions>
): { base: string } | { problem: string } {
  const json = settings.jsonData ?? {};
  if (json.prometheusAccess === 'url') {
    if (!json.prometheusUrl) {
      return { problem: 'Prometheus URL is empty: enter the URL of a Prometheus-compatible API in the data source settings.' };
    }
    return { base: `${settings.url ?? ''}/prometheus` };
  }
  if (!json.prometheusDatasourceUid) {
    return { problem: 'No Prometheus data source chosen: pick one (or enter a URL) in the data source settings.' };
  }
  return { base: `/api/datasources/proxy/uid/${encodeURIComponent(json.prometheusDatasourceUid)}` };
}
