// Exponential smoothing of a non-seasonal series (level, optional damped trend or fixed drift),
// with parameters chosen to minimise the multi-step in-sample error rather than the one-step one:
// capacity forecasts are read far ahead, where a one-step-optimal (jumpy) level does badly.
import { leastSquares, stepScale } from './stats';

export type TrendKind = 'none' | 'damped' | 'drift';

export interface LevelFit {
  kind: TrendKind;
  alpha: number;
  beta: number;
  phi: number;
  /** Fixed slope per step of the 'drift' kind (0 otherwise). */
  drift: number;
  /** Final level and slope (slope is 0 for 'none'; the drift is carried separately). */
  level: number;
  slope: number;
  /** Mean absolute multi-step in-sample error of this fit. */
  loss: number;
}

const ALPHAS = [0.005, 0.015, 0.04, 0.1, 0.25, 0.6];
const BETAS = [0.02, 0.1];
const PHIS = [0.9, 0.98];
/** Longest stretch of history the level model looks at (older data barely moves the fit). */
export const LEVEL_WINDOW = 2000;

/** Lead times at which the in-sample loss is measured: about 8 spread geometrically over 1..h. */
export function leadTimes(h: number): number[] {
  const out = new Set<number>([1, h]);
  for (let k = 1; k < 8; k++) out.add(Math.max(1, Math.round(Math.pow(h, k / 8))));
  return [...out].sort((a, b) => a - b);
}

// Loss origins of a series of n points: about 150 of them, every originStride(n) steps back from
// the last point down to n/10, walked from firstOrigin(n) up. (The pass takes them as numbers,
// not as an object: V8 deoptimised it when such an object's field turned from small integer to
// double.)

/** Loss origins of a series (see lossOrigins): computed once per fit, not in every pass. */
interface Origins {
  first: number;
  stride: number;
  /** lossPairs(n, leads). */
  pairs: number;
}

/** The loss origins of a series of n points for these (ascending) leads. */
function lossOrigins(n: number, leads: number[]): Origins {
  return { first: firstOrigin(n), stride: originStride(n), pairs: lossPairs(n, leads) };
}

/** First point of a series of n points after which the loss is measured. */
function lossWarmUp(n: number): number {
  return Math.min(n - 1, Math.max(4, Math.floor(n / 10)));
}

/** Spacing of the loss origins of a series of n points. */
function originStride(n: number): number {
  return Math.max(1, Math.floor((n - lossWarmUp(n)) / 150));
}

/** Earliest loss origin of a series of n points. */
function firstOrigin(n: number): number {
  const stride = originStride(n);
  return n - 1 - Math.floor((n - 1 - lossWarmUp(n)) / stride) * stride;
}

/**
 * Number of (origin, lead) pairs the loss of a series of n points averages over, for ascending
 * leads: each lead k counts the origins t with t + k < n (origins from max(1, firstOrigin(n)),
 * every originStride(n) steps), counted per lead rather than walked (the walk was hot enough in a
 * cold fit for V8 to compile it, which cost more than the walk). Edge cases: n < 2 → 0.
 */
export function lossPairs(n: number, leads: number[]): number {
  if (n < 2) return 0;
  const stride = originStride(n);
  const t0 = Math.max(1, firstOrigin(n));
  let cnt = 0;
  for (const k of leads) {
    const last = n - 1 - k; // latest origin this lead fits after
    if (last >= t0) cnt += Math.floor((last - t0) / stride) + 1;
  }
  return cnt;
}

/**
 * One pass of (damped) Holt smoothing over x, returning the final state and the mean absolute error
 * of its forecasts at the given lead times from about 150 origins (first, stride and pairs: the
 * lossOrigins of x's length, as numbers: see holtwinters.ts on V8 and objects read in a pass).
 * The pass stops early, with loss Infinity (and the state where it stopped), once the error summed
 * so far makes the mean reach `reject`: sums of |error| only grow, so the full pass could not have
 * come below it. `keep` is (1 − β)·φ, the slope's share carried from one step to the next. The
 * level-only and drift kinds are passes with β = φ = 0 (their slope stays 0: l + 0·0 and 0·x + 0·0
 * change no level, except a −0 into +0, which no forecast shows).
 * Writes the final level, slope and loss into out[0..3).
 * Edge cases: x shorter than 2 → loss NaN, level = x[0] (or NaN when empty).
 */
// As Holt-Winters' pass (holtwinters.ts): (1 − β)·φ comes from the caller, there is one return and
// the result goes into a Float64Array, so that the loop V8 compiles during the first call does
// not go back to the interpreter later.
function run(
  x: ArrayLike<number>, alpha: number, beta: number, phi: number, keep: number, leads: number[], phiSum: Float64Array,
  clip: number, first: number, stride: number, pairs: number, reject: number, out: Float64Array,
): void {
  const n = x.length;
  let l = x[0];
  let b = 0;
  // origins are t = n-1, n-1-stride, … ≥ warm; walk them in increasing order
  let next = first;
  let loss = 0;
  let cnt = 0;
  const nl0 = leads.length;
  // both bounds as computed numbers: with the parameter itself in the ternary, V8's optimised
  // code boxed the clipped error on every step (x·1 = x exactly, −0 and ±Infinity included)
  const high = clip * 1;
  const low = -clip;
  for (let t = 1; t < n; t++) {
    const pred = l + phi * b;
    const e = x[t] - pred;
    const nl = pred + alpha * (e > high ? high : e < low ? low : e);
    b = beta * (nl - l) + keep * b;
    l = nl;
    if (t === next) {
      next += stride;
      for (let j = 0; j < nl0; j++) {
        const k = leads[j];
        if (t + k >= n) break;
        loss += Math.abs(x[t + k] - (l + phiSum[k] * b));
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

/** x[i] − slope·i for i in 0..n−1 (a loop alone in a small function: see stats.ts). */
function detrended(x: Float64Array, slope: number): Float64Array {
  const d = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) d[i] = x[i] - slope * i;
  return d;
}

/** Partial sums Σ_{j=1..k} φ^j for k = 0..h (a damped trend's multiplier k steps ahead). */
export function phiSums(phi: number, h: number): Float64Array {
  const s = new Float64Array(h + 1);
  let p = 1;
  for (let k = 1; k <= h; k++) {
    p *= phi;
    s[k] = s[k - 1] + p;
  }
  return s;
}

/** Huber constant: one-step errors beyond this many robust σ move the level as if they were at it. */
export const HUBER_K = 2;

/**
 * Clip for the robust level: HUBER_K × the robust σ of one step (MAD of first differences / √2).
 * A skewed or quantised gauge (a CPU mostly at one level with dips) then follows its typical
 * level, the median that the absolute error rewards, instead of being dragged by every dip.
 * Edge cases: fewer than 2 points or a MAD of 0 → Infinity (plain smoothing).
 */
export function huberClip(x: ArrayLike<number>): number {
  const s = stepScale(x);
  return s > 0 ? HUBER_K * s : Infinity;
}

/**
 * Fit the level model of each allowed kind on the last LEVEL_WINDOW points of x, keep the lowest
 * multi-step loss. Edge cases: fewer than 3 points → 'none' with the last value as level; a
 * constant series → loss 0 with α from the first grid value; x must be free of NaN.
 */
export function fitLevel(x: Float64Array, h: number, kinds: TrendKind[] = ['none', 'damped', 'drift'], robust = false): LevelFit {
  const n = x.length;
  const w = n > LEVEL_WINDOW ? x.subarray(n - LEVEL_WINDOW) : x;
  const fallback: LevelFit = { kind: 'none', alpha: 1, beta: 0, phi: 1, drift: 0, level: x[n - 1], slope: 0, loss: NaN };
  if (w.length < 3) return fallback;
  const hh = Math.max(1, Math.min(h, Math.floor(w.length / 3)));
  const clip = robust ? huberClip(w) : Infinity;
  const leads = leadTimes(hh);
  const { first, stride, pairs } = lossOrigins(w.length, leads);
  let best: LevelFit | null = null;
  // a pass whose loss cannot come below this is not considered, so it may stop early
  const reject = () => (best === null ? Infinity : (best as LevelFit).loss - 1e-12);
  const consider = (f: LevelFit) => {
    if (Number.isFinite(f.loss) && (best === null || f.loss < best.loss - 1e-12)) best = f;
  };
  const flat = new Float64Array(hh + 1); // the damped-trend multipliers of a slope that stays 0
  const r = new Float64Array(3); // level, slope, loss of the latest pass
  if (kinds.includes('none')) {
    for (const a of ALPHAS) {
      run(w, a, 0, 0, 0, leads, flat, clip, first, stride, pairs, reject(), r);
      consider({ kind: 'none', alpha: a, beta: 0, phi: 0, drift: 0, level: r[0], slope: 0, loss: r[2] });
    }
  }
  if (kinds.includes('damped')) {
    // the level's smoothing hardly changes when a damped slope is added: search α next to the best
    // level-only α (all of them when 'none' was not fitted)
    const ia = best === null ? -1 : ALPHAS.indexOf((best as LevelFit).alpha);
    const alphas = ia < 0 ? ALPHAS : ALPHAS.slice(Math.max(0, ia - 1), ia + 2);
    for (const phi of PHIS) {
      const ps = phiSums(phi, hh);
      for (const a of alphas) {
        for (const bt of BETAS) {
          // (1 − β)·φ·b is ((1 − β)·φ)·b: hoisted, the same bits
          run(w, a, bt, phi, (1 - bt) * phi, leads, ps, clip, first, stride, pairs, reject(), r);
          consider({ kind: 'damped', alpha: a, beta: bt, phi, drift: 0, level: r[0], slope: r[1], loss: r[2] });
        }
      }
    }
  }
  if (kinds.includes('drift')) {
    const { slope } = leastSquares(w);
    const d = detrended(w, slope);
    // loss of the detrended series equals the loss of level + drift on the original
    for (const a of ALPHAS) {
      run(d, a, 0, 0, 0, leads, flat, clip, first, stride, pairs, reject(), r);
      consider({
        kind: 'drift', alpha: a, beta: 0, phi: 0, drift: slope,
        level: r[0] + slope * (w.length - 1), slope: 0, loss: r[2],
      });
    }
  }
  return best ?? fallback;
}

/** Forecast of a level fit for lead times 1..h. Edge cases: h ≤ 0 → empty. */
export function levelForecast(f: LevelFit, h: number): Float64Array {
  const out = new Float64Array(Math.max(0, h));
  let damp = 0;
  let p = 1;
  for (let k = 1; k <= h; k++) {
    p *= f.phi;
    damp += p;
    out[k - 1] = f.level + (f.kind === 'damped' ? damp * f.slope : 0) + f.drift * k;
  }
  return out;
}
