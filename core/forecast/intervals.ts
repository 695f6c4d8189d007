// Prediction intervals from backtest errors: a per-step error scale that never shrinks with the
// horizon, times empirical quantiles of the scale-free errors.
import { normalQuantile } from './normal';
import { quantileSorted } from './stats';

export interface Offsets {
  /** Offsets to add to the mean, lo ≤ 0 ≤ hi, one per forecast step. */
  lo: Float64Array;
  hi: Float64Array;
}

/** Below this many backtest errors the quantiles come from a normal fit instead of the sample. */
const MIN_EMPIRICAL = 40;

/**
 * Interval offsets for h steps from backtest errors laid out as errors[f·hb + k] (NaN = missing).
 * Scale σ_k: mean |error| over folds and steps within ±max(1, hb/10) of k, made non-decreasing in
 * k, grown as √(k/hb) beyond the backtested steps. Quantiles: of e/σ_k pooled over everything, or
 * of a normal with the same RMS (inflated for small samples) when fewer than 40 errors exist.
 * Edge cases: all errors 0 (constant series) → zero width; no finite error → zero width; the
 * offsets always satisfy lo ≤ 0 ≤ hi, so lower ≤ mean ≤ upper holds.
 */
export function offsetsFromErrors(errors: Float64Array, folds: number, hb: number, h: number, level: number): Offsets {
  const lo = new Float64Array(h);
  const hi = new Float64Array(h);
  const w = Math.max(1, Math.floor(hb / 10));
  // per-step mean |e| with prefix sums over steps (pooled across folds)
  const absSum = new Float64Array(hb + 1);
  const cnt = new Float64Array(hb + 1);
  for (let k = 0; k < hb; k++) {
    let s = 0;
    let c = 0;
    for (let f = 0; f < folds; f++) {
      const e = errors[f * hb + k];
      if (!Number.isNaN(e)) {
        s += Math.abs(e);
        c++;
      }
    }
    absSum[k + 1] = absSum[k] + s;
    cnt[k + 1] = cnt[k] + c;
  }
  const sigma = new Float64Array(hb);
  let run = 0;
  for (let k = 0; k < hb; k++) {
    const a = Math.max(0, k - w);
    const b = Math.min(hb, k + w + 1);
    const c = cnt[b] - cnt[a];
    const s = c > 0 ? (absSum[b] - absSum[a]) / c : 0;
    run = Math.max(run, s);
    sigma[k] = run;
  }
  if (!(run > 0)) return { lo, hi };
  const z: number[] = [];
  for (let f = 0; f < folds; f++) {
    for (let k = 0; k < hb; k++) {
      const e = errors[f * hb + k];
      if (!Number.isNaN(e) && sigma[k] > 0) z.push(e / sigma[k]);
    }
  }
  const qLo = (1 - level) / 2;
  let zLo: number;
  let zHi: number;
  if (z.length >= MIN_EMPIRICAL) {
    const sorted = Float64Array.from(z).sort();
    zLo = quantileSorted(sorted, qLo);
    zHi = quantileSorted(sorted, 1 - qLo);
  } else {
    let ss = 0;
    for (const v of z) ss += v * v;
    const rms = Math.sqrt(ss / Math.max(1, z.length)) * Math.sqrt(1 + 4 / Math.max(1, z.length));
    zHi = normalQuantile(1 - qLo) * (rms > 0 ? rms : 1.2533);
    zLo = -zHi;
  }
  zLo = Math.min(0, zLo);
  zHi = Math.max(0, zHi);
  for (let k = 0; k < h; k++) {
    const s = k < hb ? sigma[k] : sigma[hb - 1] * Math.sqrt((k + 1) / hb);
    lo[k] = zLo * s;
    hi[k] = zHi * s;
  }
  return { lo, hi };
}

/**
 * Random-walk offsets ±z·σ·√k, σ = RMS of one-step differences: used when the series is too short
 * to backtest. Edge cases: fewer than 2 points or constant series → zero width.
 */
export function randomWalkOffsets(y: ArrayLike<number>, h: number, level: number): Offsets {
  const lo = new Float64Array(h);
  const hi = new Float64Array(h);
  if (y.length < 2) return { lo, hi };
  let ss = 0;
  for (let i = 1; i < y.length; i++) ss += (y[i] - y[i - 1]) ** 2;
  const sigma = Math.sqrt(ss / (y.length - 1));
  const z = normalQuantile(1 - (1 - level) / 2);
  for (let k = 0; k < h; k++) {
    hi[k] = z * sigma * Math.sqrt(k + 1);
    lo[k] = -hi[k];
  }
  return { lo, hi };
}
