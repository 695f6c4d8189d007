// Public API of the forecaster (shared by the CLI and the capacity forecast panel).
export { forecast, MAX_HORIZON, MIN_POINTS } from './forecast';
export { exhaustion, exceedProbability, type Exhaustion, type ForecastBand } from './exhaustion';
export { applyGrowth, growthFactor, withGrowth, YEAR_SECONDS } from './growth';
export { parseSeriesCsv, parseTimestamp, parseValue, type CsvResult } from './csv';
export { seasonalNaive, predictLinear, seasonalNaiveScale } from './baselines';
export { gridSeries, protocolSetup, scoreSeries, mase, type Forecaster } from './protocol';
export { detectStep, medianStep, regularise, type RegularSeries } from './regularise';
export type {
  BacktestSummary,
  CandidateScore,
  ForecastError,
  ForecastErrorCode,
  ForecastOk,
  ForecastOptions,
  ForecastResult,
  SeasonOption,
} from './types';
