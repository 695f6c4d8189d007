// Per-bucket (de-accumulated) counts and bucket ranges for display.

/**
 * Per-bucket counts from sorted, merged cumulative counts: out[0] = cum[0],
 * out[j] = cum[j] - cum[j-1]. Edge cases: run repairCounts first to guarantee no negative
 * differences (otherwise a decrease gives a negative count); NaN inputs give NaN for the
 * buckets on either side; size 0 → nothing written.
 */
export function deaccumulate(cum: ArrayLike<number>, size: number, out: Float64Array = new Float64Array(size)): Float64Array {
  let prev = 0;
  for (let j = 0; j < size; j++) {
    const c = cum[j];
    out[j] = j === 0 ? c : c - prev;
    prev = c;
  }
  return out;
}

/**
 * Lower bound of each merged bucket as histogram_quantile assumes it: the previous upper
 * bound, and for the lowest bucket 0 if its upper bound is > 0, else -Inf.
 * Edge case: size 0 → empty array.
 */
export function lowerBounds(bounds: ArrayLike<number>, size: number = bounds.length): Float64Array {
  const out = new Float64Array(size);
  for (let j = 0; j < size; j++) out[j] = j > 0 ? bounds[j - 1] : bounds[0] > 0 ? 0 : -Infinity;
  return out;
}
