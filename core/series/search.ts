// Binary search over ascending arrays (sample times, cumulative counts). O(log n), no allocation.
//
// Edge cases, for all three: an empty range gives the "none" answer (`to`, or -1); the array must
// ascend for the answer to mean anything (with NaNs or disorder it is still an index in range).
// The two JavaScript searches compare with `<` / `<=`, so a NaN `x` is below nothing and at or
// before nothing (firstAtOrAfter → from, lastAtOrBefore → -1); goSearchAtLeast keeps Go's answer.

/**
 * The first index i in [from, to) with a[i] >= x (a lower bound), or `to` when every value there
 * is below x.
 */
export function firstAtOrAfter(a: ArrayLike<number>, x: number, from = 0, to = a.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index i with a[i] <= x (the sample in effect at time x), or -1 when there is none. */
export function lastAtOrBefore(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Go's sort.Search over [from, to) for the predicate a[i] >= x: the same halving and the same test
 * `!(a[i] >= x)`, so a NaN x or NaN values land where Go's do (a NaN x → `to`). histogram_quantile
 * needs this to match Prometheus bit for bit.
 */
export function goSearchAtLeast(a: ArrayLike<number>, x: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!(a[mid] >= x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The index of the value nearest to x (the earlier one on a tie), or -1 when `a` is empty.
 * Edge cases: x before the first value → 0; after the last → the last index.
 */
export function nearestIndex(a: ArrayLike<number>, x: number): number {
  const n = a.length;
  if (n === 0) return -1;
  const i = firstAtOrAfter(a, x, 0, n - 1);
  return i > 0 && Math.abs(a[i - 1] - x) <= Math.abs(a[i] - x) ? i - 1 : i;
}
