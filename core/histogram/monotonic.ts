// Monotonicity repair of merged cumulative bucket counts, in place.

/** Flags returned by the repair functions (bitwise OR). */
export const FORCED_MONOTONIC = 1;
export const FIXED_PRECISION = 2;

/**
 * The relative tolerance newer Prometheus versions (after 2.42) use to ignore tiny bucket
 * differences caused by floating point error. Prometheus/promtool 2.42 has no such tolerance.
 */
export const PROMETHEUS_SMALL_DELTA_TOLERANCE = 1e-12;

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Prometheus 2.42's ensureMonotonic: every count below the running maximum is raised to it
 * (the "envelope"). Edge cases: n < 2 → nothing to do; a NaN first count makes the running
 * maximum NaN, so nothing after it changes; a NaN later count is left alone and skipped.
 * Works on counts[offset .. offset + n - 1]. Returns FORCED_MONOTONIC if any count was raised, else 0.
 */
export function ensureMonotonic(counts: Float64Array, n: number = counts.length, offset = 0): number {
  let forced = 0;
  let max = counts[offset];
  for (let i = offset + 1; i < offset + n; i++) {
    const c = counts[i];
    if (c > max) max = c;
    else if (c < max) {
      counts[i] = max;
      forced = FORCED_MONOTONIC;
    }
  }
  return forced;
}

/**
 * Prometheus' almost.Equal: |a-b| below epsilon relative to |a|+|b| (absolute near zero).
 * Edge cases: two NaNs are "equal"; a NaN and a number are not.
 */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * Newer Prometheus' ensureMonotonicAndIgnoreSmallDeltas: first a difference to the last
 * accepted count that is within `tolerance` (relative) is flattened in either direction, then
 * any remaining decrease is raised to the last accepted count. Edge cases as ensureMonotonic.
 * Returns FORCED_MONOTONIC | FIXED_PRECISION flags.
 */
export function ensureMonotonicIgnoringSmallDeltas(counts: Float64Array, tolerance: number, n: number = counts.length, offset = 0): number {
  let flags = 0;
  let prev = counts[offset];
  for (let i = offset + 1; i < offset + n; i++) {
    const curr = counts[i];
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      counts[i] = prev;
      flags |= FIXED_PRECISION;
      continue;
    }
    if (curr < prev) {
      counts[i] = prev;
      flags |= FORCED_MONOTONIC;
      continue;
    }
    prev = curr;
  }
  return flags;
}
