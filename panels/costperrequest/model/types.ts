// What the panel works on, once read from the frames (readFrames.ts). Times are unix ms.

export type RequestKind = 'increase' | 'rate' | 'counter';

/** Money per hour of one stack group (a component or an instance type), as sampled. */
export interface CostGroup {
  name: string;
  t: Float64Array;
  /** Money per hour at each sample (step function: holds until the next sample). */
  rate: Float64Array;
  /** Instance types of the series in this group (for the derived pricing comparison). */
  types: Record<string, number>;
  /** Fixed colour (a Grafana colour name or CSS colour) from the field config, if one is set. */
  color?: string;
}

export interface RequestSeries {
  t: Float64Array;
  v: Float64Array;
  kind: RequestKind;
  /** Step of the series when known (ms), else the median spacing is used. */
  stepMs?: number;
}

/** The data source's summary of the range (role 'summary'). */
export interface Summary {
  cost: number;
  requests: number;
  previousCost: number;
  previousRequests: number;
  projectedMonthly: number;
  hours: number;
  status: string;
  message: string;
}

/** One row of the data source's pricing comparison (role 'pricing'). */
export interface PricingRow {
  key: string;
  label: string;
  monthly: number;
  windowCost: number;
  savedMonthly: number;
  savedPercent: number;
  notes: string;
}

export interface CostInputs {
  /** ISO code of every money value, when the data says. */
  currency?: string;
  /** Unit of the money fields (from the data), for display when the field config sets none. */
  unit?: string;
  groups: CostGroup[];
  requests: RequestSeries[];
  summary?: Summary;
  pricing?: PricingRow[];
  /** Things worth saying about the data (unlabelled series, skipped fields). */
  notes: string[];
}

/** A clear reason the panel can't draw (shown by PanelDataErrorView). */
export interface Refusal {
  message: string;
}
