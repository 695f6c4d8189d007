// Robust outlier replacement: isolated spikes far from a local median of the deseasonalised series.
import { decompose, profileCycles, seasonalAt } from './decompose';
import { median, robustScale, stepScale } from './stats';

/**
 * Insert v into the ascending buf[0..m), after the values equal to it; returns the new length.
 * Edge cases: buf must have room for m + 1 values.
 */
function insertSorted(buf: Float64Array, m: number, v: number): number {
  let i = m;
  while (i > 0 && buf[i - 1] > v) {
    buf[i] = buf[i - 1];
    i--;
  }
  buf[i] = v;
  return m + 1;
}

/**
 * Replace the first value equal (===) to `old` in the ascending buf[0..m) by v, which lands after
 * the values equal to it: the same buffer as inserting v, then removing the first `old`, in one
 * shift. Edge cases: `old` absent (only with NaN, which callers exclude) → the largest value goes.
 */
function replaceSorted(buf: Float64Array, m: number, old: number, v: number): void {
  let j = 0;
  while (j < m - 1 && buf[j] !== old) j++;
  while (j < m - 1 && buf[j + 1] <= v) {
    buf[j] = buf[j + 1];
    j++;
  }
  while (j > 0 && buf[j - 1] > v) {
    buf[j] = buf[j - 1];
    j--;
  }
  buf[j] = v;
}

/** Remove the first value equal (===) to v from buf[0..m); returns the new length (see replaceSorted). */
function removeSorted(buf: Float64Array, m: number, v: number): number {
  let i = 0;
  while (i < m - 1 && buf[i] !== v) i++;
  for (; i < m - 1; i++) buf[i] = buf[i + 1];
  return m - 1;
}

/**
 * Running median over a centred odd window (shrinking at the ends), kept as a sorted buffer that
 * slides by one replacement per step (one removal and one insertion at the ends): O(n·w).
 * Edge cases: w ≤ 1 → copy; empty → empty; y must be free of NaN.
 */
export function runningMedian(x: ArrayLike<number>, w: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const half = Math.max(0, (w - 1) >> 1);
  const buf = new Float64Array(2 * half + 2);
  let m = 0;
  for (let j = 0; j < Math.min(n, half); j++) m = insertSorted(buf, m, x[j]);
  for (let i = 0; i < n; i++) {
    const enters = i + half < n;
    const leaves = i - half - 1 >= 0;
    if (enters && leaves) replaceSorted(buf, m, x[i - half - 1], x[i + half]);
    else if (enters) m = insertSorted(buf, m, x[i + half]);
    else if (leaves) m = removeSorted(buf, m, x[i - half - 1]);
    out[i] = m % 2 ? buf[m >> 1] : 0.5 * (buf[(m >> 1) - 1] + buf[m >> 1]);
  }
  return out;
}

/** Longest run of consecutive far points that still counts as a spike; longer is a level shift. */
export const MAX_SPIKE_RUN = 3;
/** Largest share of a series the cleaning may replace, whatever the rule finds. */
export const MAX_OUTLIER_SHARE = 0.02;

/**
 * Scale of residuals that neither outliers nor quantisation fool: the larger of the MAD-based σ
 * (robust to spikes) and the mean-absolute-deviation σ (a series whose values repeat, like a CPU
 * gauge quantised to a few levels, has a MAD of zero or nearly, which would make every ordinary
 * step an "outlier"). Edge cases: empty → NaN; all equal → 0.
 */
export function residualScale(r: ArrayLike<number>): number {
  const mad = robustScale(r);
  const n = r.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += r[i];
  mean /= n;
  let dev = 0;
  for (let i = 0; i < n; i++) dev += Math.abs(r[i] - mean);
  return Math.max(mad, (1.2533 * dev) / n);
}

/**
 * Indices to replace: points more than k σ (the larger of residualScale and stepScale) from the
 * running median (window 11) of `base`, in runs of at most MAX_SPIKE_RUN consecutive points (a
 * longer run is a level shift or a regime, not a spike) that also stand out, in their direction,
 * from the medians of the 5 points before and the 5 after the run, which must not differ by more
 * than the limit themselves (that is a level shift); the farthest runs first, at most `budget` points.
 * Edge cases: σ = 0 (constant stretches) → none; budget ≤ 0 → none.
 */
export function isolatedSpikes(base: Float64Array, k: number, budget: number): { index: Int32Array; median: Float64Array } {
  const n = base.length;
  const med = runningMedian(base, 11);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = base[i] - med[i];
  const sigma = Math.max(residualScale(r), stepScale(base));
  if (!(sigma > 0)) return { index: new Int32Array(0), median: med };
  const limit = k * sigma;
  // a run stands out from the medians of the 5 points before it and the 5 after it, in its own
  // direction: the first points of a level shift are level with the points after them; and a run
  // whose two sides differ by more than the limit sits on a level shift (its few points just after
  // the jump may look far from the local median), so it is kept as observed
  const standsOut = (start: number, end: number) => {
    const sides: number[] = [];
    for (const [from, to] of [[Math.max(0, start - 5), start], [end, Math.min(n, end + 5)]]) {
      if (to <= from) continue;
      const side = median(base.subarray(from, to));
      sides.push(side);
      for (let i = start; i < end; i++) {
        const d = base[i] - side;
        if (r[i] > 0 ? d <= limit : d >= -limit) return false;
      }
    }
    return sides.length < 2 || Math.abs(sides[0] - sides[1]) <= limit;
  };
  const runs: { start: number; end: number; peak: number }[] = [];
  for (let i = 0; i < n; ) {
    if (!(Math.abs(r[i]) > limit)) {
      i++;
      continue;
    }
    let j = i;
    let peak = 0;
    while (j < n && Math.abs(r[j]) > limit) peak = Math.max(peak, Math.abs(r[j++]));
    // the run's extent counts its neighbours beyond half the limit on the same side too, so a
    // plateau whose edge points lean on a seasonal slope is not split into short "spikes"
    const sign = Math.sign(r[i]);
    let from = i;
    let to = j;
    while (from > 0 && sign * r[from - 1] > limit / 2) from--;
    while (to < n && sign * r[to] > limit / 2) to++;
    if (to - from <= MAX_SPIKE_RUN && standsOut(i, j)) runs.push({ start: i, end: j, peak });
    i = j;
  }
  runs.sort((a, b) => b.peak - a.peak);
  const picked: number[] = [];
  for (const run of runs) {
    if (picked.length + (run.end - run.start) > budget) continue;
    for (let i = run.start; i < run.end; i++) picked.push(i);
  }
  return { index: Int32Array.from(picked), median: med };
}

/** Replace the isolated spikes of `base` (see isolatedSpikes) in `out` by the local median plus add(i). */
function replaceFarFromMedian(base: Float64Array, out: Float64Array, k: number, budget: number, add: (i: number) => number): number {
  const { index, median } = isolatedSpikes(base, k, budget);
  for (const i of index) out[i] = median[i] + add(i);
  return index.length;
}

/**
 * Replace outliers in two stages. First gross ones: far from the running median of the raw
 * series (there the seasonal swing itself widens σ, so only huge spikes go); they would otherwise
 * bend the moving-average trend of the decomposition and with it every phase of the profile.
 * Then, on that, points whose deseasonalised value lies more than `k` robust σ from the running
 * median of its neighbours (window 11) become that median plus the seasonal effect. Only isolated
 * spikes go (runs of at most MAX_SPIKE_RUN points, at most MAX_OUTLIER_SHARE of the series): a level
 * shift is not an outlier, and a heavy-tailed or quantised series is not mostly outliers.
 * Edge cases: fewer than 12 points → unchanged; a constant series (σ = 0) → unchanged; a period is
 * used only when it fits twice; y must be free of NaN; y itself is never modified.
 */
export function replaceOutliers(y: Float64Array, periods: number[], k = 5): { values: Float64Array; replaced: number } {
  const n = y.length;
  if (n < 12) return { values: y, replaced: 0 };
  const budget = Math.max(1, Math.floor(MAX_OUTLIER_SHARE * n));
  const pre = y.slice();
  const gross = replaceFarFromMedian(y, pre, 2 * k, budget, () => 0);
  const usable = periods.filter((p) => p >= 2 && n >= 2 * p);
  const dec = usable.length > 0 ? decompose(pre, usable, usable.map((p) => profileCycles(p, usable))) : null;
  if (!dec) return gross > 0 ? { values: pre, replaced: gross } : { values: y, replaced: 0 };
  const out = pre.slice();
  const fine = replaceFarFromMedian(dec.adjusted, out, k, budget - gross, (i) => seasonalAt(dec, i));
  // a point counts once even when both stages touched it
  let replaced = 0;
  for (let i = 0; i < n; i++) if (out[i] !== y[i]) replaced++;
  return fine + gross > 0 ? { values: out, replaced } : { values: y, replaced: 0 };
}
