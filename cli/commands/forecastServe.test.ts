/** @jest-environment node */
// `headroom forecast serve` against a fake Prometheus on loopback (every request answered or
// refused within the test's bounds), its exposition parsed back with core/exposition.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelsToObject, parseExposition, type Sample } from '../../core/exposition';
import { PrometheusClient } from '../../core/prometheus';
import { runForecast } from './forecast';
import { parseServeArgs, runServe } from './forecastServe';
import { ConfigError, parseServeConfig } from './serve/config';
import { parseListen, startServer } from './serve/http';
import { spanPoints } from './serve/model';
import { refreshAll, ServeState } from './serve/refresh';

const STEP = 3600; // an hour: the served 365 days are 8,760 steps (at 5 minutes, 105,120 and 17 s per refresh)
const NOW_MS = Date.UTC(2025, 0, 20, 12, 0, 0);

/** Demand of instance a/b at unix second t: a daily cycle on a rising level. */
function demand(inst: string, t: number): number {
  const base = inst === 'a' ? 100 : 20;
  const days = (t - NOW_MS / 1000) / 86_400;
  return base * (1 + 0.02 * days) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 86_400)) + Math.sin(t * 0.001);
}

interface Fake {
  url: string;
  close(): Promise<void>;
}

/** A fake Prometheus: query_range answers for the queries "demand", "capacity", "short", "empty", "slow". */
function fakePrometheus(): Promise<Fake> {
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/api/v1/query_range') {
      res.writeHead(404).end();
      return;
    }
    const q = u.searchParams.get('query') ?? '';
    const start = Number(u.searchParams.get('start'));
    const end = Number(u.searchParams.get('end'));
    const step = Number(u.searchParams.get('step'));
    const times: number[] = [];
    for (let t = start; t <= end; t += step) times.push(t);
    const series = (metric: Record<string, string>, f: (t: number) => number, from = start) => ({
      metric,
      values: times.filter((t) => t >= from).map((t) => [t, String(f(t))]),
    });
    let result: unknown[] = [];
    if (q === 'demand') result = ['a', 'b'].map((inst) => series({ __name__: 'web_demand', instance: inst, job: 'web' }, (t) => demand(inst, t)));
    else if (q === 'capacity') result = [series({ instance: 'all' }, () => 120)];
    else if (q === 'short') result = [series({ instance: 'c' }, (t) => 10 + Math.sin(t), end - 3600)];
    else if (q === 'slow') {
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"success","data":{"resultType":"matrix","result":[]}}'), 1500);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  });
  // fits block this process's event loop for seconds: keep idle connections longer than that, or
  // the server's 5 s idle timeout races the client reusing the connection
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

const CONFIG = (url: string, extra = '') => `
prometheus: ${url}
lookback: 10d
step: 1h
timeout: 0.5s
series:
  - name: web_demand
    query: demand
    capacity_query: capacity
    labels: {team: web}
  - name: too_young
    query: short
    capacity: 50
${extra}`;

function samples(text: string, name: string, match: Record<string, string> = {}): Sample[] {
  return parseExposition(text).samples.filter((s) => {
    if (s.name !== name) return false;
    const l = labelsToObject(s.labels);
    return Object.entries(match).every(([k, v]) => l[k] === v);
  });
}

function one(text: string, name: string, match: Record<string, string>): number {
  const got = samples(text, name, match);
  if (got.length !== 1) throw new Error(`${name} ${JSON.stringify(match)}: ${got.length} samples`);
  return got[0].value;
}

/** The points the fake answers for an instance, as a CSV file: the lookback window ending at now, on the step. */
function answeredCsv(instance: string, lookback: number): string {
  const stepMs = STEP * 1000;
  const endMs = Math.floor(NOW_MS / stepMs) * stepMs;
  const lines = ['timestamp,value'];
  for (let t = (endMs - lookback * 1000) / 1000; t <= endMs / 1000; t += STEP) lines.push(`${t},${String(demand(instance, t))}`);
  const csv = join(mkdtempSync(join(tmpdir(), 'headroom-serve-')), `${instance}.csv`);
  writeFileSync(csv, lines.join('\n') + '\n');
  return csv;
}

let fake: Fake;
beforeAll(async () => {
  fake = await fakePrometheus();
});
afterAll(async () => {
  await fake.close();
});

async function refresh(configText: string) {
  const config = parseServeConfig(configText);
  const client = new PrometheusClient({ url: config.prometheus as string, timeoutMs: config.timeout * 1000 });
  const notes: string[] = [];
  const state = new ServeState();
  const text = await refreshAll(config, client, NOW_MS, state, (l) => notes.push(l));
  return { text, notes, state, config };
}

describe('headroom forecast serve: one refresh', () => {
  it('serves mean, lower and upper at 1d/7d/30d/90d/180d/365d, capacity and exhaustion, with the source labels', async () => {
    const { text } = await refresh(CONFIG(fake.url));
    for (const inst of ['a', 'b']) {
      const mean = samples(text, 'headroom_forecast_mean', { forecast: 'web_demand', instance: inst });
      expect(mean.map((s) => labelsToObject(s.labels).horizon)).toEqual(['1d', '7d', '30d', '90d', '180d', '365d']);
      for (const s of mean) {
        const l = labelsToObject(s.labels);
        expect(l).toMatchObject({ job: 'web', team: 'web' });
        expect(l.__name__).toBeUndefined();
        const lo = one(text, 'headroom_forecast_lower', l);
        const hi = one(text, 'headroom_forecast_upper', l);
        expect(lo).toBeLessThanOrEqual(s.value);
        expect(hi).toBeGreaterThanOrEqual(s.value);
      }
      expect(one(text, 'headroom_forecast_capacity', { instance: inst })).toBe(120);
      expect(one(text, 'headroom_forecast_insufficient_history', { instance: inst })).toBe(0);
      const probs = ['1d', '7d', '14d', '30d', '90d', '180d', '365d'].map((w) => one(text, 'headroom_forecast_exhaustion_probability', { instance: inst, window: w }));
      for (let i = 1; i < probs.length; i++) expect(probs[i]).toBeGreaterThanOrEqual(probs[i - 1]);
    }
    // a (100 at noon now, peaking at 130 every day at 06:00) reaches 120 at the next peak; b
    // (peaks about 26, +0.5 a day) reaches it only after about 188 days: beyond 180 days, unlikely within 90
    const aMean = one(text, 'headroom_forecast_exhaustion_seconds', { instance: 'a', bound: 'mean' });
    expect(aMean).toBeGreaterThan(6 * 3600);
    expect(aMean).toBeLessThanOrEqual(86_400);
    expect(one(text, 'headroom_forecast_exhaustion_seconds', { instance: 'a', bound: 'upper' })).toBeLessThanOrEqual(aMean);
    expect(one(text, 'headroom_forecast_exhaustion_probability', { instance: 'a', window: '90d' })).toBeGreaterThan(0.5);
    expect(one(text, 'headroom_forecast_exhaustion_seconds', { instance: 'b', bound: 'mean' })).toBeGreaterThan(180 * 86_400);
    expect(one(text, 'headroom_forecast_exhaustion_probability', { instance: 'b', window: '90d' })).toBeLessThan(0.5);
    expect(one(text, 'headroom_forecast_up', { forecast: 'web_demand' })).toBe(1);
  }, 60_000);

  it('serves the same numbers as `headroom forecast` on the same points (the panel: serve/model.test.ts)', async () => {
    const { text, config } = await refresh(CONFIG(fake.url));
    const csv = answeredCsv('a', config.lookback);
    const out: string[] = [];
    expect(runForecast(['--input', csv, '--horizon', String(spanPoints(STEP)), '--capacity', '120'], (l) => out.push(l), () => {})).toBe(0);
    const doc = JSON.parse(out[0]) as {
      points: { t: number; mean: number; lower: number; upper: number }[];
      exhaustion: { t: number | null; tUpper: number | null; probability: number };
    };
    for (const [h, secs] of [['1d', 86_400], ['7d', 7 * 86_400], ['30d', 30 * 86_400], ['90d', 90 * 86_400], ['365d', 365 * 86_400]] as const) {
      const p = doc.points[secs / STEP - 1];
      expect(one(text, 'headroom_forecast_mean', { instance: 'a', horizon: h })).toBe(p.mean);
      expect(one(text, 'headroom_forecast_lower', { instance: 'a', horizon: h })).toBe(p.lower);
      expect(one(text, 'headroom_forecast_upper', { instance: 'a', horizon: h })).toBe(p.upper);
    }
    expect(one(text, 'headroom_forecast_exhaustion_probability', { instance: 'a', window: '365d' })).toBe(doc.exhaustion.probability);
    const lastT = doc.points[0].t - STEP;
    const after = (t: number | null) => (t === null ? Infinity : t - lastT);
    expect(one(text, 'headroom_forecast_exhaustion_seconds', { instance: 'a', bound: 'mean' })).toBe(after(doc.exhaustion.t));
    expect(one(text, 'headroom_forecast_exhaustion_seconds', { instance: 'a', bound: 'upper' })).toBe(after(doc.exhaustion.tUpper));
    expect(doc.exhaustion.t).not.toBeNull();
  }, 60_000);

  it('serves each growth scenario as `headroom forecast --growth` of that rate gives it; the main series with the planned growth; +Inf out of reach', async () => {
    const extra = `  - name: planned\n    query: demand\n    capacity: 1000000\n    growth: 50%\n    scenarios: [0%, 100%]\n`;
    const { text, config } = await refresh(CONFIG(fake.url, extra));
    const csv = answeredCsv('a', config.lookback);
    const cli = (growth: string) => {
      const out: string[] = [];
      expect(runForecast(['--input', csv, '--horizon', String(spanPoints(STEP)), '--capacity', '1000000', '--growth', growth], (l) => out.push(l), () => {})).toBe(0);
      return JSON.parse(out[0]) as { points: { mean: number }[]; exhaustion: unknown };
    };
    const at = { forecast: 'planned', instance: 'a' };
    for (const [label, growth] of [['0', '0'], ['100', '1']] as const) {
      const doc = cli(growth);
      for (const [h, secs] of [['1d', 86_400], ['90d', 90 * 86_400], ['365d', 365 * 86_400]] as const) {
        expect(one(text, 'headroom_forecast_scenario_mean', { ...at, growth_percent: label, horizon: h })).toBe(doc.points[secs / STEP - 1].mean);
      }
      expect(doc.exhaustion).toBeNull();
      expect(one(text, 'headroom_forecast_scenario_exhaustion_seconds', { ...at, growth_percent: label, bound: 'upper' })).toBe(Infinity);
      expect(one(text, 'headroom_forecast_scenario_exhaustion_probability', { ...at, growth_percent: label, window: '365d' })).toBeLessThan(0.01);
    }
    const planned = cli('0.5');
    expect(one(text, 'headroom_forecast_mean', { ...at, horizon: '365d' })).toBe(planned.points[(365 * 86_400) / STEP - 1].mean);
    expect(one(text, 'headroom_forecast_exhaustion_seconds', { ...at, bound: 'mean' })).toBe(Infinity);
    expect(samples(text, 'headroom_forecast_scenario_mean', { ...at, growth_percent: '50' })).toEqual([]);
    // An entry without scenarios serves none.
    expect(samples(text, 'headroom_forecast_scenario_mean', { forecast: 'web_demand' })).toEqual([]);
  }, 120_000);

  it('says when a series has too little history, and serves no forecast for it', async () => {
    const { text, notes } = await refresh(CONFIG(fake.url));
    expect(one(text, 'headroom_forecast_insufficient_history', { forecast: 'too_young', instance: 'c' })).toBe(1);
    expect(one(text, 'headroom_forecast_history_seconds', { forecast: 'too_young' })).toBe(3600);
    expect(samples(text, 'headroom_forecast_mean', { forecast: 'too_young' })).toEqual([]);
    expect(samples(text, 'headroom_forecast_exhaustion_probability', { forecast: 'too_young' })).toEqual([]);
    expect(notes.some((n) => /too_young: .*3600 s of history, needs 172800 s/.test(n))).toBe(true);
  }, 60_000);

  it('a Prometheus that is down or slow: up 0, an error count by kind, one line each, the other entries served', async () => {
    const extra = `  - name: slow_one\n    query: slow\n    capacity: 1\n`;
    const { text, notes } = await refresh(CONFIG(fake.url, extra));
    expect(one(text, 'headroom_forecast_up', { forecast: 'slow_one' })).toBe(0);
    expect(one(text, 'headroom_forecast_errors_total', { forecast: 'slow_one', kind: 'timeout' })).toBe(1);
    expect(notes.filter((n) => n.startsWith('slow_one: '))).toHaveLength(1);
    expect(notes.find((n) => n.startsWith('slow_one: '))).toMatch(/time|slow/i);
    expect(one(text, 'headroom_forecast_up', { forecast: 'web_demand' })).toBe(1);

    const down = await refresh(CONFIG('http://127.0.0.1:1'));
    expect(one(down.text, 'headroom_forecast_up', { forecast: 'web_demand' })).toBe(0);
    expect(one(down.text, 'headroom_forecast_errors_total', { forecast: 'web_demand', kind: 'unreachable' })).toBe(1);
    expect(samples(down.text, 'headroom_forecast_mean')).toEqual([]);
    expect(down.notes[0]).toMatch(/^web_demand: .*127\.0\.0\.1:1/);
    expect(down.notes[0].split('\n')).toHaveLength(1);
  }, 60_000);
});

describe('headroom forecast serve: HTTP', () => {
  it('binds loopback, serves /metrics in the text format, 404 elsewhere, and stops', async () => {
    const config = parseServeConfig(CONFIG(fake.url));
    const client = new PrometheusClient({ url: fake.url, timeoutMs: 2000 });
    const server = await startServer(config, client, { host: '127.0.0.1', port: 0 }, () => {}, () => NOW_MS);
    try {
      await server.firstRefresh;
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      expect(one(text, 'headroom_forecast_up', { forecast: 'web_demand' })).toBe(1);
      expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('headroom forecast serve: usage and config', () => {
  const write = (text: string) => {
    const p = join(mkdtempSync(join(tmpdir(), 'headroom-serve-')), 'config.yaml');
    writeFileSync(p, text);
    return p;
  };
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runServe(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stopSignal: Promise.resolve() });
    return { code, out, err };
  };

  it('prints help, and refuses a missing or bad config with one line', async () => {
    expect((await run(['--help'])).out[0]).toMatch(/^Usage: headroom forecast serve --config FILE/);
    const cases: [string[], RegExp][] = [
      [[], /--config FILE is required/],
      [['--config', '/nonexistent/x.yaml'], /cannot read \/nonexistent\/x.yaml: no such file/],
      [['--config', write('series: [')], /not valid YAML or JSON/],
      [['--config', write('series: []')], /series must be a non-empty list/],
      [['--config', write('prometheus: http://x\nseries:\n  - name: a\n')], /series\[0\]\.query must be a non-empty string/],
      [['--config', write('series:\n  - {name: a, query: up}\n')], /no Prometheus URL/],
      [['--config', write('prometheus: http://x\nseries:\n  - {name: a, query: up}\n'), '--listen', 'nope'], /--listen must be HOST:PORT/],
      [['--bogus'], /unknown option "--bogus"/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(re);
    }
  });

  it('validates every field with its name', () => {
    const bad: [string, RegExp][] = [
      ['{"series": [{"name": "a", "query": "up", "capacity": "x"}]}', /series\[0\]\.capacity must be a number/],
      ['{"series": [{"name": "a", "query": "up", "capacity": 1, "capacity_query": "up"}]}', /capacity or capacity_query, not both/],
      ['{"series": [{"name": "a", "query": "up", "growth": "-200%"}]}', /series\[0\]\.growth/],
      ['{"series": [{"name": "a", "query": "up", "scenarios": ["0%", "lots"]}]}', /series\[0\]\.scenarios\[1\]: must be a yearly rate/],
      ['{"series": [{"name": "a", "query": "up", "scenarios": []}]}', /series\[0\]\.scenarios must be a list/],
      ['{"series": [{"name": "a", "query": "up", "scenarios": ["50%", 0.5]}]}', /lists a growth rate twice/],
      ['{"series": [{"name": "a", "query": "up"}, {"name": "a", "query": "up"}]}', /used twice/],
      ['{"series": [{"name": "a", "query": "up", "labels": {"horizon": "x"}}]}', /reserved/],
      ['{"interval": "soon", "series": [{"name": "a", "query": "up"}]}', /interval must be a duration/],
      ['{"level": 2, "series": [{"name": "a", "query": "up"}]}', /level must be a number between 0 and 1/],
      ['{"surprise": 1, "series": [{"name": "a", "query": "up"}]}', /unknown field "surprise"/],
    ];
    for (const [text, re] of bad) expect(() => parseServeConfig(text)).toThrow(re);
    expect(() => parseServeConfig('[]')).toThrow(ConfigError);
    const ok = parseServeConfig('{"prometheus": "http://p:9090", "interval": "1m", "series": [{"name": "a", "query": "up", "growth": "50%", "labels": {"team": "x"}}]}');
    expect(ok).toMatchObject({ prometheus: 'http://p:9090', interval: 60, step: 300, lookback: 28 * 86_400, level: 0.95 });
    expect(ok.series[0]).toMatchObject({ growth: 0.5, labels: { team: 'x' }, capacity: null, capacityQuery: null });
  });

  it('parses --listen and defaults to loopback', () => {
    expect(parseServeArgs(['--config', 'x']).listen).toBe('127.0.0.1:9466');
    expect(parseListen('0.0.0.0:9000')).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(parseListen(':9000')).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(parseListen('[::1]:9000')).toEqual({ host: '::1', port: 9000 });
    expect(parseListen('x:99999')).toBeNull();
  });

  it('--once prints the exposition and exits 0 when every entry refreshed, 1 when Prometheus failed', async () => {
    const good = await run(['--config', write(CONFIG(fake.url)), '--once']);
    expect(good.code).toBe(0);
    expect(parseExposition(good.out.join('\n') + '\n').samples.some((s) => s.name === 'headroom_forecast_mean')).toBe(true);
    const bad = await run(['--config', write(CONFIG(fake.url)), '--once', '--prometheus', 'http://127.0.0.1:1']);
    expect(bad.code).toBe(1);
    expect(bad.err.some((l) => /^headroom forecast serve: web_demand: /.test(l))).toBe(true);
  }, 60_000);
});
