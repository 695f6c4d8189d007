/**
 * @jest-environment jsdom
 */
// The cost data source against the live demo Prometheus (node_modules/.bin/tsx stack/cli.ts start):
// Grafana's BackendSrv is replaced by Node's fetch to the same Prometheus the data source proxy
// would reach, so everything else — query building, the client, the model, the frames — is real.
// The reference numbers come from Prometheus itself (OpenCost's node_total_hourly_cost carries the
// same on-demand list prices as the built-in price book for the demo's three types).
import { lastValueFrom, Observable } from 'rxjs';
import { DataFrame, DataQueryResponse, dateTime } from '@grafana/data';
import http from 'node:http';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { headroomMeta, PRICING_FIELDS, SUMMARY_FIELDS } from '../../core/cost/contract';
import { CostDataSource } from './datasource';
import { settings } from './testing';
import { CostDataSourceOptions, CostQuery } from './types';

const PROXY = '/api/datasources/proxy/uid/prom';
const PROMETHEUS_URL = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT || 19090}`;

// jsdom (which @grafana/data needs) has neither TextDecoder/TextEncoder nor fetch.
const g = globalThis as unknown as Record<string, unknown>;
g.TextDecoder ??= NodeTextDecoder;
g.TextEncoder ??= NodeTextEncoder;

/** GET over node:http: the body as text and as the bytes that arrived. */
function httpGet(url: string, signal?: AbortSignal): Promise<{ status: number; statusText: string; body: string; bytes: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: bytes.toString('utf8'), bytes: new Uint8Array(bytes) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function promQuery(expr: string, timeS?: number): Promise<Array<{ value: [number, string] }>> {
  const params = new URLSearchParams({ query: expr });
  if (timeS !== undefined) {
    params.set('time', String(timeS));
  }
  const r = await httpGet(`${PROMETHEUS_URL}/api/v1/query?${params}`);
  return JSON.parse(r.body).data.result;
}

// The integration config transforms no ES modules: stub the few ESM-only packages @grafana/data
// pulls in for markdown and colour scales (not used here), and replace @grafana/runtime (which
// would bring all of @grafana/ui) by the three functions the data source calls.
jest.mock('marked', () => ({ marked: { parse: (s: string) => s, use: () => undefined, setOptions: () => undefined }, Marked: class {} }));
jest.mock('marked-mangle', () => ({ mangle: () => ({}) }));
jest.mock('d3-interpolate', () => ({ interpolateRgbBasis: () => () => '#000' }));
jest.mock('d3-scale-chromatic', () => ({}));
jest.mock('@grafana/runtime', () => ({
  isFetchError: (e: unknown) => typeof e === 'object' && e !== null && 'status' in e && 'data' in e,
  getTemplateSrv: () => ({ replace: (s: string) => s, getVariables: () => [] }),
  getBackendSrv: () => ({
    fetch: (o: { url: string; method?: string; headers?: Record<string, string>; responseType?: string }) =>
      new Observable((sub) => {
        const controller = new AbortController();
        const url = o.url.startsWith(PROXY) ? PROMETHEUS_URL + o.url.slice(PROXY.length) : o.url;
        httpGet(url, controller.signal)
          .then((res) => {
            // As Grafana's BackendSrv: an ArrayBuffer for responseType 'arraybuffer', else text.
            const data = o.responseType === 'arraybuffer' ? res.bytes.slice().buffer : res.body;
            if (res.status >= 200 && res.status < 300) {
              sub.next({ status: res.status, statusText: res.statusText, data, ok: true });
              sub.complete();
            } else {
              sub.error({ status: res.status, statusText: res.statusText, data });
            }
          })
          .catch((e: Error) => sub.error({ status: 0, statusText: 'Network error', data: { message: e.message } }));
        return () => controller.abort();
      }),
  }),
}));

const noVariables = { replace: (s: string) => s, getVariables: () => [] };
const HOUR = 3_600_000;

function ds(json: CostDataSourceOptions = {}) {
  return new CostDataSource(settings({ prometheusDatasourceUid: 'prom', ...json }), noVariables as never);
}

let now = 0;

async function run(targets: Array<Partial<CostQuery>>, hours = 24, intervalMs = 5 * 60_000, json: CostDataSourceOptions = {}): Promise<DataQueryResponse> {
  const to = now;
  const from = to - hours * HOUR;
  return lastValueFrom(
    ds(json).query({
      requestId: 'itest',
      interval: '',
      intervalMs,
      range: { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } },
      scopedVars: {},
      targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t })),
      timezone: 'utc',
      app: 'dashboard',
      startTime: Date.now(),
    } as never) as Observable<DataQueryResponse>
  );
}

async function scalarAt(expr: string): Promise<number> {
  const r = await promQuery(expr, now / 1000);
  return r.length ? Number(r[0].value[1]) : NaN;
}

const byRole = (frames: DataFrame[], role: string) => frames.filter((f) => headroomMeta(f)?.role === role);
const value = (f: DataFrame, name: string) => f.fields.find((x) => x.name === name)?.values[0];

beforeAll(async () => {
  // The stack's clock: the newest sample Prometheus has, rounded down to the minute.
  const r = await promQuery('vector(time())');
  now = Math.floor((Number(r[0].value[0]) * 1000) / 60_000) * 60_000 - 60_000;
});

describe('cost data source on the demo Prometheus', () => {
  it('passes its own test: API, inventory, price book and requests', async () => {
    const r = await ds().testDatasource();
    expect(r.status).toBe('success');
    expect(r.message).toMatch(/inventory: \d+ nodes of 3 instance types \(kube_node_labels\), all priced/);
  });

  it('returns cost per component matching OpenCost prices over the same day', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'component' }]);
    expect(res.errors).toBeUndefined();
    const names = res.data.map((f: DataFrame) => f.name).sort();
    expect(names).toEqual(['cache', 'compute', 'database']);
    const database = res.data.find((f: DataFrame) => f.name === 'database') as DataFrame;
    const last = (database.fields[1].values as number[]).filter((v) => v !== null).at(-1);
    expect(last).toBeCloseTo(4 * 0.25, 6);
    expect(database.fields[1].config.unit).toBe('currencyUSD');
    expect(headroomMeta(database)).toMatchObject({ role: 'cost', currency: 'USD', per: 'hour' });
  });

  it('returns cost per request, its change against the day before, and the pricing comparison', async () => {
    const res = await run([{ queryType: 'costPerRequest', perRequests: 1000 }]);
    expect(res.errors).toBeUndefined();
    const summary = byRole(res.data, 'summary')[0];
    expect(value(summary, SUMMARY_FIELDS.status)).toBe('ok');
    const cost = value(summary, SUMMARY_FIELDS.cost) as number;
    const requests = value(summary, SUMMARY_FIELDS.requests) as number;
    // Integrated over the day at 1-minute resolution. (sum(avg_over_time(…[1d])) × 24 would count a
    // compute node that lived 2 hours as if it ran all day: 25 % too much with the demo's autoscaling.)
    const refCost = (await scalarAt('sum_over_time(sum(node_total_hourly_cost)[1d:1m])')) / 60;
    const refRequests = await scalarAt('sum(increase(http_requests_total[1d]))');
    expect(Math.abs(cost - refCost) / refCost).toBeLessThan(0.02);
    expect(requests).toBeCloseTo(refRequests, 0);
    expect(value(summary, SUMMARY_FIELDS.value)).toBeCloseTo((cost / requests) * 1000, 12);
    expect(Number.isFinite(value(summary, SUMMARY_FIELDS.previousValue) as number)).toBe(true);
    expect(value(summary, SUMMARY_FIELDS.projectedMonthly) as number).toBeGreaterThan(1000);

    const pricing = byRole(res.data, 'pricing')[0];
    expect(pricing.fields.find((f) => f.name === PRICING_FIELDS.key)?.values).toEqual(['on_demand', 'reserved_1y', 'reserved_3y', 'spot']);
    const saved = pricing.fields.find((f) => f.name === PRICING_FIELDS.savedPercent)?.values as number[];
    expect(saved[0]).toBe(0);
    expect(saved[1]).toBeGreaterThan(15);
    expect(saved[2]).toBeGreaterThan(saved[1]);
    expect(byRole(res.data, 'cost').length).toBe(3);
    const req = byRole(res.data, 'requests')[0].fields[1].values as number[];
    expect(req.filter((v) => v !== null && v > 0).length).toBeGreaterThan(200);
  });

  it('returns projection and savings frames, with the mix what-if', async () => {
    const res = await run([{ queryType: 'projection' }, { queryType: 'savings', mix: { reserved_1y: 0.5, spot: 0.2 } }]);
    expect(res.errors).toBeUndefined();
    const projection = byRole(res.data, 'projection');
    expect(projection.map((f) => f.name)).toEqual(['on demand per month', 'reserved 1y no upfront per month', 'reserved 3y no upfront per month', 'spot (where sold) per month']);
    const savings = byRole(res.data, 'savings');
    expect(savings[0].fields[0].values.at(-1)).toMatch(/^mix: 50% reserved 1y \+ 20% spot \+ 30% on demand/);
    expect(savings[1].fields[0].values).toEqual(expect.arrayContaining(['compute', 'database', 'cache']));
  });

  it('prices the OpenCost inventory like the node labels', async () => {
    const [labels, opencost] = await Promise.all([run([{ queryType: 'cost', groupBy: 'total' }]), run([{ queryType: 'cost', groupBy: 'total' }], 24, 5 * 60_000, { inventorySource: 'opencost' })]);
    expect(opencost.errors).toBeUndefined();
    const sum = (r: DataQueryResponse) => (r.data[0] as DataFrame).fields[1].values.reduce((x: number, v: number | null) => x + (v ?? 0), 0);
    expect(Math.abs(sum(labels) - sum(opencost)) / sum(labels)).toBeLessThan(0.01);
  });

  it('bills database storage, block storage and egress from the raw exporter series, per month (730 h) as the stat shows them', async () => {
    const GIB = 2 ** 30;
    // Built-in list prices, written out by hand: RDS gp2 and EBS gp3 per GB-month, internet egress per GB.
    const price = { rdsGp2: 0.115, ebsGp3: 0.08, egress: 0.09 };
    const res = await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true }, { queryType: 'cost', groupBy: 'component', beyondNodes: true, per: 'month' }]);
    expect(res.errors).toBeUndefined();
    const hourly = res.data.filter((f: DataFrame) => f.refId === 'A');
    const monthly = res.data.filter((f: DataFrame) => f.refId === 'B');
    expect(hourly.map((f: DataFrame) => f.name).sort()).toEqual(['cache', 'compute', 'database', 'egress', 'storage']);
    const series = (frames: DataFrame[], name: string) => {
      const f = frames.find((x) => x.name === name) as DataFrame;
      return { t: f.fields[0].values as number[], v: f.fields[1].values as Array<number | null> };
    };
    const at = (x: { t: number[]; v: Array<number | null> }) => {
      const i = x.v.length - 1;
      return { t: x.t[i], v: x.v[i] as number };
    };
    // The step before the last: every scrape up to it was ingested before the data source read it
    // (at the last step a scrape landing between its read and ours moves the real PostgreSQL's
    // growing size by a page or two: 4.8e-9 seen in a full run).
    const settled = (x: { t: number[]; v: Array<number | null> }) => at({ t: x.t.slice(0, -1), v: x.v.slice(0, -1) });
    // Storage: the exporters' bytes at that step, priced by hand.
    const storage = settled(series(hourly, 'storage'));
    const volumes = await promQuery('sum(max by (instance, device) (node_filesystem_size_bytes{fstype="ext4"}))', storage.t / 1000);
    expect(storage.v).toBeCloseTo(((Number(volumes[0].value[1]) / GIB) * price.ebsGp3) / 730, 9);
    const database = settled(series(hourly, 'database'));
    const dbBytes = await promQuery('sum(pg_database_size_bytes)', database.t / 1000);
    const dbNodes = await promQuery('count(kube_node_labels{label_headroom_component="database"})', database.t / 1000);
    expect(database.v).toBeCloseTo(Number(dbNodes[0].value[1]) * 0.25 + ((Number(dbBytes[0].value[1]) / GIB) * price.rdsGp2) / 730, 9);
    // Egress over the day: the integral of the hourly series against the counters' increase. Each
    // point is the traffic of the step that starts there; the last (the step under way) repeats the
    // one before it, the last full step, which ends at or before now.
    const egress = series(hourly, 'egress');
    while (egress.t.at(-1)! + (egress.t[1] - egress.t[0]) > now) {
      expect(egress.v.at(-1)).toBe(egress.v.at(-2));
      egress.t.pop();
      egress.v.pop();
    }
    const stepH = (egress.t[1] - egress.t[0]) / HOUR;
    const billed = egress.v.reduce((sum: number, v) => sum + (v ?? 0) * stepH, 0);
    const stepEnd = egress.t.at(-1)! + (egress.t[1] - egress.t[0]);
    expect(stepEnd).toBeLessThanOrEqual(now);
    const sentGb = (await scalarAt(`sum(increase(node_network_transmit_bytes_total{device="eth0"}[${Math.round((stepEnd - egress.t[0]) / 1000)}s] @ ${stepEnd / 1000}))`)) / GIB;
    // Now: the last step's traffic, against the raw counters' rate over that step.
    const lastRate = await promQuery(`sum(rate(node_network_transmit_bytes_total{device="eth0"}[${Math.round((egress.t[1] - egress.t[0]) / 1000)}s]))`, stepEnd / 1000);
    expect(egress.v.at(-1)!).toBeCloseTo(((Number(lastRate[0].value[1]) * 3600) / GIB) * price.egress, 9);
    expect(Math.abs(billed - sentGb * price.egress) / (sentGb * price.egress)).toBeLessThan(0.03);
    // Per month: 730 x the hourly value of the same step, for every kind.
    for (const name of ['compute', 'database', 'cache', 'storage', 'egress']) {
      expect(at(series(monthly, name)).v).toBeCloseTo(730 * at(series(hourly, name)).v, 6);
    }
    const figures = Object.fromEntries(monthly.map((f: DataFrame) => [f.name, Math.round(at(series([f], f.name as string)).v * 100) / 100]));
    console.log(`the bill per month now on the demo: ${JSON.stringify(figures)}`);
  });

  it('lists instance types for template variables', async () => {
    const values = await ds().metricFindQuery('instance_types()', { range: { from: dateTime(now - HOUR), to: dateTime(now), raw: { from: 'now-1h', to: 'now' } } });
    expect(values.map((v) => v.text)).toEqual(['cache.r6g.large', 'db.r5.large', 't3.large']);
  });

  it('handles 30 days at 1-minute steps (chunked) and a failing query beside it', async () => {
    const started = Date.now();
    const res = await run([{ queryType: 'cost', interval: '1m' }, { queryType: 'costPerRequest', requestSelector: 'sum(x)' }], 30 * 24, 60_000);
    const ms = Date.now() - started;
    expect(res.errors).toEqual([{ refId: 'B', message: expect.stringMatching(/request selector "sum\(x\)" in the query/) }]);
    expect((res.data[0] as DataFrame).length).toBeGreaterThanOrEqual(30 * 24 * 60);
    console.log(`30 days at 1 min: ${(res.data[0] as DataFrame).length} points × ${res.data.length} series in ${ms} ms (Prometheus included)`);
  });
});
