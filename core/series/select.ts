// Order statistics (medians, quantiles of samples) for the forecaster and the scaling maths.

/**
 * k-th smallest (0-based) of a[0..n) by quickselect; reorders `a` in place. Expected O(n).
 * Edge cases: k outside [0, n) → NaN; NaN in `a` gives an unspecified order (callers pass finite).
 */
export function selectKth(a: Float64Array, k: number, n = a.length): number {
  if (!(k >= 0 && k < n)) return NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
