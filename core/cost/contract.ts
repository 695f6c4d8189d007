// The cost frame contract: the frames the cost data source returns, as the panels read them (the
// cost-per-request panel), and as the CLI's plain frames name them. Every data source frame carries
// `meta.custom.headroom` with its role; datasources/cost/README.md describes the whole shape.
// No @grafana/data here: a DataFrame fits the structural types below.

export type FrameRole = 'cost' | 'requests' | 'costPerRequest' | 'summary' | 'pricing' | 'projection' | 'savings' | 'rightSizing' | 'budget';

export interface HeadroomFrameMeta {
  role: FrameRole;
  /** ISO 4217 code of every money value in the frame. */
  currency?: string;
  /** cost: values are money per hour. */
  per?: 'hour' | 'month' | 'year';
  /** requests: 'increase' = requests in the step ending at each time; 'rate' = per second; 'counter' = a raw counter. */
  requests?: 'increase' | 'rate' | 'counter';
  /** Step of the time column, ms. */
  stepMs?: number;
  /** costPerRequest / summary / pricing: cost per this many requests. */
  perRequests?: number;
  /** The pricing mix the money values are priced with, in words. */
  pricing?: string;
}

export const META_KEY = 'headroom';

/** The Headroom meta of a frame, or undefined when it has none (a frame from another source). */
export function headroomMeta(frame: { meta?: { custom?: Record<string, unknown> } }): HeadroomFrameMeta | undefined {
  const m = frame.meta?.custom?.[META_KEY] as HeadroomFrameMeta | undefined;
  return m && typeof m === 'object' && typeof m.role === 'string' ? m : undefined;
}

/** Field names of the time-series frames: the time column, money per hour (role 'cost' and 'budget'), requests per step. */
export const SERIES_FIELDS = {
  time: 'Time',
  cost: 'cost',
  requests: 'requests',
} as const;

/** Labels of the cost frames' value fields: what a cost series is of. */
export const COST_LABELS = {
  component: 'component',
  instanceType: 'instance_type',
  region: 'region',
} as const;

/** Field names of the one-row summary frame (role 'summary'). */
export const SUMMARY_FIELDS = {
  cost: 'cost',
  requests: 'requests',
  value: 'cost per requests',
  status: 'status',
  message: 'message',
  previousCost: 'previous cost',
  previousRequests: 'previous requests',
  previousValue: 'previous cost per requests',
  projectedMonthly: 'projected monthly cost',
  hours: 'hours',
} as const;

/** Field names of the pricing comparison frame (role 'pricing'), one row per pricing model. */
export const PRICING_FIELDS = {
  key: 'key',
  model: 'pricing model',
  monthly: 'monthly cost',
  windowCost: 'cost in range',
  value: 'cost per requests',
  savedMonthly: 'saved per month',
  savedPercent: 'saved %',
  notes: 'notes',
} as const;
