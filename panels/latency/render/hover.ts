import { firstAtOrAfter } from '../../../core/series/search';

/**
 * Index of the data column under time `t` (the first column whose end time is ≥ t), or -1
 * when t is outside the data. Binary search: O(log n). Edge cases: empty → -1; t beyond the
 * last column by more than one step → -1.
 */
export function columnAt(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0 || t > times[n - 1] + (n > 1 ? times[n - 1] - times[n - 2] : 0)) return -1;
  const lo = firstAtOrAfter(times, t, 0, n - 1);
  const step = n > 1 ? times[Math.min(n - 1, Math.max(1, lo))] - times[Math.max(0, Math.min(n - 2, lo - 1))] : Infinity;
  return t < times[lo] - step ? -1 : lo;
}

/** Bucket row under pixel y (rows from createYScale), or -1. Rows are few: a linear scan. */
export function rowAt(rowTop: ArrayLike<number>, rowBottom: ArrayLike<number>, y: number): number {
  for (let j = 0; j < rowTop.length; j++) {
    if (y >= rowTop[j] && y < rowBottom[j]) return j;
  }
  return -1;
}
