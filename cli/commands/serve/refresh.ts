// One refresh of `headroom forecast serve`: query every configured entry (and its capacity) from
// Prometheus, fit, and build the exposition text served until the next refresh. A failing entry
// (Prometheus down, slow, a bad query) keeps the others, says so in headroom_forecast_up and
// headroom_forecast_errors_total, and writes one line on stderr.
import { formatExposition, type FamilyToWrite } from '../../../core/exposition';
import { isPrometheusError, type NumericSeries, type PrometheusClient } from '../../../core/prometheus';
import type { ServeConfig, ServedSeries } from './config';
import { capacityFor, seriesSamples, type OutSample } from './model';

/** Every family served, in order, with its help text. */
export const FAMILIES: [string, 'gauge' | 'counter', string][] = [
  ['headroom_forecast_mean', 'gauge', 'Forecast mean at the horizon after the last observation (same forecaster and defaults as the capacity panel and headroom forecast).'],
  ['headroom_forecast_lower', 'gauge', 'Lower bound of the prediction interval at the horizon (coverage: headroom_forecast_interval_level).'],
  ['headroom_forecast_upper', 'gauge', 'Upper bound of the prediction interval at the horizon (coverage: headroom_forecast_interval_level).'],
  ['headroom_forecast_interval_level', 'gauge', 'Central coverage of [lower, upper], e.g. 0.95.'],
  ['headroom_forecast_capacity', 'gauge', 'Capacity the forecast is held against (fixed, or the last value of the capacity query).'],
  ['headroom_forecast_exhaustion_seconds', 'gauge', 'Seconds from the last observation until the bound (mean, upper = pessimistic, lower = optimistic) reaches the capacity; +Inf when not within 365 days; 0 when already reached.'],
  ['headroom_forecast_exhaustion_probability', 'gauge', 'Probability that the series reaches the capacity within the window after the last observation.'],
  ['headroom_forecast_scenario_mean', 'gauge', 'Forecast mean at the horizon under a growth scenario: growth_percent per year on top of the trend (the entry\'s scenarios).'],
  ['headroom_forecast_scenario_exhaustion_seconds', 'gauge', 'Seconds until the bound (mean or upper) reaches the capacity under the growth scenario growth_percent; +Inf when not within 365 days.'],
  ['headroom_forecast_scenario_exhaustion_probability', 'gauge', 'Probability of reaching the capacity within the window under the growth scenario growth_percent.'],
  ['headroom_forecast_last_value', 'gauge', 'Last observed value of the source series.'],
  ['headroom_forecast_last_timestamp_seconds', 'gauge', 'Unix time of the last observation of the source series.'],
  ['headroom_forecast_backtest_mase', 'gauge', 'Backtest error of the chosen model, scaled by the seasonal-naive error (below 1 beats repeating the last cycle).'],
  ['headroom_forecast_insufficient_history', 'gauge', '1 when the source series has too little history to forecast (no forecast is served for it), else 0.'],
  ['headroom_forecast_history_seconds', 'gauge', 'Span of the source series history read from Prometheus.'],
  ['headroom_forecast_up', 'gauge', '1 when the last refresh of this configured entry read Prometheus and fitted, else 0.'],
  ['headroom_forecast_errors_total', 'counter', 'Failed refreshes of this configured entry, by kind (unreachable, timeout, client, server, malformed, no_data, no_capacity, forecast).'],
  ['headroom_forecast_last_refresh_timestamp_seconds', 'gauge', 'Unix time of the last successful refresh of this configured entry.'],
  ['headroom_forecast_refresh_duration_seconds', 'gauge', 'Time the last refresh of this configured entry took (queries and fits).'],
];

export type RangeReader = Pick<PrometheusClient, 'queryRangeSeries'>;

/** State kept between refreshes: the error counters and the last success per entry. */
export class ServeState {
  readonly errors = new Map<string, Map<string, number>>();
  readonly lastSuccess = new Map<string, number>();
  text = '';

  countError(entry: string, kind: string) {
    const m = this.errors.get(entry) ?? new Map<string, number>();
    m.set(kind, (m.get(kind) ?? 0) + 1);
    this.errors.set(entry, m);
  }
}

/** One line for an error: Prometheus' own message, or the text of anything else. */
function describe(e: unknown): { kind: string; message: string } {
  if (isPrometheusError(e)) return { kind: e.kind, message: e.message };
  return { kind: 'forecast', message: e instanceof Error ? e.message : String(e) };
}

async function refreshEntry(
  entry: ServedSeries,
  config: ServeConfig,
  client: RangeReader,
  nowMs: number,
  state: ServeState,
  note: (line: string) => void,
): Promise<OutSample[]> {
  const started = performance.now();
  const stepMs = config.step * 1000;
  const endMs = Math.floor(nowMs / stepMs) * stepMs;
  const startMs = endMs - config.lookback * 1000;
  const timeoutMs = config.timeout * 1000;
  const status = (up: number): OutSample[] => [
    { family: 'headroom_forecast_up', labels: { forecast: entry.name }, value: up },
    { family: 'headroom_forecast_refresh_duration_seconds', labels: { forecast: entry.name }, value: (performance.now() - started) / 1000 },
  ];
  let demand: NumericSeries[];
  let capacity: NumericSeries[] | null = null;
  try {
    demand = (await client.queryRangeSeries(entry.query, startMs, endMs, stepMs, { timeoutMs })).data;
    if (entry.capacityQuery) capacity = (await client.queryRangeSeries(entry.capacityQuery, startMs, endMs, stepMs, { timeoutMs })).data;
  } catch (e) {
    const d = describe(e);
    state.countError(entry.name, d.kind);
    note(`${entry.name}: ${d.message}`);
    return status(0);
  }
  if (demand.length === 0) {
    state.countError(entry.name, 'no_data');
    note(`${entry.name}: the query returned no series over the last ${config.lookback} s: ${entry.query}`);
    return status(0);
  }
  const out: OutSample[] = [];
  let failed = false;
  for (const s of demand) {
    const cap = capacityFor(entry, s.labels, capacity);
    if (entry.capacityQuery && cap === null) {
      failed = true;
      state.countError(entry.name, 'no_capacity');
      note(`${entry.name}: no capacity value for ${JSON.stringify(s.labels)} from ${entry.capacityQuery}`);
    }
    const r = seriesSamples(s, entry, config, cap);
    if (r.note) note(`${entry.name}: ${JSON.stringify(s.labels)}: ${r.note}`);
    if (r.samples.length === 0) {
      failed = true;
      state.countError(entry.name, 'forecast');
    }
    out.push(...r.samples);
  }
  if (!failed) state.lastSuccess.set(entry.name, nowMs / 1000);
  return [...out, ...status(failed ? 0 : 1)];
}

/** Refresh every entry (one after another: kind to a small Prometheus) and rebuild state.text. */
export async function refreshAll(config: ServeConfig, client: RangeReader, nowMs: number, state: ServeState, note: (line: string) => void): Promise<string> {
  const samples: OutSample[] = [];
  for (const entry of config.series) samples.push(...(await refreshEntry(entry, config, client, nowMs, state, note)));
  for (const entry of config.series) {
    for (const [kind, n] of state.errors.get(entry.name) ?? []) samples.push({ family: 'headroom_forecast_errors_total', labels: { forecast: entry.name, kind }, value: n });
    const last = state.lastSuccess.get(entry.name);
    if (last !== undefined) samples.push({ family: 'headroom_forecast_last_refresh_timestamp_seconds', labels: { forecast: entry.name }, value: last });
  }
  const families: FamilyToWrite[] = FAMILIES.map(([name, type, help]) => ({ name, type, help, samples: samples.filter((s) => s.family === name) }));
  state.text = formatExposition(families);
  return state.text;
}
