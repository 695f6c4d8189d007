// Small statistics helpers over numeric arrays. Pure functions, no allocation beyond what is stated.
// Long loops sit alone in small functions that return right after them (copyFinite, …): V8
// compiles a loop that runs long on its first call on its own (on-stack replacement), and code
// after it that had never run yet would send every later call back to the interpreter.

import { selectKth } from '../series/select';

export { selectKth };

export type Num = ArrayLike<number>;

/** Arithmetic mean. Edge cases: empty input → NaN; NaN values propagate. */
export function mean(x: Num): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Quantile of an ascending sorted array with linear interpolation between order statistics
 * (the "type 7" definition). Edge cases: empty → NaN; q ≤ 0 → first; q ≥ 1 → last.
 */
export function quantileSorted(sorted: Num, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (q <= 0) return sorted[0];
  if (q >= 1) return sorted[n - 1];
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  return lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/** Copy the finite values of x (NaN/±Inf dropped) to the front of out; returns how many. */
function copyFinite(x: Num, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out[k++] = x[i];
  return k;
}

/** Sorted finite copy of x (NaN/±Inf dropped). */
export function sortedFinite(x: Num): Float64Array {
  const out = new Float64Array(x.length);
  return out.subarray(0, copyFinite(x, out)).sort();
}

/** Quantile of the finite values of x (unsorted input). Edge cases: no finite value → NaN. */
export function quantile(x: Num, q: number): number {
  return quantileSorted(sortedFinite(x), q);
}

/** Median of the first n values of a finite-valued scratch array (reordered). Edge cases: n = 0 → NaN. */
function medianInPlace(a: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const hi = selectKth(a, n >> 1, n);
  if (n % 2) return hi;
  // the lower middle is the largest value left of position n/2 after selection
  return 0.5 * (maxFirst(a, n >> 1) + hi);
}

/** Largest of a[0..k). Edge cases: k = 0 → -Infinity. */
function maxFirst(a: Float64Array, k: number): number {
  let lo = -Infinity;
  for (let i = 0; i < k; i++) if (a[i] > lo) lo = a[i];
  return lo;
}

/** Median of the finite values of x. Edge cases: no finite value → NaN. */
export function median(x: Num): number {
  const a = new Float64Array(x.length);
  return medianInPlace(a, copyFinite(x, a));
}

/** |x[i] − m| of the finite x[i], in order, to the front of out; returns how many. */
function absDeviations(x: Num, m: number, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out[k++] = Math.abs(x[i] - m);
  return k;
}

/** Sum of a[0..k) in index order. */
function sumFirst(a: Float64Array, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += a[i];
  return s;
}

/**
 * Robust scale: 1.4826 × median absolute deviation from the median (σ for normal data).
 * Edge cases: no finite value → NaN. When more than half the values are identical the MAD is 0;
 * then the mean absolute deviation × 1.2533 is returned instead (0 only for a constant series).
 */
export function robustScale(x: Num): number {
  const m = median(x);
  if (!Number.isFinite(m)) return NaN;
  const dev = new Float64Array(x.length);
  const k = absDeviations(x, m, dev);
  const mad = medianInPlace(dev, k);
  if (mad > 0) return 1.4826 * mad;
  // only now the sum, of the deviations in their order again (the selection reordered them): the
  // common case skips a loop that V8 compiled twice in every cold fit
  absDeviations(x, m, dev);
  return k > 0 ? (1.2533 * sumFirst(dev, k)) / k : 0;
}

/** Mean absolute value. Edge cases: empty → NaN. */
export function meanAbs(x: Num): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s / x.length;
}

/**
 * Ordinary least-squares line through (i, x[i]) for i = 0..n-1, returned as value at i = 0 and
 * slope per index. Edge cases: n = 0 → NaN/NaN; n = 1 → (x[0], 0).
 */
export function leastSquares(x: Num): { intercept: number; slope: number } {
  const n = x.length;
  if (n === 0) return { intercept: NaN, slope: NaN };
  if (n === 1) return { intercept: x[0], slope: 0 };
  const mi = (n - 1) / 2;
  const my = mean(x);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const di = i - mi;
    sxy += di * (x[i] - my);
    sxx += di * di;
  }
  const slope = sxy / sxx;
  return { intercept: my - slope * mi, slope };
}

/**
 * Geometric mean. Edge cases: empty → NaN; any value ≤ 0 or non-finite → NaN
 * (a geometric mean is undefined there, and hiding it would flatter a score).
 */
export function geometricMean(x: Num): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0) || !Number.isFinite(x[i])) return NaN;
    s += Math.log(x[i]);
  }
  return Math.exp(s / x.length);
}

/** x[i] − x[i−1] for i = 1..n−1. Edge cases: fewer than 2 points → empty. */
export function differences(x: Num): Float64Array {
  const d = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) d[i - 1] = x[i] - x[i - 1];
  return d;
}

/**
 * Robust σ of one step's change (MAD of first differences / √2): noise alone gives its own σ; a
 * smooth but steep series (a fast daily swing at a fine step) gives the usual move per step, which
 * no spike threshold should undercut. Edge cases: fewer than 2 points → 0.
 */
export function stepScale(x: Num): number {
  if (x.length < 2) return 0;
  return robustScale(differences(x)) / Math.SQRT2;
}
