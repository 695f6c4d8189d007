// The candidate models the forecaster chooses between. Each is a pure function of a complete
// (NaN-free) training series and a horizon.
import { seasonalNaive } from './baselines';
import { addSeasonal, decompose, decompositionSpan, profileCycles, type Decomposition } from './decompose';
import { fitLevel, LEVEL_WINDOW, levelForecast, type TrendKind } from './ets';
import { fitHoltWinters, holtWintersForecast, holtWintersWindow } from './holtwinters';
import { leastSquares } from './stats';

export interface ModelOutput {
  /** Name with the fitted details, e.g. "mstl(48,336)+ets(drift)". */
  name: string;
  forecast: Float64Array;
}

export interface Candidate {
  /** Stable family name, e.g. "mstl(48,336)". */
  id: string;
  /** Shortest training series this candidate accepts. */
  minLength: number;
  /**
   * Most recent points of a training series its fit reads (at least minLength): from a longer
   * series the fit depends on those points only, so older history can be left out unread.
   */
  reads: number;
  fit(y: Float64Array, h: number): ModelOutput;
}

const KIND_LABEL: Record<TrendKind, string> = { none: 'level', damped: 'damped', drift: 'drift' };

/** What a robust candidate's id adds to its plain twin's (e.g. "ets" and "ets+robust"). */
export const ROBUST_MARK = '+robust';

/** The decomposition the mstl candidates fit on (y must be free of NaN). */
export type Decomposer = (y: Float64Array) => Decomposition;

/** Decomposition over `periods` with each period's profile cycles, adjusted over LEVEL_WINDOW. */
export function decomposer(periods: number[]): Decomposer {
  const cycles = periods.map((p) => profileCycles(p, periods));
  return (y) => decompose(y, periods, cycles, LEVEL_WINDOW);
}

/**
 * A decomposer that remembers its results by training array (same buffer, offset and length), so
 * the plain and robust mstl candidates decompose each backtest fold once. Edge cases: the arrays
 * must not change between calls (forecast() fits views of one cleaned series it never modifies).
 */
export function sharedDecomposer(periods: number[]): Decomposer {
  const plain = decomposer(periods);
  const seen = new Map<number, { buffer: ArrayBufferLike; offset: number; dec: Decomposition }>();
  return (y) => {
    const hit = seen.get(y.length);
    if (hit && hit.buffer === y.buffer && hit.offset === y.byteOffset) return hit.dec;
    const dec = plain(y);
    seen.set(y.length, { buffer: y.buffer, offset: y.byteOffset, dec });
    return dec;
  };
}

/**
 * Seasonal decomposition over the given periods, exponential smoothing (level, damped trend or
 * drift) on the seasonally adjusted series, seasonal profiles repeated ahead. Robust: the level's
 * one-step errors are clipped (see huberClip), for skewed or quantised series.
 */
export function mstlEts(periods: number[], robust = false, decomposed: Decomposer = decomposer(periods)): Candidate {
  const id = `mstl(${periods.join(',')})${robust ? ROBUST_MARK : ''}`;
  return {
    id,
    minLength: 2 * Math.max(...periods),
    reads: Math.max(2 * Math.max(...periods), LEVEL_WINDOW, decompositionSpan(periods, periods.map((p) => profileCycles(p, periods)))),
    fit(y, h) {
      const dec = decomposed(y);
      const lv = fitLevel(dec.adjusted, h, undefined, robust);
      const f = levelForecast(lv, h);
      addSeasonal(f, dec, y.length);
      return { name: `mstl(${periods.join(',')})+ets(${KIND_LABEL[lv.kind]}${robust ? ',robust' : ''})`, forecast: f };
    },
  };
}

/** Exponential smoothing without seasonality (robust: one-step errors clipped, see huberClip). */
export function ets(robust = false): Candidate {
  return {
    id: robust ? `ets${ROBUST_MARK}` : 'ets',
    minLength: 3,
    reads: LEVEL_WINDOW,
    fit(y, h) {
      const lv = fitLevel(y, h, undefined, robust);
      return { name: `ets(${KIND_LABEL[lv.kind]}${robust ? ',robust' : ''})`, forecast: levelForecast(lv, h) };
    },
  };
}

/** Additive Holt-Winters with one period. */
export function holtWinters(p: number): Candidate {
  return {
    id: `holt-winters(${p})`,
    minLength: 3 * p,
    reads: Math.max(3 * p, holtWintersWindow(p)),
    fit(y, h) {
      const f = fitHoltWinters(y, p, h);
      if (!f) return { name: `seasonal-naive(${p})`, forecast: seasonalNaive(y, p, h) };
      return { name: `holt-winters(${p}${f.beta > 0 ? ',damped' : ''})`, forecast: holtWintersForecast(f, y.length, h) };
    },
  };
}

/** Repeat the last cycle. */
export function snaive(p: number): Candidate {
  return { id: `seasonal-naive(${p})`, minLength: p, reads: p, fit: (y, h) => ({ name: `seasonal-naive(${p})`, forecast: seasonalNaive(y, p, h) }) };
}

/** Least-squares line over the recent past (at most `window` points). */
export function linear(window: number): Candidate {
  return {
    id: 'linear',
    minLength: 2,
    reads: Math.max(2, window),
    fit(y, h) {
      const n = y.length;
      const w = Math.min(n, window);
      const { intercept, slope } = leastSquares(y.subarray(n - w));
      const f = new Float64Array(h);
      for (let k = 1; k <= h; k++) f[k - 1] = intercept + slope * (w - 1 + k);
      return { name: 'linear', forecast: f };
    },
  };
}

/**
 * The candidate set for a series with the given usable periods (ascending, in steps); the plain
 * and robust mstl candidates share their decompositions (see sharedDecomposer).
 * Edge cases: no periods → only non-seasonal candidates.
 */
export function candidatesFor(periods: number[]): Candidate[] {
  const out: Candidate[] = [ets(), ets(true), linear(Math.max(10, 2 * (periods[0] ?? 0)))];
  if (periods.length === 0) return out;
  const p0 = periods[0];
  const short = sharedDecomposer([p0]);
  out.push(snaive(p0), mstlEts([p0], false, short), mstlEts([p0], true, short), holtWinters(p0));
  if (periods.length > 1) {
    const pl = periods[periods.length - 1];
    const all = sharedDecomposer(periods);
    out.push(snaive(pl), mstlEts(periods, false, all), mstlEts(periods, true, all));
  }
  return out;
}
