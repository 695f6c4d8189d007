// Seasonal profile: the typical deviation at each phase of a cycle, estimated robustly.

/**
 * Robust mean of a small sample: mean after dropping the lowest and highest (two of each from 8
 * values on), plain mean below 4 values, over v[0..k). Sorts them in place (insertion sort: meant
 * for small samples).
 * Edge cases: empty → 0 (no information about this phase means no seasonal effect).
 */
export function trimmedMean(v: Float64Array, k = v.length): number {
  if (k === 0) return 0;
  if (k < 4) {
    let s = 0;
    for (let i = 0; i < k; i++) s += v[i];
    return s / k;
  }
  // insertion sort: the samples are a handful of cycles, cheaper than TypedArray#sort's call
  for (let i = 1; i < k; i++) {
    const x = v[i];
    let j = i - 1;
    while (j >= 0 && v[j] > x) {
      v[j + 1] = v[j];
      j--;
    }
    v[j + 1] = x;
  }
  const drop = k >= 8 ? 2 : 1;
  let s = 0;
  for (let i = drop; i < k - drop; i++) s += v[i];
  return s / (k - 2 * drop);
}

/**
 * Seasonal profile of `d` (already detrended) for period `p` from at most the last `cycles` full or
 * partial cycles. Index j of the result is the phase (absolute index mod p). The profile is centred
 * to mean 0 so it carries no level. Edge cases: p < 2 → all zeros of length max(p,1); phases with no
 * data in the window → 0; NaN in d is skipped.
 */
export function seasonalProfile(d: ArrayLike<number>, p: number, cycles: number): Float64Array {
  const n = d.length;
  if (p < 2) return new Float64Array(Math.max(1, p));
  const from = Math.max(0, n - cycles * p);
  const perPhase = Math.ceil((n - from) / p) + 1;
  const buf = new Float64Array(perPhase);
  const prof = new Float64Array(p);
  for (let ph = 0; ph < p; ph++) {
    // first index ≥ from with index mod p = ph
    let i = from + ((ph - (from % p) + p) % p);
    let k = 0;
    for (; i < n; i += p) if (!Number.isNaN(d[i])) buf[k++] = d[i];
    prof[ph] = trimmedMean(buf, k);
  }
  let m = 0;
  for (let ph = 0; ph < p; ph++) m += prof[ph];
  m /= p;
  for (let ph = 0; ph < p; ph++) prof[ph] -= m;
  return prof;
}
