// The shared forecast scoring protocol (../shared/README.md): horizon H = one day of points (daily
// data: 30), season m = points per day (daily data: 7), origins at n−H, n−2H, n−3H, MASE against
// the in-sample seasonal-naive error, a set of series summarised by the geometric mean.
import { seasonalNaiveScale } from './baselines';
import { interpolateLinear } from './impute';
import { DAY } from './periods';
import { regularise } from './regularise';
import { mean } from './stats';

export interface ProtocolSetup {
  horizon: number;
  season: number;
  origins: number[];
}

/**
 * H, m and the origins for a regular series of n points at `step` seconds.
 * Edge cases: step ≥ one day → H = 30, m = 7; a step that does not divide a day → rounded
 * points per day (at least 1); origins below 1 are dropped. horizonPoints replaces H (the same
 * protocol at another horizon, e.g. 6 h), m stays a day.
 */
export function protocolSetup(n: number, step: number, horizonPoints?: number): ProtocolSetup {
  const daily = step >= DAY;
  const perDay = Math.max(1, Math.round(DAY / step));
  const horizon = horizonPoints ?? (daily ? 30 : perDay);
  const season = daily ? 7 : perDay;
  const origins = [1, 2, 3].map((i) => n - i * horizon).filter((o) => o >= 1);
  return { horizon, season, origins };
}

/** A forecaster under test: training values (regular grid) and their timestamps → H means. */
export type Forecaster = (train: Float64Array, trainT: Float64Array, h: number, m: number) => Float64Array;

/**
 * MASE of one forecast: mean |actual − forecast| / in-sample seasonal-naive MAE of the training
 * part. Edge cases: a zero or undefined scale → NaN (a constant training series has no MASE).
 */
export function mase(train: ArrayLike<number>, actual: ArrayLike<number>, fc: ArrayLike<number>, m: number): number {
  const scale = seasonalNaiveScale(train, m);
  let s = 0;
  for (let k = 0; k < actual.length; k++) s += Math.abs(actual[k] - fc[k]);
  return scale > 0 ? s / actual.length / scale : NaN;
}

/**
 * Score a forecaster on one series: the mean of its MASE over the protocol's origins (horizon:
 * see protocolSetup).
 * Edge cases: a series too short for any origin → NaN.
 */
export function scoreSeries(
  t: Float64Array,
  y: Float64Array,
  step: number,
  f: Forecaster,
  horizonPoints?: number,
): { mase: number; perOrigin: number[] } {
  const { horizon, season, origins } = protocolSetup(y.length, step, horizonPoints);
  const per = origins.map((o) => {
    const train = y.subarray(0, o);
    const fc = f(train, t.subarray(0, o), horizon, season);
    return mase(train, y.subarray(o, o + horizon), fc, season);
  });
  return { mase: per.length ? mean(per) : NaN, perOrigin: per };
}

/**
 * A series on its regular grid with gaps linearly interpolated, as the protocol scores it.
 * Edge cases: returns null when the input cannot be put on a grid (see regularise).
 */
export function gridSeries(t: ArrayLike<number>, values: ArrayLike<number>): { t: Float64Array; y: Float64Array; step: number; gaps: number } | null {
  const r = regularise(t, values);
  if ('ok' in r) return null;
  const y = interpolateLinear(r.values);
  const tt = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) tt[i] = r.start + i * r.step;
  return { t: tt, y, step: r.step, gaps: r.missing };
}
