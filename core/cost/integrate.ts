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
 * How long each sample holds inside [start, end] (ms): the weights integrateStep multiplies values
 * by. Depends only on the timestamps, so series that share a time array share their weights.
 * The last sample and samples before a non-increasing timestamp weigh 0.
 */
export function holdWeights(t: ArrayLike<number>, start = -Infinity, end = Infinity, maxHoldMs = defaultMaxHold(t)): Float64Array {
  const n = t.length;
  const w = new Float64Array(n);
  if (start === -Infinity && end === Infinity) {
    // Whole series: no clipping.
    for (let i = 0; i + 1 < n; i++) {
      const d = t[i + 1] - t[i];
      w[i] = d > 0 ? (d < maxHoldMs ? d : maxHoldMs) : 0;
    }
    return w;
  }
  for (let i = 0; i + 1 < n; i++) {
    const t0 = t[i];
    const t1 = t[i + 1];
    if (!(t1 > t0)) {
      continue;
    }
    const a = t0 > start ? t0 : start;
    const holdEnd = t0 + (t1 - t0 < maxHoldMs ? t1 - t0 : maxHoldMs);
    const b = holdEnd < end ? holdEnd : end;
    w[i] = b > a ? b - a : 0;
  }
  return w;
}

/** Σ v[i]·w[i] over finite values, in value·hours (w from holdWeights). */
export function integrateWeighted(v: ArrayLike<number>, w: Float64Array): number {
  const n = Math.min(v.length, w.length);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    // x - x === 0 is false for NaN and ±Infinity
    if (x - x === 0 && w[i] > 0) {
      sum += x * w[i];
    }
  }
  return sum / MS_PER_HOUR;
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
  return integrateWeighted(v, holdWeights(n === t.length ? t : Array.prototype.slice.call(t, 0, n), start, end, maxHoldMs));
}
