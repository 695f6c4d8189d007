import { DataFrame } from '@grafana/data';
import { exhaustion, Exhaustion, forecast, ForecastOk } from '../../../core/forecast';
import { CapacityForecastOptions } from '../types';
import { ForecastInputs, forecastInputs, horizonPoints, medianStep, seasonOption } from './inputs';

export interface CapacityForecast {
  inputs: ForecastInputs;
  forecast: ForecastOk;
  exhaustion: Exhaustion | null;
  /** (capacity − last value) / capacity, or null without a capacity. */
  headroom: number | null;
}

/**
 * The panel's whole computation, from frames and options to forecast and exhaustion, with the
 * same forecaster and defaults as `headroom forecast` (level 0.95 unless the 80 % interval is
 * chosen, season auto, growth 0), so both give the same numbers for the same series.
 */
export function capacityForecast(frames: DataFrame[], options: CapacityForecastOptions): CapacityForecast | { message: string } {
  const inputs = forecastInputs(frames, options);
  if ('message' in inputs) return inputs;
  const step = medianStep(inputs.t);
  if (!(step > 0)) return { message: 'Too short a series to forecast: it needs at least two points in time.' };
  const horizon = horizonPoints(options.horizon, step);
  if (typeof horizon !== 'number') return horizon;
  const season = seasonOption(options.season);
  if (typeof season === 'object') return season;
  const result = forecast(inputs.t, inputs.values, {
    horizon,
    season,
    level: options.intervalPercent / 100,
    growthPerYear: (options.growthPercentPerYear ?? 0) / 100,
  });
  if (!result.ok) return { message: result.message };
  let ex: Exhaustion | null = null;
  if (inputs.capacity !== null) {
    const e = exhaustion(result, inputs.capacity);
    ex = e.ok ? e : null;
  }
  const headroom = inputs.capacity !== null && inputs.capacity !== 0 ? (inputs.capacity - result.lastValue) / inputs.capacity : null;
  return { inputs, forecast: result, exhaustion: ex, headroom };
}

/**
 * The backtest's typical error as a share of the series' typical size: mean absolute error over
 * the mean absolute value of the history ("typical error ± 8 %"), what an operator reads instead
 * of MASE. Edge cases: no backtest (too short a series), or a history averaging 0 → null.
 */
export function typicalErrorShare(f: Pick<ForecastOk, 'backtest'>, values: ArrayLike<number>): number | null {
  if (!f.backtest || !Number.isFinite(f.backtest.mae)) return null;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += Math.abs(values[i]);
      n++;
    }
  }
  return n > 0 && sum > 0 ? f.backtest.mae / (sum / n) : null;
}
