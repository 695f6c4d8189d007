// Additive Holt-Winters (level + optional damped trend + one seasonal cycle), grid-fitted on the
// multi-step in-sample error, like ets.ts.
import { leadTimes, phiSums } from './ets';

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

/** What every pass over y[from..n) shares: the first cycle's level and season, the loss origins. */
interface PassSetup {
  from: number;
  p: number;
  leads: number[];
  level0: number;
  season0: Float64Array;
  /** First loss origin (≥ from + 2p, n − 1 − origin a multiple of stride); n or more when none. */
  first: number;
  stride: number;
  /** Number of (origin, lead) pairs the loss averages over. */
  pairs: number;
}

/** Setup of the passes over y[from..n). Edge cases: needs at least two cycles after `from` (callers check). */
function passSetup(y: Float64Array, from: number, p: number, leads: number[]): PassSetup {
  const n = y.length;
  let level0 = 0;
  for (let i = from; i < from + p; i++) level0 += y[i];
  level0 /= p;
  const season0 = new Float64Array(p);
  for (let i = from; i < from + p; i++) season0[i % p] = y[i] - level0;
  const warm = from + 2 * p;
  const stride = Math.max(1, Math.floor((n - warm) / 150));
  const first = warm <= n - 1 ? n - 1 - Math.floor((n - 1 - warm) / stride) * stride : n;
  let pairs = 0;
  for (let t = first; t < n; t += stride) {
    for (let j = 0; j < leads.length && t + leads[j] < n; j++) pairs++;
  }
  return { from, p, leads, level0, season0, first, stride, pairs };
}

/**
 * One smoothing pass over y[from..n), seasonal state (written into `s`) indexed by absolute index
 * mod p; `keep` is (1 − β)·φ, the slope's share carried from one step to the next. Stops early with
 * loss Infinity once the error summed so far makes the mean reach `reject` (sums of |error| only
 * grow). Writes the final level, slope and loss into out[0..3). Edge cases: no loss origin → loss NaN.
 */
// V8 compiles this loop on the fly during the first call and speculates from what it has seen so
// far; the compiled code goes back to the interpreter (and is compiled again) when a speculation
// fails. Hence: (1 − β)·φ comes from the caller (the first passes have β = φ = 0, small integers,
// and the compiled subtraction failed on the first non-integer β), the pass has one return (an
// early one that had never run failed too), and the result goes into a Float64Array (a returned
// object's slope was the integer 0 in the first passes, β = 0: the field's change to a double
// when β > 0 made V8 throw away the compiled pass). The setup comes as numbers and arrays, not as
// the PassSetup object: a compile that read it was thrown away too ("field type dependency").
// `s` holds the first cycle's season on entry (p = s.length).
function pass(
  y: Float64Array, s: Float64Array, level0: number, from: number, first: number, stride: number, pairs: number, leads: number[],
  alpha: number, gamma: number, beta: number, phi: number, keep: number, phiSum: Float64Array, reject: number, out: Float64Array,
): void {
  const n = y.length;
  const p = s.length;
  let l = level0;
  let b = 0;
  let loss = 0;
  let cnt = 0;
  let next = first;
  let ph = (from + p) % p;
  // the constant factors, hoisted: (1 − β)·φ·b is ((1 − β)·φ)·b, the same bits
  const restA = 1 - alpha;
  const restG = 1 - gamma;
  for (let t = from + p; t < n; t++) {
    const pred = l + phi * b;
    const nl = alpha * (y[t] - s[ph]) + restA * pred;
    b = beta * (nl - l) + keep * b;
    l = nl;
    s[ph] = gamma * (y[t] - l) + restG * s[ph];
    if (++ph === p) ph = 0;
    if (t === next) {
      next += stride;
      for (let j = 0; j < leads.length; j++) {
        const k = leads[j];
        if (t + k >= n) break;
        loss += Math.abs(y[t + k] - (l + phiSum[k] * b + s[(t + k) % p]));
        cnt++;
      }
      if (loss / pairs >= reject) {
        cnt = -1; // rejected
        break;
      }
    }
  }
  out[0] = l;
  out[1] = b;
  out[2] = cnt < 0 ? Infinity : cnt > 0 ? loss / cnt : NaN;
}

/** Most recent points a Holt-Winters fit of period p reads: eight cycles, at least 2000 points. */
export function holtWintersWindow(p: number): number {
  return Math.max(8 * p, 2000);
}

/**
 * Grid-fit additive Holt-Winters with period p over the recent part of y (holtWintersWindow(p)
 * points). Edge cases: returns null when fewer than 3 cycles are available; y must be free of NaN.
 */
export function fitHoltWinters(y: Float64Array, p: number, h: number): HoltWintersFit | null {
  const n = y.length;
  if (p < 2 || n < 3 * p) return null;
  const from = Math.max(0, n - holtWintersWindow(p));
  const hh = Math.max(1, Math.min(h, Math.floor((n - from) / 3)));
  const leads = leadTimes(hh);
  const setup = passSetup(y, from, p, leads);
  let best: HoltWintersFit | null = null;
  let s = new Float64Array(p);
  const r = new Float64Array(3); // level, slope, loss of the latest pass
  for (const [beta, phi] of TRENDS) {
    const phiSum = phiSums(phi, leads[leads.length - 1]);
    const keep = (1 - beta) * phi;
    for (const alpha of ALPHAS) {
      for (const gamma of GAMMAS) {
        s.set(setup.season0);
        const { level0, from: f0, first, stride, pairs } = setup;
        pass(y, s, level0, f0, first, stride, pairs, leads, alpha, gamma, beta, phi, keep, phiSum, best === null ? Infinity : best.loss, r);
        const loss = r[2];
        if (Number.isFinite(loss) && (best === null || loss < best.loss)) {
          best = { alpha, gamma, beta, phi, level: r[0], slope: r[1], season: s, loss };
          s = new Float64Array(p); // the best keeps its season; later passes write a fresh one
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
