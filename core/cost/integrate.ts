// Integrating a sampled step function over time: instance-hours from instance counts.
//
// Semantics: sample i holds its value from t[i] until t[i+1], but for no longer than `maxHoldMs`
// (a scrape gap of 2 h with a 1-minute step is "unknown", not "the same fleet for 2 h"). The last
// sample holds for 0 ms: a range query's N samples at step s cover exactly (N-1)·s, the range.
// Non-finite values and non-increasing timestamps are skipped. Results are in value·hours.
export const MS_PER_HOUR = 3_600_000;
/** Prometheus' default lookback: a sample is current for 5 minutes. */
export const DEFAULT_LOOKBACK_MS = 5 * 60_000;

/** Smallest positive interval between consecutive timestamps, or 0 with fewer than two. */
export function smallestStep(t: ArrayLike<number>): number {
  let step = Infinity;
  for (let i = 1; i < t.length; i++) {
    const d = t[i] - t[i - 1];
    if (d > 0 && d < step) {
      step = d;
    }
  }
  return Number.isFinite(step) ? step : 0;
}

/** How long a sample may hold when no limit is given: the series' step, at least the lookback. */
export function defaultMaxHold(t: ArrayLike<number>): number {
  return Math.max(smallestStep(t), DEFAULT_LOOKBACK_MS);
}

/**
 * ∫ v dt over [start, end] (ms), in value·hours. `start`/`end` default to the series' own span.
 */
export function integrateStep(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  start = -Infinity,
  end = Infinity,
  maxHoldMs = defaultMaxHold(t),
): number {
  const n = Math.min(t.length, v.length);
  let sum = 0;
  if (start === -Infinity && end === Infinity) {
    // Hot path (whole series): no clipping.
    for (let i = 0; i + 1 < n; i++) {
      const d = t[i + 1] - t[i];
      const x = v[i];
      // x - x === 0 is false for NaN and ±Infinity
      if (d > 0 && x - x === 0) {
        sum += x * (d < maxHoldMs ? d : maxHoldMs);
      }
    }
    return sum / MS_PER_HOUR;
  }
  for (let i = 0; i + 1 < n; i++) {
    const t0 = t[i];
    const t1 = t[i + 1];
    const x = v[i];
    if (!(t1 > t0) || !(x - x === 0) || x === 0) {
      continue;
    }
    const a = t0 > start ? t0 : start;
    const holdEnd = t0 + (t1 - t0 < maxHoldMs ? t1 - t0 : maxHoldMs);
    const b = holdEnd < end ? holdEnd : end;
    if (b > a) {
      sum += x * (b - a);
    }
  }
  return sum / MS_PER_HOUR;
}
