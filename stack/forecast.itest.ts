/** @jest-environment jsdom */
// The stack's forecast exporter (stack/forecast.ts: `headroom forecast serve` on the demo's
// series) on the running stack: Prometheus scrapes headroom_forecast_*; the served numbers equal
// core/forecast's on the same raw series read here by plain PromQL (same range, step, growth and
// level; relative tolerance 1e-9: the same arithmetic on the same floats, printed and parsed back),
// each growth scenario's too;
// the capacity forecast panel's computation (panels/capacityforecast) gives the same numbers for
// the horizons it reaches; and the drill's deliberately low capacity makes HeadroomCapacityExhaustion14d
// fire and reach the platform team's paging receiver.
// jsdom: the panel's code needs @grafana/data, which needs a window; HTTP goes through node:http.
import * as http from 'node:http';
import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';
import { exhaustion, forecast, type ForecastOk } from '../core/forecast';
import { parseServeConfig, type ServedSeries } from '../cli/commands/serve/config';
import { EXHAUSTION_WINDOWS, growthLabel, HORIZONS, spanPoints } from '../cli/commands/serve/model';
import { capacityForecast } from '../panels/capacityforecast/model/runForecast';
import { defaultCapacityForecastOptions } from '../panels/capacityforecast/types';
import { DRILL_FORECAST, FORECAST_JOB, forecastConfigYaml } from './forecast';

const port = (env: string, def: number) => Number(process.env[env] || def);
const PROMETHEUS = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${port('HEADROOM_PROMETHEUS_PORT', 19090)}`;
const RECEIVER = `http://127.0.0.1:${port('HEADROOM_RECEIVER_PORT', 19101)}`;
const TOLERANCE = 1e-9;

function request(url: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? 'POST' : 'GET', headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${url}: ${res.statusCode} ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
interface Range {
  metric: Record<string, string>;
  values: [number, string][];
}
async function instant(q: string): Promise<Sample[]> {
  return (JSON.parse(await request(`${PROMETHEUS}/api/v1/query`, new URLSearchParams({ query: q }).toString())) as { data: { result: Sample[] } }).data.result;
}
async function range(q: string, start: number, end: number, step: number): Promise<Range[]> {
  const body = new URLSearchParams({ query: q, start: String(start), end: String(end), step: String(step) }).toString();
  return (JSON.parse(await request(`${PROMETHEUS}/api/v1/query_range`, body)) as { data: { result: Range[] } }).data.result;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(2000);
  }
}

/** The served value of one family for one entry (and its horizon/window/bound), from Prometheus. */
type Served = (family: string, extra?: Record<string, string>) => number;
function servedReader(samples: Sample[]): Served {
  return (family, extra = {}) => {
    const got = samples.filter((s) => s.metric.__name__ === family && Object.entries(extra).every(([k, x]) => s.metric[k] === x));
    if (got.length !== 1) throw new Error(`${family} ${JSON.stringify(extra)}: ${got.length} series`);
    return Number(got[0].value[1]);
  };
}

function close(actual: number, expected: number): boolean {
  if (actual === expected) return true; // Infinity, exact equality
  return Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}
function expectClose(what: string, actual: number, expected: number) {
  if (!close(actual, expected)) throw new Error(`${what}: served ${actual}, computed ${expected} (tolerance ${TOLERANCE} relative)`);
}

/** The raw series on the exporter's grid (start..end every step), NaN where Prometheus has no point. */
function onGrid(r: Range, start: number, end: number, step: number): { t: Float64Array; v: Float64Array } {
  const n = Math.round((end - start) / step) + 1;
  const t = Float64Array.from({ length: n }, (_, i) => start + i * step);
  const v = new Float64Array(n).fill(NaN);
  for (const [ts, x] of r.values) v[Math.round((ts - start) / step)] = Number(x);
  return { t, v };
}

const config = parseServeConfig(forecastConfigYaml(PROMETHEUS));
const entryNamed = (name: string): ServedSeries => config.series.find((s) => s.name === name)!;

describe('the forecast exporter on the demo stack', () => {
  test('Prometheus scrapes headroom_forecast_* for every demo entry, refreshed and up', async () => {
    const up = await waitFor(`up{job="${FORECAST_JOB}"} == 1`, 60000, async () => {
      const r = await instant(`up{job="${FORECAST_JOB}"} == 1`);
      return r.length === 1 ? r : undefined;
    });
    expect(up[0].metric.job).toBe(FORECAST_JOB);
    const entries = await waitFor('headroom_forecast_up of every entry', 60000, async () => {
      const r = await instant('headroom_forecast_up == 1');
      return r.length === config.series.length ? r : undefined;
    });
    expect(entries.map((s) => s.metric.forecast).sort()).toEqual(config.series.map((s) => s.name).sort());
    for (const family of ['headroom_forecast_mean', 'headroom_forecast_exhaustion_probability', 'headroom_forecast_capacity']) {
      expect((await instant(`count by (forecast) (${family})`)).length).toBe(config.series.length);
    }
  }, 150000);

  test.each(config.series.map((s) => [s.name]))('%s: the served numbers are core/forecast’s and the panel’s on the same raw series', async (name) => {
    const entry = entryNamed(name);
    // One scrape's worth of the entry's series (they are all written by one refresh).
    const samples = await waitFor(`the series of ${name}`, 60000, async () => {
      const r = await instant(`{__name__=~"headroom_forecast_.+", forecast="${name}"}`);
      return r.some((s) => s.metric.__name__ === 'headroom_forecast_last_timestamp_seconds') ? r : undefined;
    });
    const served = servedReader(samples);
    const end = served('headroom_forecast_last_timestamp_seconds');
    const start = end - config.lookback;
    const [demand] = await range(entry.query, start, end, config.step);
    expect(demand).toBeDefined();
    const { t, v } = onGrid(demand, start, end, config.step);
    let capacity = entry.capacity;
    let capacityRaw: { t: Float64Array; v: Float64Array } | null = null;
    if (entry.capacityQuery) {
      const [c] = await range(entry.capacityQuery, start, end, config.step);
      capacityRaw = onGrid(c, start, end, config.step);
      capacity = [...capacityRaw.v].reverse().find((x) => Number.isFinite(x)) ?? null;
    }
    expect(capacity).not.toBeNull();
    expectClose('capacity', served('headroom_forecast_capacity'), capacity as number);

    // core/forecast on the raw series, as the exporter is documented to fit it.
    const f = forecast(t, v, { horizon: spanPoints(config.step), level: config.level, growthPerYear: entry.growth });
    if (!f.ok) throw new Error(f.message);
    expectClose('last value', served('headroom_forecast_last_value'), f.lastValue);
    for (const [h, secs] of HORIZONS) {
      const k = Math.round(secs / config.step) - 1;
      expectClose(`mean ${h}`, served('headroom_forecast_mean', { horizon: h }), f.mean[k]);
      expectClose(`lower ${h}`, served('headroom_forecast_lower', { horizon: h }), f.lower[k]);
      expectClose(`upper ${h}`, served('headroom_forecast_upper', { horizon: h }), f.upper[k]);
    }
    const ex = exhaustion(f, capacity as number);
    if (!ex.ok) throw new Error('no exhaustion result');
    const after = (x: number | null) => (x === null ? Infinity : x - f.lastT);
    expectClose('exhaustion mean', served('headroom_forecast_exhaustion_seconds', { bound: 'mean' }), after(ex.tMean));
    expectClose('exhaustion upper', served('headroom_forecast_exhaustion_seconds', { bound: 'upper' }), after(ex.tUpper));
    for (const [w, secs] of EXHAUSTION_WINDOWS) {
      const k = Math.round(secs / config.step);
      const band: ForecastOk = { ...f, t: f.t.subarray(0, k), mean: f.mean.subarray(0, k), lower: f.lower.subarray(0, k), upper: f.upper.subarray(0, k) };
      const within = exhaustion(band, capacity as number);
      if (!within.ok) throw new Error(`no exhaustion within ${w}`);
      expectClose(`probability ${w}`, served('headroom_forecast_exhaustion_probability', { window: w }), within.probability);
    }

    // Each growth scenario: core/forecast with that growth instead of the planned one.
    expect(entry.scenarios.length).toBeGreaterThan(0);
    for (const g of entry.scenarios) {
      const sf = forecast(t, v, { horizon: spanPoints(config.step), level: config.level, growthPerYear: g });
      if (!sf.ok) throw new Error(sf.message);
      const at = { growth_percent: growthLabel(g) };
      for (const [h, secs] of HORIZONS) expectClose(`scenario ${g} mean ${h}`, served('headroom_forecast_scenario_mean', { ...at, horizon: h }), sf.mean[Math.round(secs / config.step) - 1]);
      const sx = exhaustion(sf, capacity as number);
      if (!sx.ok) throw new Error('no exhaustion result');
      expectClose(`scenario ${g} exhaustion mean`, served('headroom_forecast_scenario_exhaustion_seconds', { ...at, bound: 'mean' }), after(sx.tMean));
      expectClose(`scenario ${g} exhaustion upper`, served('headroom_forecast_scenario_exhaustion_seconds', { ...at, bound: 'upper' }), after(sx.tUpper));
    }

    // The panel's computation on the same points (frames as Grafana hands them over), 30 days ahead
    // (its 10,000-point budget at 5 minutes), with the entry's growth and its capacity source.
    const frames: DataFrame[] = [
      toDataFrame({
        refId: 'A',
        fields: [
          { name: 'Time', type: FieldType.time, values: Array.from(t, (x) => x * 1000) },
          { name, type: FieldType.number, values: Array.from(v) },
        ],
      }),
    ];
    if (capacityRaw) {
      frames.push(
        toDataFrame({
          refId: 'B',
          fields: [
            { name: 'Time', type: FieldType.time, values: Array.from(capacityRaw.t, (x) => x * 1000) },
            { name: 'capacity', type: FieldType.number, values: Array.from(capacityRaw.v) },
          ],
        }),
      );
    }
    const panel = capacityForecast(frames, {
      ...defaultCapacityForecastOptions,
      horizon: '30d',
      growthPercentPerYear: entry.growth * 100,
      capacitySource: capacityRaw ? 'query' : 'fixed',
      capacity: capacity as number,
    });
    if ('message' in panel) throw new Error(panel.message);
    expect(panel.inputs.capacity).toBe(capacity);
    for (const [h, secs] of HORIZONS.filter(([, s]) => s <= 30 * 86_400)) {
      const k = Math.round(secs / config.step) - 1;
      expectClose(`panel mean ${h}`, served('headroom_forecast_mean', { horizon: h }), panel.forecast.mean[k]);
      expectClose(`panel lower ${h}`, served('headroom_forecast_lower', { horizon: h }), panel.forecast.lower[k]);
      expectClose(`panel upper ${h}`, served('headroom_forecast_upper', { horizon: h }), panel.forecast.upper[k]);
    }
    if (!panel.exhaustion) throw new Error('the panel found no exhaustion');
    expectClose('panel probability 30d', served('headroom_forecast_exhaustion_probability', { window: '30d' }), panel.exhaustion.probability);
  }, 120000);

  test('the drill’s low capacity fires HeadroomCapacityExhaustion14d, which reaches the platform team’s paging receiver', async () => {
    const firing = await waitFor('HeadroomCapacityExhaustion14d firing for the drill', 300000, async () => {
      const r = await instant(`ALERTS{alertname="HeadroomCapacityExhaustion14d", alertstate="firing", forecast="${DRILL_FORECAST}"}`);
      return r.length > 0 ? r : undefined;
    });
    expect(firing[0].metric).toMatchObject({ severity: 'critical', team: 'platform', drill: 'low-capacity', window: '14d' });
    const [p] = await instant(`headroom_forecast_exhaustion_probability{forecast="${DRILL_FORECAST}", window="14d"}`);
    expect(Number(p.value[1])).toBeGreaterThanOrEqual(0.8);
    interface Notification {
      receiver: string;
      payload: { alerts: { status: string; labels: Record<string, string> }[] };
    }
    const page = await waitFor('the page at page-platform', 120000, async () => {
      const list = JSON.parse(await request(`${RECEIVER}/notifications`)) as Notification[];
      return list.find((n) => n.receiver === 'page-platform' && n.payload.alerts.some((a) => a.labels.alertname === 'HeadroomCapacityExhaustion14d' && a.labels.forecast === DRILL_FORECAST && a.status === 'firing'));
    });
    expect(page.receiver).toBe('page-platform');
  }, 450000);
});
