// Reference forecasts: seasonal naive and Prometheus-style predict_linear.
import { leastSquares } from './stats';

/**
 * Seasonal naive: repeat the last cycle of length p (p = 1: repeat the last value).
 * Edge cases: p < 1 is treated as 1; a series shorter than p repeats its last value (plain
 * naive); empty y → NaNs.
 */
export function seasonalNaive(y: ArrayLike<number>, p: number, h: number): Float64Array {
  const n = y.length;
  const q = n < p ? 1 : Math.max(1, Math.floor(p));
  const out = new Float64Array(h);
  for (let k = 1; k <= h; k++) out[k - 1] = n === 0 ? NaN : y[n - q + ((k - 1) % q)];
  return out;
}

/**
 * predict_linear: least-squares line over the last `window` points, extrapolated.
 * Edge cases: window larger than y uses all of y; one point → flat; empty → NaNs.
 */
export function predictLinear(y: ArrayLike<number>, window: number, h: number): Float64Array {
  const n = y.length;
  const w = Math.max(1, Math.min(n, Math.floor(window)));
  const seg = Array.prototype.slice.call(y, n - w) as number[];
  const { intercept, slope } = leastSquares(seg);
  const out = new Float64Array(h);
  for (let k = 1; k <= h; k++) out[k - 1] = intercept + slope * (w - 1 + k);
  return out;
}

/**
 * Mean absolute in-sample error of the seasonal naive forecast one cycle ahead (the MASE scale).
 * Edge cases: y no longer than p → NaN; constant y → 0.
 */
export function seasonalNaiveScale(y: ArrayLike<number>, p: number): number {
  const q = Math.max(1, Math.floor(p));
  const n = y.length;
  if (n <= q) return NaN;
  return absLagSum(y, q) / (n - q);
}

/** Σ |y[i] − y[i−q]| for i = q..n−1 (a loop alone in a small function: see stats.ts). */
function absLagSum(y: ArrayLike<number>, q: number): number {
  let s = 0;
  for (let i = q; i < y.length; i++) s += Math.abs(y[i] - y[i - q]);
  return s;
}
