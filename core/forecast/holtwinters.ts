// Additive Holt-Winters (level + optional damped trend + one seasonal cycle), grid-fitted on the
// multi-step in-sample error, like ets.ts.
import { leadTimes } from './ets';

export interface HoltWintersFit {
  alpha: number;
  gamma: number;
  beta: number;
  phi: number;
  level: number;
  slope: number;
  /** Seasonal state indexed by absolute index mod p (of the full series). */
  season: Float64Array;
  loss: number;
}

const ALPHAS = [0.03, 0.1, 0.3];
const GAMMAS = [0.03, 0.1, 0.25];
const TRENDS: Array<[number, number]> = [[0, 0], [0.02, 0.95]];

/**
 * One smoothing pass over y[from..n), seasonal state indexed by absolute index mod p.
 * Edge cases: needs at least two cycles after `from` (callers check).
 */
function pass(y: Float64Array, from: number, p: number, alpha: number, gamma: number, beta: number, phi: number, leads: number[]) {
  const n = y.length;
  const s = new Float64Array(p);
  let l = 0;
  for (let i = from; i < from + p; i++) l += y[i];
  l /= p;
  for (let i = from; i < from + p; i++) s[i % p] = y[i] - l;
  let b = 0;
  const phiSum = new Float64Array(leads[leads.length - 1] + 1);
  let pw = 1;
  for (let k = 1; k < phiSum.length; k++) {
    pw *= phi;
    phiSum[k] = phiSum[k - 1] + pw;
  }
  const warm = from + 2 * p;
  const stride = Math.max(1, Math.floor((n - warm) / 150));
  let loss = 0;
  let cnt = 0;
  for (let t = from + p; t < n; t++) {
    const ph = t % p;
    const pred = l + phi * b;
    const nl = alpha * (y[t] - s[ph]) + (1 - alpha) * pred;
    b = beta * (nl - l) + (1 - beta) * phi * b;
    l = nl;
    s[ph] = gamma * (y[t] - l) + (1 - gamma) * s[ph];
    if (t >= warm && (n - 1 - t) % stride === 0) {
      for (let j = 0; j < leads.length; j++) {
        const k = leads[j];
        if (t + k >= n) break;
        loss += Math.abs(y[t + k] - (l + phiSum[k] * b + s[(t + k) % p]));
        cnt++;
      }
    }
  }
  return { level: l, slope: b, season: s, loss: cnt > 0 ? loss / cnt : NaN };
}

/**
 * Grid-fit additive Holt-Winters with period p over the recent part of y (at most max(8p, 2000)
 * points). Edge cases: returns null when fewer than 3 cycles are available; y must be free of NaN.
 */
export function fitHoltWinters(y: Float64Array, p: number, h: number): HoltWintersFit | null {
  const n = y.length;
  if (p < 2 || n < 3 * p) return null;
  const from = Math.max(0, n - Math.max(8 * p, 2000));
  const hh = Math.max(1, Math.min(h, Math.floor((n - from) / 3)));
  const leads = leadTimes(hh);
  let best: HoltWintersFit | null = null;
  for (const [beta, phi] of TRENDS) {
    for (const alpha of ALPHAS) {
      for (const gamma of GAMMAS) {
        const r = pass(y, from, p, alpha, gamma, beta, phi, leads);
        if (Number.isFinite(r.loss) && (best === null || r.loss < best.loss)) {
          best = { alpha, gamma, beta, phi, level: r.level, slope: r.slope, season: r.season, loss: r.loss };
        }
      }
    }
  }
  return best;
}

/** Forecast 1..h ahead of a series of length n from a fit. Edge cases: h ≤ 0 → empty. */
export function holtWintersForecast(f: HoltWintersFit, n: number, h: number): Float64Array {
  const p = f.season.length;
  const out = new Float64Array(Math.max(0, h));
  let damp = 0;
  let pw = 1;
  for (let k = 1; k <= h; k++) {
    pw *= f.phi;
    damp += pw;
    out[k - 1] = f.level + damp * f.slope + f.season[(n - 1 + k) % p];
  }
  return out;
}
