/** Index of the value in ascending `t` nearest to `x` (binary search), or -1 when t is empty. */
export function nearestIndex(t: ArrayLike<number>, x: number): number {
  const n = t.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(t[lo - 1] - x) <= Math.abs(t[lo] - x) ? lo - 1 : lo;
}
