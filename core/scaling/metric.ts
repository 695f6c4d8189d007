import type { MetricView, Series, SeriesOrConstant } from './types';
import { resolveOnto } from './align';
import { inferStep } from './timeline';
import { lastAtOrBefore } from '../series/search';


export interface MetricViewOptions {
  /** Multiplier turning metric values into target units (0..1 ratio vs % target → 100). */
  scale?: number;
  name?: string;
  unit?: string;
  /** Scale `metric.v` in place (only for arrays the caller owns); default false. */
  inPlace?: boolean;
  /** Lookback for the target; default the metric's gap threshold. */
  lookbackMs?: number;
  stepMs?: number;
  /** Policy's scale-down threshold in target units (e.g. 50 for "below 50 %"); explains downs. */
  scaleDownBelow?: number;
}

/**
 * Build a MetricView from a normalised metric series and a target (series or constant).
 * Edge cases: empty metric → view with no samples; no target → target all NaN (side 0); a gap in
 * the metric ends a run, so "for X" never spans missing data; scale ≤ 0 or NaN is treated as 1;
 * a non-finite scaleDownBelow means none.
 */
export function buildMetricView(
  metric: Series,
  target: SeriesOrConstant | null | undefined,
  opts: MetricViewOptions = {}
): MetricView {
  const scale = opts.scale && opts.scale > 0 ? opts.scale : 1;
  const n = metric.t.length;
  const ts = metric.t;
  const step = opts.stepMs && opts.stepMs > 0 ? opts.stepMs : inferStep(ts);
  const maxGap = 2 * step;
  const lookbackMs = opts.lookbackMs ?? maxGap;
  const tgt = resolveOnto(ts, target, lookbackMs) ?? new Float64Array(n).fill(NaN);
  const v = opts.inPlace ? metric.v : new Float64Array(n);
  const side = new Int8Array(n);
  const runStart = new Int32Array(n);
  const thr = opts.scaleDownBelow !== undefined && Number.isFinite(opts.scaleDownBelow) ? opts.scaleDownBelow : NaN;
  const belowStart = Number.isNaN(thr) ? null : new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const x = metric.v[j] * scale;
    v[j] = x;
    const d = x - tgt[j];
    const sd = d > 0 ? 1 : d < 0 ? -1 : 0;
    side[j] = sd;
    const joined = j > 0 && ts[j] - ts[j - 1] <= maxGap;
    runStart[j] = joined && sd === side[j - 1] ? runStart[j - 1] : j;
    if (belowStart) {
      belowStart[j] = x < thr ? (joined && belowStart[j - 1] >= 0 ? belowStart[j - 1] : j) : -1;
    }
  }
  return {
    s: { t: metric.t, v },
    target: tgt,
    side,
    runStart,
    downThreshold: thr,
    belowStart,
    lookbackMs,
    name: opts.name ?? 'metric',
    unit: opts.unit,
  };
}

/**
 * Index of the metric sample at or before `t` within the lookback, or -1.
 * Edge cases: t before the first sample or too far after the last → -1. Binary search.
 */
export function metricIndexAsOf(view: MetricView, t: number): number {
  const ts = view.s.t;
  const found = lastAtOrBefore(ts, t);
  return found >= 0 && t - ts[found] <= view.lookbackMs ? found : -1;
}
