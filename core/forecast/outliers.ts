// Robust outlier replacement: points far from a local median of the deseasonalised series.
import { decompose, profileCycles, seasonalAt } from './decompose';
import { robustScale } from './stats';

/**
 * Running median over a centred odd window (shrinking at the ends), kept as a sorted buffer that
 * slides by one removal and one insertion per step: O(n·w).
 * Edge cases: w ≤ 1 → copy; empty → empty; y must be free of NaN.
 */
export function runningMedian(x: ArrayLike<number>, w: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const half = Math.max(0, (w - 1) >> 1);
  const buf = new Float64Array(2 * half + 2);
  let m = 0;
  const insert = (v: number) => {
    let i = m++;
    while (i > 0 && buf[i - 1] > v) {
      buf[i] = buf[i - 1];
      i--;
    }
    buf[i] = v;
  };
  const remove = (v: number) => {
    let i = 0;
    while (i < m - 1 && buf[i] !== v) i++;
    for (; i < m - 1; i++) buf[i] = buf[i + 1];
    m--;
  };
  for (let j = 0; j < Math.min(n, half); j++) insert(x[j]);
  for (let i = 0; i < n; i++) {
    if (i + half < n) insert(x[i + half]);
    if (i - half - 1 >= 0) remove(x[i - half - 1]);
    out[i] = m % 2 ? buf[m >> 1] : 0.5 * (buf[(m >> 1) - 1] + buf[m >> 1]);
  }
  return out;
}

/**
 * Points more than k robust σ from the running median (window 11) of `base`, replaced in `out` by
 * that median plus `add(i)`. Returns how many. Edge cases: σ = 0 (constant stretches) → none.
 */
function replaceFarFromMedian(base: Float64Array, out: Float64Array, k: number, add: (i: number) => number): number {
  const n = base.length;
  const med = runningMedian(base, 11);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = base[i] - med[i];
  const sigma = robustScale(r);
  if (!(sigma > 0)) return 0;
  let replaced = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(r[i]) > k * sigma) {
      out[i] = med[i] + add(i);
      replaced++;
    }
  }
  return replaced;
}

/**
 * Replace outliers in two stages. First gross ones: far from the running median of the raw
 * series (there the seasonal swing itself widens σ, so only huge spikes go); they would otherwise
 * bend the moving-average trend of the decomposition and with it every phase of the profile.
 * Then, on that, points whose deseasonalised value lies more than `k` robust σ from the running
 * median of its neighbours (window 11) become that median plus the seasonal effect. A level shift
 * is not an outlier: once it lasts more than half the window the median follows it.
 * Edge cases: fewer than 12 points → unchanged; a constant series (σ = 0) → unchanged; a period is
 * used only when it fits twice; y must be free of NaN; y itself is never modified.
 */
export function replaceOutliers(y: Float64Array, periods: number[], k = 5): { values: Float64Array; replaced: number } {
  const n = y.length;
  if (n < 12) return { values: y, replaced: 0 };
  const pre = y.slice();
  const gross = replaceFarFromMedian(y, pre, 2 * k, () => 0);
  const usable = periods.filter((p) => p >= 2 && n >= 2 * p);
  const dec = usable.length > 0 ? decompose(pre, usable, usable.map((p) => profileCycles(p, usable))) : null;
  if (!dec) return gross > 0 ? { values: pre, replaced: gross } : { values: y, replaced: 0 };
  const out = pre.slice();
  const fine = replaceFarFromMedian(dec.adjusted, out, k, (i) => seasonalAt(dec, i));
  // a point counts once even when both stages touched it
  let replaced = 0;
  for (let i = 0; i < n; i++) if (out[i] !== y[i]) replaced++;
  return fine + gross > 0 ? { values: out, replaced } : { values: y, replaced: 0 };
}
