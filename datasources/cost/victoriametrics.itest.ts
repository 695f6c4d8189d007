/**
 * @jest-environment jsdom
 */
// The cost data source against VictoriaMetrics' Prometheus API (the demo stack's second engine,
// stack/engines/victoriametrics.ts), in URL mode through the plugin's own route: BackendSrv is
// replaced by what Grafana's data source proxy does with plugin.json's "prometheus" route (the URL
// from jsonData, the Authorization and X-Scope-OrgID headers filled in), and the URL has a path
// prefix (VictoriaMetrics also serves its API under /prometheus). A small gateway in front of it
// refuses requests without the tenant header, as multi-tenant gateways (Mimir, vmauth) do.
// The reference is the same query on the stack's Prometheus. Skipped, with one line, when
// victoria-metrics is not installed.
import { lastValueFrom, Observable } from 'rxjs';
import { DataFrame, DataQueryResponse, dateTime } from '@grafana/data';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';
import { vmBins, vmUrls } from '../../stack/engines/victoriametrics';
import plugin from './plugin.json';
import { headroomMeta, SUMMARY_FIELDS } from '../../core/cost/contract';
import { CostDataSource } from './datasource';
import { settings } from './testing';
import { CostDataSourceOptions, CostQuery } from './types';

const PROXY = '/api/datasources/proxy/uid/prom';
const ROUTE = '/api/datasources/proxy/uid/cost/';
const PROMETHEUS_URL = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT || 19090}`;
const { vmUrl } = vmUrls();
const TENANT = 'headroom-demo';
const TOKEN = 'Bearer itest';

const g = globalThis as unknown as Record<string, unknown>;
g.TextDecoder ??= NodeTextDecoder;
g.TextEncoder ??= NodeTextEncoder;

function request(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<{ status: number; statusText: string; body: string; bytes: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { signal, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: bytes.toString('utf8'), bytes: new Uint8Array(bytes) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// What the running data source's settings hold (Grafana keeps them server-side for the route).
let current: { json: CostDataSourceOptions; secure: Record<string, string> } = { json: {}, secure: {} };

/** Grafana's proxy for plugin.json's routes: {{ .JsonData.x }} / {{ .SecureJsonData.x }} filled in. */
function viaRoute(path: string): { url: string; headers: Record<string, string> } | null {
  const fill = (t: string) =>
    t.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_, where: string, key: string) =>
      String((where === 'JsonData' ? (current.json as Record<string, unknown>) : current.secure)[key] ?? ''),
    );
  const route = plugin.routes.find((r) => path === r.path || path.startsWith(`${r.path}/`) || path.startsWith(`${r.path}?`));
  if (!route) return null;
  const headers: Record<string, string> = {};
  for (const h of route.headers ?? []) {
    const v = fill(h.content);
    if (v) headers[h.name] = v;
  }
  return { url: fill(route.url) + path.slice(route.path.length), headers };
}

jest.mock('marked', () => ({ marked: { parse: (s: string) => s, use: () => undefined, setOptions: () => undefined }, Marked: class {} }));
jest.mock('marked-mangle', () => ({ mangle: () => ({}) }));
jest.mock('d3-interpolate', () => ({ interpolateRgbBasis: () => () => '#000' }));
jest.mock('d3-scale-chromatic', () => ({}));
jest.mock('@grafana/runtime', () => ({
  isFetchError: (e: unknown) => typeof e === 'object' && e !== null && 'status' in e && 'data' in e,
  getTemplateSrv: () => ({ replace: (s: string) => s, getVariables: () => [] }),
  getBackendSrv: () => ({
    fetch: (o: { url: string; responseType?: string }) =>
      new Observable((sub) => {
        const controller = new AbortController();
        const routed = o.url.startsWith(ROUTE) ? viaRoute(o.url.slice(ROUTE.length)) : null;
        const target = routed ?? { url: o.url.startsWith(PROXY) ? PROMETHEUS_URL + o.url.slice(PROXY.length) : o.url, headers: {} };
        request(target.url, target.headers, controller.signal)
          .then((res) => {
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

const bins = vmBins();
if (!bins) console.log('skip the cost data source on VictoriaMetrics: victoria-metrics is not installed (apt-get install victoria-metrics)');
const describeVm = bins ? describe : describe.skip;
const noVariables = { replace: (s: string) => s, getVariables: () => [] };
const HOUR = 3_600_000;

let gateway: http.Server;
let gatewayUrl = '';
let now = 0;

function ds(json: CostDataSourceOptions, secure: Record<string, string> = {}) {
  current = { json, secure };
  return new CostDataSource(settings(json), noVariables as never);
}

async function run(source: CostDataSource, targets: Array<Partial<CostQuery>>, hours: number, intervalMs: number): Promise<DataQueryResponse> {
  const from = now - hours * HOUR;
  return lastValueFrom(
    source.query({
      requestId: 'itest-vm',
      interval: '',
      intervalMs,
      range: { from: dateTime(from), to: dateTime(now), raw: { from: dateTime(from), to: dateTime(now) } },
      scopedVars: {},
      targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t })),
      timezone: 'utc',
      app: 'dashboard',
      startTime: Date.now(),
    } as never) as Observable<DataQueryResponse>,
  );
}

const vmSettings = (): CostDataSourceOptions => ({ prometheusAccess: 'url', prometheusUrl: `${gatewayUrl}/prometheus`, tenantId: TENANT });
const prometheus = () => ds({ prometheusDatasourceUid: 'prom' });

describeVm('cost data source on VictoriaMetrics (URL mode: path prefix, tenant header, Authorization)', () => {
  beforeAll(async () => {
    // The gateway: one tenant, one token; anything else is refused like a multi-tenant front does.
    gateway = http.createServer((req, res) => {
      if (req.headers['x-scope-orgid'] !== TENANT || req.headers.authorization !== TOKEN) {
        res.writeHead(401, { 'Content-Type': 'text/plain' }).end('no org id or bad token\n');
        return;
      }
      request(`${vmUrl}${req.url}`, {}).then(
        (r) => res.writeHead(r.status, { 'Content-Type': 'application/json' }).end(Buffer.from(r.bytes)),
        (e: Error) => res.writeHead(502).end(e.message),
      );
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    // A minute both engines have: Prometheus' newest minute less two (VictoriaMetrics leaves out the last 30 s).
    const r = JSON.parse((await request(`${PROMETHEUS_URL}/api/v1/query?query=vector(time())`, {})).body);
    now = Math.floor((Number(r.data.result[0].value[0]) * 1000) / 60_000) * 60_000 - 2 * 60_000;
  });
  afterAll(() => new Promise<void>((r) => gateway.close(() => r())));

  it('passes its own test through the route, prefix and tenant', async () => {
    const r = await ds(vmSettings(), { authorization: TOKEN }).testDatasource();
    expect(r).toMatchObject({ status: 'success' });
    expect(r.message).toMatch(/inventory: \d+ nodes of 3 instance types \(kube_node_labels\), all priced/);
  });

  it('says in one error what is wrong when the tenant header is missing', async () => {
    const res = await run(ds({ ...vmSettings(), tenantId: '' }, { authorization: TOKEN }), [{ queryType: 'cost', groupBy: 'total' }], 6, 5 * 60_000);
    expect(res.errors).toEqual([{ refId: 'A', message: expect.stringMatching(/401/) }]);
    console.log(`without the tenant: ${res.errors?.[0].message}`);
  });

  it('gives the same cost per component and cost per request as the same day on Prometheus (range queries)', async () => {
    const targets: Array<Partial<CostQuery>> = [{ queryType: 'cost', groupBy: 'component' }, { queryType: 'costPerRequest', perRequests: 1000 }];
    const [onVm, onProm] = [await run(ds(vmSettings(), { authorization: TOKEN }), targets, 24, 5 * 60_000), await run(prometheus(), targets, 24, 5 * 60_000)];
    expect(onVm.errors).toBeUndefined();
    expect(onProm.errors).toBeUndefined();
    const costs = (r: DataQueryResponse) =>
      Object.fromEntries(
        r.data
          .filter((f: DataFrame) => headroomMeta(f)?.role === 'cost' && f.refId === 'A')
          .map((f: DataFrame) => [f.name, (f.fields[1].values as (number | null)[]).reduce((a: number, v) => a + (v ?? 0), 0)]),
      );
    const vmCosts = costs(onVm);
    const promCosts = costs(onProm);
    expect(Object.keys(vmCosts).sort()).toEqual(['cache', 'compute', 'database']);
    for (const k of Object.keys(promCosts)) expect(Math.abs(vmCosts[k] - promCosts[k]) / promCosts[k]).toBeLessThan(0.01);
    const summary = (r: DataQueryResponse) => r.data.find((f: DataFrame) => headroomMeta(f)?.role === 'summary' && f.refId === 'B') as DataFrame;
    const field = (f: DataFrame, name: string) => f.fields.find((x) => x.name === name)?.values[0] as number;
    // Requests: VictoriaMetrics' increase() does not extrapolate at the window's edges, Prometheus' does.
    const [vmSummary, promSummary] = [summary(onVm), summary(onProm)];
    console.log(
      `VictoriaMetrics / Prometheus over 24 h: cost ${JSON.stringify(Object.fromEntries(Object.keys(promCosts).map((k) => [k, (vmCosts[k] / promCosts[k]).toFixed(5)])))}, ` +
        `requests ${(field(vmSummary, SUMMARY_FIELDS.requests) / field(promSummary, SUMMARY_FIELDS.requests)).toFixed(5)}, cost per 1k requests ${(field(vmSummary, SUMMARY_FIELDS.value) / field(promSummary, SUMMARY_FIELDS.value)).toFixed(5)}`,
    );
    expect(Math.abs(field(vmSummary, SUMMARY_FIELDS.requests) / field(promSummary, SUMMARY_FIELDS.requests) - 1)).toBeLessThan(0.01);
    expect(Math.abs(field(vmSummary, SUMMARY_FIELDS.value) / field(promSummary, SUMMARY_FIELDS.value) - 1)).toBeLessThan(0.02);
  });
});
