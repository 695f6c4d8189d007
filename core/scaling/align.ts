import type { Series, SeriesOrConstant } from './types';
import { isSeries, normaliseSeries } from './series';
import { lastAtOrBefore } from '../series/search';

/**
 * Value of `s` as of each time in `times` (last sample at or before the time, within `lookbackMs`),
 * like Prometheus' instant lookup. Returns NaN where there is none.
 * Edge cases: both inputs must be sorted (normalised); times before the first sample, or further
 * than lookbackMs after the latest sample, give NaN; empty `s` gives all NaN. Linear merge, O(n+m).
 */
export function alignAsOf(times: Float64Array, s: Series, lookbackMs: number): Float64Array {
  const n = times.length;
  const out = new Float64Array(n);
  const m = s.t.length;
  let j = -1;
  for (let i = 0; i < n; i++) {
    const ti = times[i];
    while (j + 1 < m && s.t[j + 1] <= ti) j++;
    out[i] = j >= 0 && ti - s.t[j] <= lookbackMs ? s.v[j] : NaN;
  }
  return out;
}

/**
 * Resolve a limit/target that may be a series or one constant onto `times`.
 * Edge cases: undefined/null or a non-finite constant → null (unknown); a series with no valid
 * points → null; otherwise NaN marks times where it is unknown. On the same time grid the series'
 * values array is returned without copying (it may alias the caller's Series: read-only).
 */
export function resolveOnto(
  times: Float64Array,
  x: SeriesOrConstant | null | undefined,
  lookbackMs: number
): Float64Array | null {
  if (x == null) {
    return null;
  }
  if (typeof x === 'number') {
    return Number.isFinite(x) ? new Float64Array(times.length).fill(x) : null;
  }
  const s = isSeries(x) ? x : normaliseSeries(x);
  if (s.t.length === 0) {
    return null;
  }
  // Same grid (the usual case for series from one range query): no alignment needed.
  if (sameTimes(times, s.t)) {
    return s.v;
  }
  return alignAsOf(times, s, lookbackMs);
}

/**
 * Value of a sorted series as of one time `t` (binary search), or NaN.
 * Edge cases: as alignAsOf, for a single lookup.
 */
export function valueAsOf(s: Series, t: number, lookbackMs: number): number {
  const found = lastAtOrBefore(s.t, t);
  return found >= 0 && t - s.t[found] <= lookbackMs ? s.v[found] : NaN;
}

/** Element-wise equal time arrays. */
function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
