// Counter-reset aware per-interval increases for raw `_bucket` counter series.

/**
 * Per-interval increase of one counter series sampled at successive times: out[0] = NaN (no
 * previous sample), out[t] = v[t] - v[t-1], or v[t] when the counter went down (a reset, the
 * counter restarted from 0, as Prometheus' rate()/increase() assume). Edge cases: a NaN on
 * either side → NaN (a gap; the next sample after a gap compares with the last one before it
 * only if `bridgeGaps` is true); negative or infinite values are used as they are.
 */
export function counterIncreases(values: ArrayLike<number>, bridgeGaps = false, out: Float64Array = new Float64Array(values.length)): Float64Array {
  let prev = NaN;
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    if (Number.isNaN(v) || Number.isNaN(prev)) out[t] = NaN;
    else out[t] = v < prev ? v : v - prev;
    if (!Number.isNaN(v) || !bridgeGaps) prev = v;
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
 * Sum of counter increases over samples [from, to] (inclusive), reset aware: the total that
 * Prometheus' increase() would see without its extrapolation to the range edges.
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
      total += v < prev ? v : v - prev;
      pairs++;
    }
    prev = v;
  }
  return pairs === 0 ? NaN : total;
}
