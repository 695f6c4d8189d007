// Order statistics (medians, quantiles of samples) for the forecaster and the scaling maths.

/**
 * k-th smallest (0-based) of a[0..n) by quickselect; reorders `a` in place. Expected O(n).
 * Edge cases: k outside [0, n) → NaN; NaN in `a` gives an unspecified order (callers pass finite).
 */
export function selectKth(a: Float64Array, k: number, n = a.length): number {
  if (!(k >= 0 && k < n)) return NaN;
  partitionAround(a, k, n);
  return a[k];
}

/**
 * Reorder a[0..n) (0 ≤ k < n) so that a[k] holds its k-th smallest value. The loop sits alone in a
 * function that returns right after it: V8 compiles a long loop during its first run, and a read
 * after it that had never run sent the compiled code back to the interpreter.
 */
function partitionAround(a: Float64Array, k: number, n: number): void {
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
    else return; // j < k < i: a[k] equals the pivot, in place
  }
}
