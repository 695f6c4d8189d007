import { DataQuery, DataSourceJsonData } from '@grafana/data';
import type { BeyondNodesKey } from '../../core/cost/beyondNodes';

export type PrometheusAccess = 'datasource' | 'url';
export type InventorySource = 'instance-type-labels' | 'opencost';
export type PriceBookSource = 'default' | 'inline' | 'url';
export type CostQueryType = 'cost' | 'costPerRequest' | 'projection' | 'savings' | 'rightSizing';
export type CostGroupBy = 'component' | 'instance_type' | 'service' | 'total';
export type UpfrontSetting = 'no' | 'partial' | 'all';

/** Share of the fleet on each model (0..1 each, at most 1 together; the rest on demand). */
export interface MixSetting {
  reserved_1y?: number;
  reserved_3y?: number;
  spot?: number;
  upfront?: UpfrontSetting;
}

export interface CostQuery extends DataQuery {
  queryType?: CostQueryType;
  /** cost: how series are split (service: the cost shared out by each service's share of requests). */
  groupBy?: CostGroupBy;
  /** costPerRequest: cost per this many requests. */
  perRequests?: number;
  /** costPerRequest: fewer requests than this in a window is "not enough traffic" (default 100). */
  minRequests?: number;
  /** projection: monthly (730 h) or yearly (8760 h) amounts. */
  period?: 'month' | 'year';
  /** projection: one series per pricing model over time, or the table of every model and upfront option. */
  format?: 'time_series' | 'table';
  /** Filters; template variables allowed (multi-value and All too); `a|b` for several typed values. */
  component?: string;
  instanceType?: string;
  region?: string;
  service?: string;
  /** Request counter selector for this query; empty = the data source's. */
  requestSelector?: string;
  /** Pricing mix for this query (savings what-if, projection's mix row, cost); empty = the data source's. */
  mix?: MixSetting;
  /** Instance types the price book can't price: fail the query (default) or leave them out with a warning. */
  unpriced?: 'error' | 'skip';
  /** Minimum step, e.g. `1m` or `$__interval`; empty = Grafana's interval for the panel. */
  interval?: string;
  /** rightSizing: PromQL giving CPU utilisation 0..1 (by instance type label, or for `rightSizingType`). */
  cpuQuery?: string;
  memoryQuery?: string;
  /** rightSizing: the instance type the utilisation queries describe when their series carry no type label. */
  rightSizingType?: string;
  /** rightSizing: utilisation to size for, 0..1 (default 0.7). */
  targetUtilization?: number;
  /** cost: also a `budget <group>` series per group with a monthly budget in the settings (budget / 730 per hour). */
  budget?: boolean;
  /** cost: money per hour (default) or per month (x 730: the run rate of each step). */
  per?: 'hour' | 'month';
  /** Add database storage, block storage and egress from the exporters to the nodes (see the settings' "Beyond nodes"). */
  beyondNodes?: boolean;
}

/** One source of the bill beyond nodes: its selector and price class, or off. */
export interface BeyondNodesSetting {
  enabled?: boolean;
  /** A plain vector selector; empty = the default (core/cost/beyondNodes.ts). */
  selector?: string;
  /** Storage or network class of the price book; empty = the default. */
  priceClass?: string;
}

export interface CostDataSourceOptions extends DataSourceJsonData {
  /** Reach Prometheus through an existing Grafana data source, or a URL proxied by this plugin's route. */
  prometheusAccess?: PrometheusAccess;
  prometheusDatasourceUid?: string;
  prometheusUrl?: string;
  /** Mimir/Cortex tenant, sent as X-Scope-OrgID through the plugin route. */
  tenantId?: string;
  /** Seconds before a Prometheus request counts as failed (default 30). */
  timeoutSeconds?: number;
  inventorySource?: InventorySource;
  /** Extra label matchers for the inventory metric, e.g. `cluster="prod"`. */
  inventoryMatchers?: string;
  /** Request counter, e.g. `http_requests_total{job="web"}` (default http_requests_total). */
  requestSelector?: string;
  /** Label of the request counter naming the service (default service). */
  serviceLabel?: string;
  priceBookSource?: PriceBookSource;
  /** Price book JSON (or OpenCost custom pricing CSV) when priceBookSource is inline. */
  priceBookInline?: string;
  /** Where the price book is fetched from (through the plugin's `pricebook` route) when priceBookSource is url. */
  priceBookUrl?: string;
  /** ISO 4217 code; empty = the price book's. Must match the price book (no exchange rates here). */
  currency?: string;
  /** Pricing mix queries use unless they set their own. */
  defaultMix?: MixSetting;
  /** Monthly budget per component, service or `total`: `compute=1000, database=800` (730 h a month). */
  monthlyBudgets?: string;
  /** Database storage, block storage and egress: selectors and price classes (defaults: core/cost/beyondNodes.ts). */
  beyondNodes?: Partial<Record<BeyondNodesKey, BeyondNodesSetting>>;
}

/** Secrets: never in jsonData, never sent back to the browser. */
export interface CostSecureJsonData {
  /** Full Authorization header value, e.g. "Bearer ..." or "Basic ...". */
  authorization?: string;
}

export const defaultQuery: Partial<CostQuery> = { queryType: 'cost' };

export const DEFAULT_REQUEST_SELECTOR = 'http_requests_total';
export const DEFAULT_SERVICE_LABEL = 'service';
/** Requests below which a window's cost per request is not shown; defined once, in core/cost. */
export { DEFAULT_MIN_REQUESTS } from '../../core/cost/perRequest';
export const DEFAULT_PER_REQUESTS = 1000;
