import type { Direction, EventReason } from './types';
import type { MetricView } from './types';
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
 * vs target just before the event ("cpu 91 % > target 75 % for 2m10s"; the last metric sample
 * before the event time, else the one at it), else unknown.
 * Edge cases: no metric sample within the lookback → unknown; no target → value only, comparison
 * null; a run that starts at the first metric sample is reported as "for ≥X" (it may be longer);
 * an up event while below target (or down while above) is kept but `consistent` is false; with a
 * scale-down threshold in the metric view, downs are judged against it instead of the target.
 */
export function makeExplainer(ctx: ExplainContext) {
  const { times, metric, min, max } = ctx;
  return (i: number, direction: Direction, from: number, _to: number): EventReason => {
    const limit = limitReason(i, direction, from, min ?? null, max ?? null);
    if (limit) return limit;
    if (!metric || metric.s.t.length === 0) return UNKNOWN_REASON;
    const t = times[i];
    // Just before the event: a sample taken at the event time may already show the new replicas
    // (load spread over more pods), which would "explain" a scale-up with a low value.
    let j = metricIndexAsOf(metric, t - 1);
    if (j < 0) j = metricIndexAsOf(metric, t);
    if (j < 0) {
      return { ...UNKNOWN_REASON, text: `no ${metric.name} data at the event` };
    }
    const value = metric.s.v[j];
    const target = metric.target[j];
    const valueText = `${metric.name} ${formatWithUnit(value, metric.unit)}`;
    if (direction === 'down' && metric.belowStart) {
      return downReason(metric, j, t, value, valueText);
    }
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
 * A scale-down judged against the policy's scale-down threshold ("cpu 26 % < scale-down 50 % for 5m").
 * Edge cases: at or above the threshold → comparison '>'/'=', consistent false, no duration;
 * a run starting at the first sample reads "for ≥X".
 */
function downReason(m: MetricView, j: number, t: number, value: number, valueText: string): EventReason {
  const thr = m.downThreshold;
  const thrText = `scale-down ${formatWithUnit(thr, m.unit)}`;
  const start = m.belowStart ? m.belowStart[j] : -1;
  if (start < 0) {
    const comparison = value > thr ? '>' : '=';
    return {
      kind: 'metric',
      value,
      target: thr,
      comparison,
      forMs: null,
      consistent: false,
      text: `${valueText} ${comparison === '>' ? '≥' : '='} ${thrText}`,
    };
  }
  const forMs = t - m.s.t[start];
  return {
    kind: 'metric',
    value,
    target: thr,
    comparison: '<',
    forMs,
    consistent: true,
    text: `${valueText} < ${thrText} for ${start === 0 ? '≥' : ''}${formatDuration(forMs)}`,
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
