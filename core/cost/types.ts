// Types of the shared cost model. Pure: no Grafana, no React, no I/O.
// Times are unix milliseconds (Grafana's convention), money is in the price book's currency,
// rates are money per hour.

import hours from './hours.json';

/**
 * Hours in a month and a year as cloud bills count them (AWS/GCP/Azure all use 730 h/month). One
 * place for the whole suite: hours.json, which the dashboards' jsonnet imports too.
 */
export const HOURS_PER_MONTH: number = hours.perMonth;
export const HOURS_PER_YEAR: number = hours.perYear;

export type Component = 'compute' | 'database' | 'cache' | 'storage' | 'network' | string;

/** Pricing models a fleet can be bought on. */
export type PricingModel = 'on_demand' | 'reserved_1y' | 'reserved_3y' | 'spot';
export const PRICING_MODELS: readonly PricingModel[] = ['on_demand', 'reserved_1y', 'reserved_3y', 'spot'];

/** Reserved-instance payment options. */
export type UpfrontOption = 'no' | 'partial' | 'all';
export const UPFRONT_OPTIONS: readonly UpfrontOption[] = ['no', 'partial', 'all'];

/** Where a price came from: every price carries both. */
export interface Provenance {
  /** ISO date `YYYY-MM-DD` the price was read. */
  asOf: string;
  /** URL (or a description) of the public price page. */
  source: string;
}

export interface HourlyPrice extends Provenance {
  hourly: number;
}

/** One reserved payment option: `upfront` once per term plus `hourly` for every hour of the term. */
export interface ReservedPrice extends Provenance {
  upfront: number;
  hourly: number;
}

/** Reserved prices per upfront option; any option may be missing. */
export type ReservedPrices = Partial<Record<UpfrontOption, ReservedPrice>>;

export interface InstancePrices {
  on_demand: HourlyPrice;
  reserved_1y?: ReservedPrices;
  reserved_3y?: ReservedPrices;
  /** Typical spot price; absent where the provider sells no spot capacity (RDS, ElastiCache). */
  spot?: HourlyPrice;
}

export interface InstanceEntry {
  type: string;
  region: string;
  vcpu: number;
  memoryGiB: number;
  /** Default component when the inventory doesn't say (compute, database, cache...). */
  component?: Component;
  /** Size family for right-sizing; derived from the type name when absent (see family.ts). */
  family?: string;
  prices: InstancePrices;
}

/** Storage priced per GB-month (block volumes, snapshots, object storage). */
export interface StorageEntry {
  class: string;
  region: string;
  perGbMonth: number;
  asOf: string;
  source: string;
}

/** Network priced per GB transferred (egress, inter-AZ...). */
export interface NetworkEntry {
  class: string;
  region: string;
  perGb: number;
  asOf: string;
  source: string;
}

export interface PriceBook {
  name: string;
  /** ISO 4217 code. */
  currency: string;
  /** Region used when an inventory series has no region. */
  defaultRegion: string;
  instances: InstanceEntry[];
  storage: StorageEntry[];
  network: NetworkEntry[];
}

/**
 * Share of the fleet bought on each non-on-demand model (0..1 each, summing to at most 1);
 * the rest is on demand. `upfront` picks the reserved payment option (default 'no').
 */
export interface Mix {
  reserved_1y?: number;
  reserved_3y?: number;
  spot?: number;
  upfront?: UpfrontOption;
}

/**
 * One inventory series over time: how many instances of `type` (kind 'instance', the default), how
 * many GB are provisioned (kind 'storage', priced per GB-month), or how many GB per hour are being
 * transferred (kind 'network', priced per GB). Samples are a step function: v[i] holds from t[i]
 * until t[i+1], for at most the series' own step or 5 minutes (see integrate.ts), so a scrape
 * outage costs nothing instead of repeating the last count.
 */
export interface InventorySeries {
  kind?: 'instance' | 'storage' | 'network';
  type: string;
  component?: Component;
  region?: string;
  /** Extra labels carried through to the output (service, node...). */
  labels?: Record<string, string>;
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** A counter series (e.g. http_requests_total) or an already-computed increase. */
export interface CounterSeries {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

export interface TimeWindow {
  /** Inclusive start, unix ms. */
  start: number;
  /** Inclusive end, unix ms. */
  end: number;
}

export interface CostWarning {
  /** Which series or entry, e.g. "t3.large/us-east-1 (compute)". */
  subject: string;
  message: string;
}
