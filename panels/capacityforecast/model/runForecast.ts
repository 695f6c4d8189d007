import { DataFrame } from '@grafana/data';
import { exhaustion, Exhaustion, forecast, ForecastOk, withGrowth } from '../../../core/forecast';
import { CapacityForecastOptions } from '../types';
import { ForecastInputs, forecastInputs, horizonPoints, medianStep, scenarioPercents, seasonOption } from './inputs';

/** The forecast under one further growth rate (the same fit), and when it reaches the capacity. */
export interface GrowthScenario {
  growthPercent: number;
  forecast: ForecastOk;
  exhaustion: Exhaustion | null;
}

export interface CapacityForecast {
  inputs: ForecastInputs;
  forecast: ForecastOk;
  exhaustion: Exhaustion | null;
  /** (capacity − last value) / capacity, or null without a capacity. */
  headroom: number | null;
  /** The growth scenarios option's rates, in its order ([] without). */
  scenarios: GrowthScenario[];
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
  const percents = scenarioPercents(options.growthScenarios);
  if (!Array.isArray(percents)) return percents;
  // One fit without growth; the planned growth and each scenario scale it (withGrowth: the same
  // numbers as forecast() with that growth).
  const base = forecast(inputs.t, inputs.values, { horizon, season, level: options.intervalPercent / 100 });
  if (!base.ok) return { message: base.message };
  const exhaustionOf = (f: ForecastOk): Exhaustion | null => {
    if (inputs.capacity === null) return null;
    const e = exhaustion(f, inputs.capacity);
    return e.ok ? e : null;
  };
  const result = withGrowth(base, (options.growthPercentPerYear ?? 0) / 100);
  const scenarios = percents.map((growthPercent) => {
    const f = withGrowth(base, growthPercent / 100);
    return { growthPercent, forecast: f, exhaustion: exhaustionOf(f) };
  });
  const headroom = inputs.capacity !== null && inputs.capacity !== 0 ? (inputs.capacity - result.lastValue) / inputs.capacity : null;
  return { inputs, forecast: result, exhaustion: exhaustionOf(result), headroom, scenarios };
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
