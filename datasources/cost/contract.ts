// The frames this data source returns, as other plugins read them (the cost-per-request panel).
// Every frame carries `meta.custom.headroom` with its role; see README.md for the whole shape.
import { DataFrame } from '@grafana/data';

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

export function headroomMeta(frame: Pick<DataFrame, 'meta'>): HeadroomFrameMeta | undefined {
  const m = (frame.meta?.custom as Record<string, unknown> | undefined)?.[META_KEY] as HeadroomFrameMeta | undefined;
  return m && typeof m === 'object' && typeof m.role === 'string' ? m : undefined;
}

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
