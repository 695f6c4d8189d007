import type { Direction, EventReason } from './types';
import type { MetricView } from './metric';
import { metricIndexAsOf } from './metric';
import { formatDuration, formatNumber, formatWithUnit } from './format';
import { UNKNOWN_REASON } from './events';

export interface ExplainContext {
  /** Times of the (rounded) current replica series. */
  times: Float64Array;
  metric?: MetricView | null;
  /** Limits aligned onto `times` (NaN = unknown), or null. */
  min?: Float64Array | null;
  max?: Float64Array | null;
}

/**
 * Build the `explain` callback for detectScaleEvents.
 * Order of judgement: a limit that moved and forced the change ("min raised to 5"), else the metric
 * vs target as of the event ("cpu 91 % > target 75 % for 2m10s"), else unknown.
 * Edge cases: no metric sample within the lookback → unknown; no target → value only, comparison
 * null; a run that starts at the first metric sample is reported as "for ≥X" (it may be longer);
 * an up event while below target (or down while above) is kept but `consistent` is false.
 */
export function makeExplainer(ctx: ExplainContext) {
  const { times, metric, min, max } = ctx;
  return (i: number, direction: Direction, from: number, _to: number): EventReason => {
    const limit = limitReason(i, direction, from, min ?? null, max ?? null);
    if (limit) return limit;
    if (!metric || metric.s.t.length === 0) return UNKNOWN_REASON;
    const t = times[i];
    const j = metricIndexAsOf(metric, t);
    if (j < 0) {
      return { ...UNKNOWN_REASON, text: `no ${metric.name} data at the event` };
    }
    const value = metric.s.v[j];
    const target = metric.target[j];
    const valueText = `${metric.name} ${formatWithUnit(value, metric.unit)}`;
    if (Number.isNaN(target)) {
      return {
        kind: 'metric',
        value,
        target: null,
        comparison: null,
        forMs: null,
        consistent: false,
        text: `${valueText} (no target)`,
      };
    }
    const side = metric.side[j];
    const comparison = side > 0 ? '>' : side < 0 ? '<' : '=';
    const start = metric.runStart[j];
    const forMs = t - metric.s.t[start];
    const forText = `for ${start === 0 ? '≥' : ''}${formatDuration(forMs)}`;
    const consistent = direction === 'up' ? side > 0 : side < 0;
    return {
      kind: 'metric',
      value,
      target,
      comparison,
      forMs,
      consistent,
      text: `${valueText} ${comparison} target ${formatWithUnit(target, metric.unit)} ${forText}`,
    };
  };
}

/**
 * A limit change that explains the event by itself: up to a raised min, down to a lowered max.
 * Edge cases: unknown limits (NaN/null) never explain; a limit equal to `from` does not force.
 */
function limitReason(
  i: number,
  direction: Direction,
  from: number,
  min: Float64Array | null,
  max: Float64Array | null
): EventReason | null {
  if (direction === 'up' && min && min[i] > from) {
    const was = i > 0 ? min[i - 1] : NaN;
    const text =
      Number.isFinite(was) && was !== min[i]
        ? `min raised to ${formatNumber(min[i], 0)} (was ${formatNumber(was, 0)})`
        : `below min ${formatNumber(min[i], 0)}`;
    return limitObj('min', min[i], text);
  }
  if (direction === 'down' && max && max[i] < from) {
    const was = i > 0 ? max[i - 1] : NaN;
    const text =
      Number.isFinite(was) && was !== max[i]
        ? `max lowered to ${formatNumber(max[i], 0)} (was ${formatNumber(was, 0)})`
        : `above max ${formatNumber(max[i], 0)}`;
    return limitObj('max', max[i], text);
  }
  return null;
}

function limitObj(kind: 'min' | 'max', limit: number, text: string): EventReason {
  return {
    kind,
    value: null,
    target: limit,
    comparison: null,
    forMs: null,
    consistent: true,
    text,
  };
}
