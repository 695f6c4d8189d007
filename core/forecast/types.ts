// Public types of the forecaster. Results are typed unions: bad input is a value, never a throw.

export type ForecastErrorCode =
  | 'too_short' // fewer usable points than the forecaster needs
  | 'bad_input' // mismatched arrays, no finite timestamps, …
  | 'irregular' // timestamps so irregular that a regular grid would be absurdly large
  | 'bad_option'; // horizon, season, level or growth out of range

export interface ForecastError {
  ok: false;
  code: ForecastErrorCode;
  message: string;
}

/** Season handling: detect daily/weekly periods, none, or one period given in seconds. */
export type SeasonOption = 'auto' | 'none' | number;

export interface ForecastOptions {
  /** Number of points to forecast at the series' step (≥ 1). */
  horizon: number;
  /** Default 'auto'. A number is a period in seconds (must be ≥ 2 steps). */
  season?: SeasonOption;
  /** Central coverage of the interval, in (0, 1). Default 0.95. */
  level?: number;
  /** Growth scenario applied multiplicatively on top, per year: 0.5 = "+50 %/year". Default 0. */
  growthPerYear?: number;
  /** Clamp forecasts at 0. Default 'auto': when no observed value is negative. */
  nonNegative?: boolean | 'auto';
  /** Grid step in seconds; default: the median spacing of the timestamps. */
  step?: number;
  /** Rolling-origin folds of the model-choice backtest. Default 3. */
  folds?: number;
}

export interface BacktestSummary {
  /** Mean absolute error over all folds and steps. */
  mae: number;
  /** MAE scaled by the in-sample seasonal-naive MAE (null when that is 0 or undefined). */
  mase: number | null;
  folds: number;
  /** Steps per fold. */
  horizon: number;
}

export interface CandidateScore {
  model: string;
  mae: number;
}

export interface ForecastOk {
  ok: true;
  /** The chosen model, e.g. "mstl(288)+ets(damped)". */
  model: string;
  /** Grid step in seconds. */
  step: number;
  /** Seasonal periods used by the chosen model, in steps. */
  periods: number[];
  /** Forecast timestamps (unix seconds) and values, all finite, lower ≤ mean ≤ upper. */
  t: Float64Array;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  level: number;
  /** Backtest error of the chosen model; null when the series was too short to backtest. */
  backtest: BacktestSummary | null;
  /** Every candidate that was backtested, best first. */
  candidates: CandidateScore[];
  /** Timestamp (unix s) and value of the last observation the forecast starts from. */
  lastT: number;
  lastValue: number;
  /** Human-readable notes about the input (gaps imputed, outliers replaced, …). */
  warnings: string[];
}

export type ForecastResult = ForecastOk | ForecastError;

export function fail(code: ForecastErrorCode, message: string): ForecastError {
  return { ok: false, code, message };
}
