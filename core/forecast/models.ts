// The candidate models the forecaster chooses between. Each is a pure function of a complete
// (NaN-free) training series and a horizon.
import { seasonalNaive } from './baselines';
import { decompose, profileCycles, seasonalAt } from './decompose';
import { fitLevel, LEVEL_WINDOW, levelForecast, type TrendKind } from './ets';
import { fitHoltWinters, holtWintersForecast } from './holtwinters';
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
  fit(y: Float64Array, h: number): ModelOutput;
}

const KIND_LABEL: Record<TrendKind, string> = { none: 'level', damped: 'damped', drift: 'drift' };

/**
 * Seasonal decomposition over the given periods, exponential smoothing (level, damped trend or
 * drift) on the seasonally adjusted series, seasonal profiles repeated ahead. Robust: the level's
 * one-step errors are clipped (see huberClip), for skewed or quantised series.
 */
export function mstlEts(periods: number[], robust = false): Candidate {
  const id = `mstl(${periods.join(',')})${robust ? '+robust' : ''}`;
  return {
    id,
    minLength: 2 * Math.max(...periods),
    fit(y, h) {
      const dec = decompose(y, periods, periods.map((p) => profileCycles(p, periods)), LEVEL_WINDOW);
      const lv = fitLevel(dec.adjusted, h, undefined, robust);
      const f = levelForecast(lv, h);
      const n = y.length;
      for (let k = 0; k < h; k++) f[k] += seasonalAt(dec, n + k);
      return { name: `mstl(${periods.join(',')})+ets(${KIND_LABEL[lv.kind]}${robust ? ',robust' : ''})`, forecast: f };
    },
  };
}

/** Exponential smoothing without seasonality (robust: one-step errors clipped, see huberClip). */
export function ets(robust = false): Candidate {
  return {
    id: robust ? 'ets+robust' : 'ets',
    minLength: 3,
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
    fit(y, h) {
      const f = fitHoltWinters(y, p, h);
      if (!f) return { name: `seasonal-naive(${p})`, forecast: seasonalNaive(y, p, h) };
      return { name: `holt-winters(${p}${f.beta > 0 ? ',damped' : ''})`, forecast: holtWintersForecast(f, y.length, h) };
    },
  };
}

/** Repeat the last cycle. */
export function snaive(p: number): Candidate {
  return { id: `seasonal-naive(${p})`, minLength: p, fit: (y, h) => ({ name: `seasonal-naive(${p})`, forecast: seasonalNaive(y, p, h) }) };
}

/** Least-squares line over the recent past (at most `window` points). */
export function linear(window: number): Candidate {
  return {
    id: 'linear',
    minLength: 2,
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
 * The candidate set for a series with the given usable periods (ascending, in steps).
 * Edge cases: no periods → only non-seasonal candidates.
 */
export function candidatesFor(periods: number[]): Candidate[] {
  const out: Candidate[] = [ets(), ets(true), linear(Math.max(10, 2 * (periods[0] ?? 0)))];
  if (periods.length === 0) return out;
  const p0 = periods[0];
  out.push(snaive(p0), mstlEts([p0]), mstlEts([p0], true), holtWinters(p0));
  if (periods.length > 1) {
    const pl = periods[periods.length - 1];
    out.push(snaive(pl), mstlEts(periods), mstlEts(periods, true));
  }
  return out;
}
