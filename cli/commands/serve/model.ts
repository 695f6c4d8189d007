// What `headroom forecast serve` exposes for one configured entry, from the series Prometheus
// returned: the same forecast as the capacity panel and `headroom forecast` (core/forecast's
// forecast() with the same defaults: season auto, level 0.95, growth 0 unless configured) run to
// the longest fixed horizon, read at each fixed horizon, and held against the capacity.
import { exhaustion, forecast, withGrowth, type ForecastOk } from '../../../core/forecast';
import { sanitiseLabelName } from '../../../core/exposition';
import type { NumericSeries } from '../../../core/prometheus';
import { RESERVED_LABELS, type ServeConfig, type ServedSeries } from './config';

/** Horizons at which mean, lower and upper are exposed. */
export const HORIZONS: [string, number][] = [
  ['1d', 86_400],
  ['7d', 7 * 86_400],
  ['30d', 30 * 86_400],
  ['90d', 90 * 86_400],
  ['180d', 180 * 86_400],
  ['365d', 365 * 86_400],
];
/** Windows for the probability of reaching the capacity (14d and 30d are the alerting windows). */
export const EXHAUSTION_WINDOWS: [string, number][] = [
  ['1d', 86_400],
  ['7d', 7 * 86_400],
  ['14d', 14 * 86_400],
  ['30d', 30 * 86_400],
  ['90d', 90 * 86_400],
  ['180d', 180 * 86_400],
  ['365d', 365 * 86_400],
];
/** The forecast runs this far (seconds): the longest horizon, one year. */
export const FORECAST_SPAN = 365 * 86_400;

export type Labels = Record<string, string>;
export interface OutSample {
  family: string;
  labels: Labels;
  value: number;
}

/** Source labels without __name__, names made valid, reserved names renamed exported_<name>; then the config's labels; then forecast=<name>. */
export function servedLabels(source: Labels, entry: ServedSeries): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(source)) {
    if (k === '__name__') continue;
    const n = sanitiseLabelName(k);
    out[RESERVED_LABELS.includes(n) || n.startsWith('__') ? `exported_${n.replace(/^_+/, '')}` : n] = v;
  }
  Object.assign(out, entry.labels);
  out.forecast = entry.name;
  return out;
}

function labelKey(l: Labels): string {
  return JSON.stringify(Object.keys(l).filter((k) => k !== '__name__').sort().map((k) => [k, l[k]]));
}

/**
 * The capacity for one demand series: the fixed value; or the last finite value of the capacity
 * query's only series, or of the one with the demand series' labels. Edge cases: no match, or no
 * finite value → null.
 */
export function capacityFor(entry: ServedSeries, demand: Labels, capacitySeries: NumericSeries[] | null): number | null {
  if (entry.capacity !== null) return entry.capacity;
  if (!capacitySeries || capacitySeries.length === 0) return null;
  const s = capacitySeries.length === 1 ? capacitySeries[0] : capacitySeries.find((c) => labelKey(c.labels) === labelKey(demand));
  if (!s) return null;
  for (let i = s.v.length - 1; i >= 0; i--) if (Number.isFinite(s.v[i])) return s.v[i];
  return null;
}

/** Forecast points for the served span at `step` seconds. */
export function spanPoints(step: number): number {
  return Math.ceil(FORECAST_SPAN / step);
}

/**
 * The forecast as served, without growth: forecast() on the series (unix seconds) with the config's
 * level; withGrowth(it, g) is then exactly forecast() with growthPerYear g (one fit per series for
 * the planned growth and every scenario).
 */
export function servedForecast(t: ArrayLike<number>, v: ArrayLike<number>, config: ServeConfig) {
  return forecast(t, v, { horizon: spanPoints(config.step), level: config.level });
}

/** The growth_percent label of a scenario: 0.5 → "50". */
export function growthLabel(perYear: number): string {
  return String(Math.round(perYear * 1e6) / 1e4);
}

/** Probability of reaching the capacity within each window, from the first steps of the forecast. */
function windowProbabilities(r: ForecastOk, capacity: number): [string, number][] {
  const out: [string, number][] = [];
  for (const [name, secs] of EXHAUSTION_WINDOWS) {
    const k = Math.min(r.mean.length, Math.round(secs / r.step));
    const band = { ...r, t: r.t.subarray(0, k), mean: r.mean.subarray(0, k), lower: r.lower.subarray(0, k), upper: r.upper.subarray(0, k) };
    const w = exhaustion(band, capacity);
    if (w.ok) out.push([name, w.probability]);
  }
  return out;
}

/** Each scenario's mean at the horizons and, against a capacity, its exhaustion time and probabilities. */
function scenarioSamples(base: ForecastOk, scenarios: number[], labels: Labels, capacity: number | null): OutSample[] {
  const out: OutSample[] = [];
  for (const g of scenarios) {
    const r = withGrowth(base, g);
    const at = { ...labels, growth_percent: growthLabel(g) };
    for (const [name, secs] of HORIZONS) {
      const k = Math.round(secs / r.step) - 1;
      if (k >= 0 && k < r.mean.length) out.push({ family: 'headroom_forecast_scenario_mean', labels: { ...at, horizon: name }, value: r.mean[k] });
    }
    if (capacity === null) continue;
    const ex = exhaustion(r, capacity);
    if (!ex.ok) continue;
    const after = (t: number | null) => (t === null ? Infinity : t - r.lastT);
    out.push({ family: 'headroom_forecast_scenario_exhaustion_seconds', labels: { ...at, bound: 'mean' }, value: after(ex.tMean) });
    out.push({ family: 'headroom_forecast_scenario_exhaustion_seconds', labels: { ...at, bound: 'upper' }, value: after(ex.tUpper) });
    for (const [w, p] of windowProbabilities(r, capacity)) out.push({ family: 'headroom_forecast_scenario_exhaustion_probability', labels: { ...at, window: w }, value: p });
  }
  return out;
}

/** Samples at the fixed horizons and against the capacity, from a successful forecast. */
function forecastSamples(r: ForecastOk, labels: Labels, capacity: number | null): OutSample[] {
  const out: OutSample[] = [];
  const push = (family: string, extra: Labels, value: number) => out.push({ family, labels: { ...labels, ...extra }, value });
  for (const [name, secs] of HORIZONS) {
    const k = Math.round(secs / r.step) - 1;
    if (k < 0 || k >= r.mean.length) continue;
    push('headroom_forecast_mean', { horizon: name }, r.mean[k]);
    push('headroom_forecast_lower', { horizon: name }, r.lower[k]);
    push('headroom_forecast_upper', { horizon: name }, r.upper[k]);
  }
  push('headroom_forecast_interval_level', {}, r.level);
  push('headroom_forecast_last_value', {}, r.lastValue);
  push('headroom_forecast_last_timestamp_seconds', {}, r.lastT);
  if (r.backtest?.mase != null) push('headroom_forecast_backtest_mase', {}, r.backtest.mase);
  if (capacity === null) return out;
  push('headroom_forecast_capacity', {}, capacity);
  const ex = exhaustion(r, capacity);
  if (!ex.ok) return out;
  const after = (t: number | null) => (t === null ? Infinity : t - r.lastT);
  push('headroom_forecast_exhaustion_seconds', { bound: 'mean' }, after(ex.tMean));
  push('headroom_forecast_exhaustion_seconds', { bound: 'upper' }, after(ex.tUpper));
  push('headroom_forecast_exhaustion_seconds', { bound: 'lower' }, after(ex.tLower));
  for (const [name, p] of windowProbabilities(r, capacity)) push('headroom_forecast_exhaustion_probability', { window: name }, p);
  return out;
}

/**
 * Everything served for one demand series: the forecast samples, or, when its history is shorter
 * than min_history (or too short for the forecaster), only insufficient_history = 1 and the history
 * it has: never a forecast made up from too little.
 */
export function seriesSamples(s: NumericSeries, entry: ServedSeries, config: ServeConfig, capacity: number | null): { samples: OutSample[]; note?: string } {
  const labels = servedLabels(s.labels, entry);
  const t = new Float64Array(s.t.length);
  let first = NaN;
  let last = NaN;
  for (let i = 0; i < s.t.length; i++) {
    t[i] = s.t[i] / 1000;
    if (Number.isFinite(s.v[i])) {
      if (Number.isNaN(first)) first = t[i];
      last = t[i];
    }
  }
  const history = Number.isFinite(first) ? last - first : 0;
  const short = (why: string) => ({
    samples: [
      { family: 'headroom_forecast_insufficient_history', labels, value: 1 },
      { family: 'headroom_forecast_history_seconds', labels, value: history },
    ],
    note: why,
  });
  if (history < config.minHistory) return short(`${history} s of history, needs ${config.minHistory} s (min_history)`);
  const base = servedForecast(t, s.v, config);
  if (!base.ok) {
    if (base.code === 'too_short') return short(base.message);
    return { samples: [], note: base.message };
  }
  return {
    samples: [
      { family: 'headroom_forecast_insufficient_history', labels, value: 0 },
      { family: 'headroom_forecast_history_seconds', labels, value: history },
      ...forecastSamples(withGrowth(base, entry.growth), labels, capacity),
      ...scenarioSamples(base, entry.scenarios, labels, capacity),
    ],
  };
}
