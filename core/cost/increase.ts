// Counter increase over a window, aware of counter resets.
//
// A counter (http_requests_total) only goes up, except when its process restarts and it starts
// again from 0. Like Prometheus, a drop is taken as a reset: the increase across it is the new
// value (everything counted since the restart), not a negative delta.
//
// Unlike Prometheus' increase(), there is no extrapolation to the window's edges: the increase over
// (start, end] is C(end) - C(start), where C is the reset-corrected counter at the last sample at or
// before each edge. So consecutive windows tile exactly (their increases add up), and a window
// before the first sample or with a single sample has increase 0 (see `samples`).
// NaN samples are skipped. Times are unix ms.
import { CounterSeries } from './types';

/** The counter with resets removed: a running total that never goes down. */
export function resetCorrected(c: CounterSeries): { t: Float64Array; v: Float64Array } {
  const idx = new CounterIndex(c);
  return { t: idx.t, v: idx.v };
}

/** Index of the last element of sorted `t` that is <= x, or -1. */
export function lastAtOrBefore(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= x) {
      ans = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return ans;
}

export interface IncreaseResult {
  increase: number;
  /** Samples inside (start, end]; 0 means the window saw no data at all. */
  samples: number;
  /** Resets seen inside (start, end]. */
  resets: number;
}

/** A reset-corrected counter that answers window increases in O(log n). */
export class CounterIndex {
  readonly t: Float64Array;
  /** Reset-corrected running total. */
  readonly v: Float64Array;
  /** Running count of resets up to each sample. */
  private readonly resetsUpTo: Uint32Array;

  constructor(c: CounterSeries) {
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
        if (x >= prev) {
          total += x - prev;
        } else {
          total += x;
          resets++;
        }
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

/** Reset-aware increase of a counter over (start, end] (default: its whole span). */
export function increase(c: CounterSeries, start = -Infinity, end = Infinity): IncreaseResult {
  return new CounterIndex(c).increase(start, end);
}
