// Counter increases, aware of counter resets.
//
// A counter (http_requests_total, a histogram's _bucket) only goes up, except when its process
// restarts and it counts again from 0. Like Prometheus' rate()/increase(), a drop is taken as a
// reset: the increase across it is the new value (everything counted since the restart), never a
// negative delta. Nothing here extrapolates to a window's edges as increase() does.
import { lastAtOrBefore } from './search';

/** A counter's samples: times (unix ms) and values, paired by index. */
export interface CounterSamples {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/**
 * The increase of a counter from `prev` to `x`: x - prev, or x when it went down (a reset).
 * Edge cases: callers pass numbers they accept as samples; a NaN on either side gives NaN.
 */
export function counterDelta(prev: number, x: number): number {
  return x < prev ? x : x - prev;
}

/** Whether the counter went down anywhere (a reset). NaN samples compare as no reset. */
export function hasCounterReset(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1]) return true;
  }
  return false;
}

/**
 * Per-interval increase of one counter series sampled at successive times: out[0] = NaN (no
 * previous sample), out[t] = counterDelta(v[t-1], v[t]). Edge cases: a gap (NaN, or with
 * `finiteOnly` any non-finite value) on either side → NaN; the next sample after a gap compares
 * with the last one before it only if `bridgeGaps` is true; otherwise negative or infinite values
 * are used as they are.
 */
export function counterIncreases(
  values: ArrayLike<number>,
  bridgeGaps = false,
  out: Float64Array = new Float64Array(values.length),
  finiteOnly = false
): Float64Array {
  let prev = NaN;
  let prevGap = true;
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    const gap = finiteOnly ? !(v - v === 0) : v !== v;
    out[t] = gap || prevGap ? NaN : counterDelta(prev, v);
    if (!gap || !bridgeGaps) {
      prev = v;
      prevGap = gap;
    }
  }
  return out;
}

/**
 * counterIncreases for every `le` series of a histogram (one array per bucket, all on the same
 * timestamps). Each bucket is reset-corrected on its own, as rate() does per series.
 * Edge cases: as counterIncreases; series of different lengths keep their own lengths.
 */
export function bucketIncreases(series: ArrayLike<ArrayLike<number>>, bridgeGaps = false): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < series.length; i++) out.push(counterIncreases(series[i], bridgeGaps));
  return out;
}

/**
 * Sum of counter increases over samples [from, to] (inclusive): the total that Prometheus'
 * increase() would see without its extrapolation to the range edges.
 * Edge cases: NaN samples are skipped (the next valid sample compares with the last valid one);
 * fewer than two valid samples → NaN.
 */
export function counterIncreaseBetween(values: ArrayLike<number>, from = 0, to = values.length - 1): number {
  let prev = NaN;
  let total = 0;
  let pairs = 0;
  for (let t = Math.max(0, from); t <= to && t < values.length; t++) {
    const v = values[t];
    if (Number.isNaN(v)) continue;
    if (!Number.isNaN(prev)) {
      total += counterDelta(prev, v);
      pairs++;
    }
    prev = v;
  }
  return pairs === 0 ? NaN : total;
}

export interface IncreaseResult {
  increase: number;
  /** Samples inside (start, end]; 0 means the window saw no data at all. */
  samples: number;
  /** Resets seen inside (start, end]. */
  resets: number;
}

/**
 * A reset-corrected counter that answers window increases in O(log n). The increase over
 * (start, end] is C(end) - C(start), where C is the reset-corrected counter at the last sample at
 * or before each edge, so consecutive windows tile exactly (their increases add up).
 * Edge cases: samples with a non-finite time or value are skipped; a window before the first
 * sample, or holding a single sample, has increase 0 (see `samples`).
 */
export class CounterIndex {
  readonly t: Float64Array;
  /** Reset-corrected running total. */
  readonly v: Float64Array;
  /** Running count of resets up to each sample. */
  private readonly resetsUpTo: Uint32Array;

  constructor(c: CounterSamples) {
    const n = Math.min(c.t.length, c.v.length);
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    const r = new Uint32Array(n);
    let m = 0;
    let prev = NaN;
    let total = 0;
    let resets = 0;
    for (let i = 0; i < n; i++) {
      const x = c.v[i];
      if (!Number.isFinite(x) || !Number.isFinite(c.t[i])) {
        continue;
      }
      if (prev === prev) {
        total += counterDelta(prev, x);
        if (x < prev) resets++;
      }
      prev = x;
      t[m] = c.t[i];
      v[m] = total;
      r[m] = resets;
      m++;
    }
    this.t = t.subarray(0, m);
    this.v = v.subarray(0, m);
    this.resetsUpTo = r.subarray(0, m);
  }

  /** Reset-aware increase over (start, end]. */
  increase(start = -Infinity, end = Infinity): IncreaseResult {
    const b = lastAtOrBefore(this.t, end);
    if (b < 0) {
      return { increase: 0, samples: 0, resets: 0 };
    }
    // With no sample at or before `start`, the window's first sample is the base.
    const a = lastAtOrBefore(this.t, start);
    const base = a >= 0 ? a : 0;
    return {
      increase: this.v[b] - this.v[base],
      samples: a >= 0 ? b - a : b + 1,
      resets: this.resetsUpTo[b] - this.resetsUpTo[base],
    };
  }
}

/** The counter with resets removed: a running total from 0 that never goes down. */
export function resetCorrected(c: CounterSamples): { t: Float64Array; v: Float64Array } {
  const idx = new CounterIndex(c);
  return { t: idx.t, v: idx.v };
}

/** Reset-aware increase of a counter over (start, end] (default: its whole span). */
export function increase(c: CounterSamples, start = -Infinity, end = Infinity): IncreaseResult {
  return new CounterIndex(c).increase(start, end);
}
