import { DataQuery, DataSourceJsonData } from '@grafana/data';

export type PrometheusAccess = 'datasource' | 'url';
export type InventorySource = 'instance-type-labels' | 'opencost';
export type PriceBookSource = 'default' | 'inline' | 'url';
export type CostQueryType = 'cost' | 'costPerRequest' | 'projection' | 'savings' | 'rightSizing';

export interface CostQuery extends DataQuery {
  queryType?: CostQueryType;
}

export interface CostDataSourceOptions extends DataSourceJsonData {
  /** Reach Prometheus through an existing Grafana data source, or a URL proxied by this plugin's route. */
  prometheusAccess?: PrometheusAccess;
  prometheusDatasourceUid?: string;
  prometheusUrl?: string;
  /** Mimir/Cortex tenant, sent as X-Scope-OrgID through the plugin route. */
  tenantId?: string;
  inventorySource?: InventorySource;
  priceBookSource?: PriceBookSource;
  currency?: string;
}

/** Secrets: never in jsonData, never sent back to the browser. */
export interface CostSecureJsonData {
  /** Full Authorization header value, e.g. "Bearer ..." or "Basic ...". */
  authorization?: string;
}

export const defaultQuery: Partial<CostQuery> = { queryType: 'cost' };
