import type { AnalysisCore, MetricView, Series, SeriesInput, SeriesOrConstant } from './types';
import { isSeries, normaliseSeries, roundReplicas } from './series';
import { buildTimeline } from './timeline';
import { resolveOnto } from './align';
import { buildMetricView } from './metric';
import { detectScaleEvents } from './events';
import { makeExplainer } from './reason';
import { timeAtLimits } from './limits';
import { cooldownIntervals, DEFAULT_COOLDOWN_MS } from './cooldown';
import { detectFlapping, DEFAULT_FLAP_WINDOW_MS } from './flapping';
import { reactionDelays } from './reaction';
import { replicaHours } from './replicaHours';
import { summarise, type ScalingSummary } from './summary';
import { warningsFor, type ScalingWarning } from './warnings';

/** Everything known about one workload. Only `current` is required. */
export interface WorkloadInput {
  current: SeriesInput | Series;
  desired?: SeriesInput | Series | null;
  min?: SeriesOrConstant | null;
  max?: SeriesOrConstant | null;
  /** Load metric, e.g. mean CPU utilisation across the workload's pods. */
  metric?: SeriesInput | Series | null;
  target?: SeriesOrConstant | null;
  /** Label for reasons, e.g. "cpu". */
  metricName?: string;
  /** Unit of the target, e.g. "%". */
  metricUnit?: string;
  /** Multiplier from metric units to target units (ratio 0..1 vs % target → 100). */
  metricScale?: number;
}

export interface AnalyzeOptions {
  /** Sample step (ms); inferred from the current series when absent. */
  stepMs?: number;
  /** Spacing above which samples are separated by a gap; default 2 × step. */
  maxGapMs?: number;
  /** |value − round(value)| above this counts as a noisy sample (still rounded). Default 0.1. */
  roundTolerance?: number;
  /** Cooldown after each event; default 3 min. */
  cooldownMs?: number;
  /** Reversals closer than this are flaps; default 10 min. */
  flapWindowMs?: number;
  /** Metric must fall this far below target to re-arm a crossing (target units). Default 0. */
  hysteresis?: number;
  /**
   * Policy's scale-down threshold in target units (e.g. 50 for "down below 50 %"); when set,
   * scale-downs are explained against it instead of the target. Default: none.
   */
  scaleDownBelow?: number;
  /** Lookback when reading min/max/desired as of a replica sample; default max(2 × step, 5 min). */
  limitLookbackMs?: number;
}

export interface WorkloadAnalysis extends AnalysisCore {
  summary: ScalingSummary;
  warnings: ScalingWarning[];
}

/**
 * Derive everything the scaling timeline shows for one workload.
 * Edge cases: never throws on bad data; empty/invalid current → zero events and an 'empty'
 * warning; missing min/max → time at that limit is null (unknown) with a warning; missing metric
 * or target → reasons 'unknown' / value-only and reaction null; gaps are bridged for events
 * (flagged afterGap) but never counted as time; non-integer replicas are rounded (warned).
 */
export function analyzeWorkload(input: WorkloadInput, opts: AnalyzeOptions = {}): WorkloadAnalysis {
  const owned = !isSeries(input.current);
  const raw = owned ? normaliseSeries(input.current) : (input.current as Series);
  const rounded = roundReplicas(raw, opts.roundTolerance ?? 0.1, owned);
  const current = rounded.series;
  const tl = buildTimeline(current.t, { stepMs: opts.stepMs, maxGapMs: opts.maxGapMs });
  const lookback = opts.limitLookbackMs ?? Math.max(tl.maxGapMs, 5 * 60_000);
  const max = resolveOnto(current.t, input.max, lookback);
  const min = resolveOnto(current.t, input.min, lookback);
  const desired = resolveOnto(current.t, input.desired, lookback);

  let metric: MetricView | null = null;
  if (input.metric) {
    const ownMetric = !isSeries(input.metric);
    const m = ownMetric ? normaliseSeries(input.metric) : (input.metric as Series);
    if (m.t.length > 0) {
      metric = buildMetricView(m, input.target, {
        inPlace: ownMetric,
        scaleDownBelow: opts.scaleDownBelow,
        scale: input.metricScale,
        name: input.metricName ?? 'metric',
        unit: input.metricUnit,
      });
    }
  }

  const events = detectScaleEvents(current, {
    gapBefore: tl.gapBefore,
    max,
    min,
    desired,
    explain: makeExplainer({ times: current.t, metric, min, max }),
  });
  const limits = timeAtLimits(current, tl, max, min);
  const cooldown = cooldownIntervals(events, tl.endMs, opts.cooldownMs ?? DEFAULT_COOLDOWN_MS);
  const flapping = detectFlapping(events, opts.flapWindowMs ?? DEFAULT_FLAP_WINDOW_MS);
  const hasTarget = metric !== null && anyKnown(metric.target);
  const reaction =
    metric && hasTarget
      ? reactionDelays(metric, events, {
          hysteresis: opts.hysteresis,
          current,
          max,
          endMs: Math.max(tl.endMs, metric.s.t[metric.s.t.length - 1]),
        })
      : null;
  const rh = replicaHours(current, tl);
  const n = current.t.length;
  const base: AnalysisCore = {
    current,
    stepMs: tl.stepMs,
    maxGapMs: tl.maxGapMs,
    min,
    max,
    desired,
    metric,
    events,
    limits,
    cooldown,
    reaction,
    flapping,
    replicaHours: rh,
    firstMs: n > 0 ? current.t[0] : NaN,
    lastMs: n > 0 ? current.t[n - 1] : NaN,
    endMs: n > 0 ? tl.endMs : NaN,
    gaps: tl.gaps,
    noisySamples: rounded.noisySamples,
  };
  return {
    ...base,
    summary: summarise(base),
    warnings: warningsFor(base, {
      hasMetric: metric !== null,
      hasTarget,
      negativeSamples: rounded.negativeSamples,
    }),
  };
}

function anyKnown(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i])) return true;
  return false;
}
