// Shared types for the scaling maths. Pure: no Grafana, no React.
// Times are unix milliseconds (Grafana's convention) everywhere in this folder.

/** Raw input series: any array-likes; null/undefined/NaN values or timestamps are tolerated. */
export interface SeriesInput {
  t: ArrayLike<number | null | undefined>;
  v: ArrayLike<number | null | undefined>;
}

/** Normalised series: strictly increasing finite times, finite values, same length. */
export interface Series {
  t: Float64Array;
  v: Float64Array;
}

/** A limit or target is either a series over time or one constant number. */
export type SeriesOrConstant = SeriesInput | Series | number;

/** Half-open time interval [start, end) in ms. */
export interface Interval {
  start: number;
  end: number;
}

export type Direction = 'up' | 'down';

/** Why an event happened, judged from the metric vs target at/just before it. */
export interface EventReason {
  /** 'metric': utilisation vs target; 'min'/'max': a limit moved; 'unknown': no data to tell. */
  kind: 'metric' | 'min' | 'max' | 'unknown';
  /** Metric value (already scaled into target units), when known. */
  value: number | null;
  target: number | null;
  /** '>' above target, '<' below, '=' equal. null when unknown. */
  comparison: '>' | '<' | '=' | null;
  /** How long the metric had been on that side of the target when the event was seen (ms). */
  forMs: number | null;
  /** True when the comparison agrees with the direction (up & above, down & below). */
  consistent: boolean;
  /** Human text, e.g. "cpu 91 % > target 75 % for 2m10s". */
  text: string;
}

export interface ScaleEvent {
  /** Time of the first sample showing the new replica count. */
  t: number;
  /** Index of that sample in the normalised current series. */
  index: number;
  from: number;
  to: number;
  direction: Direction;
  /** Signed: to - from. */
  size: number;
  /** The change happened during a gap; its real time is somewhere in (previous sample, t]. */
  afterGap: boolean;
  /** to >= max at t (null when no max known). */
  hitMax: boolean | null;
  /** to <= min at t (null when no min known). */
  hitMin: boolean | null;
  /** Desired replicas at t when a desired series is given; desired > to while at max = capped. */
  desired: number | null;
  reason: EventReason;
}

export interface LimitTime {
  /** Merged intervals spent at the limit. */
  intervals: Interval[];
  totalMs: number;
}

export interface LimitsResult {
  /** null when no max is known at all. */
  atMax: LimitTime | null;
  /** null when no min is known at all. */
  atMin: LimitTime | null;
  /** Time covered by data (same definition as replica-hours). */
  coveredMs: number;
}

export interface Reaction {
  /** First sample with the metric above the target. */
  crossingT: number;
  /** First scale-up at or after the crossing (before the next crossing), or null. */
  riseT: number | null;
  delayMs: number | null;
  /**
   * 'reacted': replicas rose; 'blocked': already at max; 'subsided': load dropped back below the
   * target and no rise followed before the next crossing; 'pending': still above at end of data.
   */
  outcome: 'reacted' | 'blocked' | 'subsided' | 'pending';
}

export interface ReactionResult {
  reactions: Reaction[];
  /** Slowest reacted crossing, or null. */
  slowest: Reaction | null;
  /** Longest unresolved wait (pending at end of data), if any. */
  longestPendingMs: number | null;
}

export interface Flap {
  /** Index into the events array of the event that reversed the previous one. */
  eventIndex: number;
  interval: Interval;
}

export interface FlappingResult {
  /** Number of direction reversals within the window. */
  count: number;
  flaps: Flap[];
  /** Flap intervals merged (for shading). */
  intervals: Interval[];
}

export interface CooldownResult {
  /** One interval per event, clipped to the data end. */
  perEvent: Interval[];
  /** Merged intervals (for shading). */
  intervals: Interval[];
  /** Events that started while a previous event's cooldown was running. */
  eventsInCooldown: number;
}

export interface ReplicaHoursResult {
  replicaHours: number;
  coveredMs: number;
  /** Time-weighted mean replicas over the covered time (NaN when nothing is covered). */
  meanReplicas: number;
}

/**
 * The load metric (e.g. CPU utilisation) with its target aligned onto the metric's own samples,
 * plus, per sample, which side of the target it is on and since when. Built once per workload.
 */
export interface MetricView {
  /** Metric samples, already multiplied by the scale (in target units). */
  s: Series;
  /** Target as of each metric sample (NaN = unknown). */
  target: Float64Array;
  /** side[j]: 1 above target, -1 below, 0 equal or unknown. */
  side: Int8Array;
  /** runStart[j]: index of the first sample of j's same-side contiguous run. */
  runStart: Int32Array;
  /** Scale-down threshold (target units), NaN when not given. */
  downThreshold: number;
  /** belowStart[j]: first sample of j's contiguous run below downThreshold, -1 when not below; null without a threshold. */
  belowStart: Int32Array | null;
  /** Gap threshold of the metric series (ms), also used as its lookback. */
  lookbackMs: number;
  name: string;
  unit: string | undefined;
}

/** A workload's analysis before its summary and warnings are derived from it. */
export interface AnalysisCore {
  /** Rounded replica series (what events are derived from). */
  current: Series;
  stepMs: number;
  /** Spacing above which replica samples count as a gap. */
  maxGapMs: number;
  /** Limits/desired aligned onto `current.t` (NaN = unknown there), null when not given. */
  min: Float64Array | null;
  max: Float64Array | null;
  desired: Float64Array | null;
  /** Metric (scaled into target units) with the target aligned onto its samples, or null. */
  metric: MetricView | null;
  events: ScaleEvent[];
  limits: LimitsResult;
  cooldown: CooldownResult;
  reaction: ReactionResult | null;
  flapping: FlappingResult;
  replicaHours: ReplicaHoursResult;
  /** First and last replica sample time, and end of covered time (NaN when empty). */
  firstMs: number;
  lastMs: number;
  endMs: number;
  gaps: number;
  noisySamples: number;
}
