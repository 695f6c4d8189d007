// The cost data source's whole query() path in headless Chromium, at the size: 30 days at
// 1-minute steps over 50 inventory series (43,201 points each), answered in 4 chunks of at most
// 11,000 points like Prometheus would. Unlike cost-frames (core model → plain frames in Node), this
// runs the real plugin code: BackendSrv adapter, client, inventory query, price book, costSeries and
// Grafana DataFrames (plain arrays, units, roles) — for "cost" (by component) and "cost per
// request" (also the request counter per step, the window's and the previous window's requests,
// a coarse previous-period inventory, the per-step ratio, summary and pricing frames).
// Prometheus' own time is excluded: a stand-in BackendSrv answers from bodies built before timing.
import { runInChromium } from '../browser.mjs';

const page = `
import { fleetMetrics, fleetWalks } from './bench/cost/fleet.mjs';
import { lastValueFrom } from 'rxjs';
import { dateTime } from '@grafana/data';
import { CostDataSource } from './datasources/cost/datasource';
import { queryWindow } from './datasources/cost/engine/window';
import { rangeChunks } from './core/prometheus/client';
import { readMatrixInto } from './core/prometheus/matrixBytes';
import { SeriesJoiner } from './core/prometheus/seriesSink';
import { inventoryFromSeries } from './core/cost/inventory';
import { costSeries } from './core/cost/series';
import { costFrames } from './core/cost/frames';
import { defaultPriceBook } from './core/cost/defaultPricebook';

const SERIES = 50;

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

window.runBench = async () => {
  const STEP = 60000;
  const to = Date.UTC(2026, 0, 31);
  const from = to - 30 * 86400000;
  const w = queryWindow(from, to, STEP);
  const points = Math.round((w.gridEnd - w.gridStart) / STEP) + 1;
  const walks = fleetWalks(SERIES, points);
  const metrics = fleetMetrics(SERIES);
  const bodies = new Map();
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const c of rangeChunks(w.gridStart, w.gridEnd, STEP)) {
    const i0 = Math.round((c.start - w.gridStart) / STEP);
    const i1 = Math.round((c.end - w.gridStart) / STEP);
    const result = metrics.map((metric, s) => {
      const values = [];
      for (let i = i0; i <= i1; i++) values.push([(w.gridStart + i * STEP) / 1000, String(walks[s][i])]);
      return { metric, values };
    });
    const inventory = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
    const reqValues = [];
    for (let i = i0; i <= i1; i++) reqValues.push([(w.gridStart + i * STEP) / 1000, String(150000 + (i % 1440) * 50)]);
    const requests = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: reqValues }] } });
    // What arrives on the wire: UTF-8 bytes (the data source asks BackendSrv for an ArrayBuffer).
    const inv = encoder.encode(inventory);
    const req = encoder.encode(requests);
    bytes += inv.length + req.length;
    bodies.set('inv@' + c.start / 1000, inv);
    bodies.set('req@' + c.start / 1000, req);
  }
  const vector = (v) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [to / 1000, String(v)] }] } });
  const smallMatrix = (params) => {
    const start = Number(params.get('start')), end = Number(params.get('end')), step = Number(params.get('step'));
    const result = metrics.map((metric) => {
      const values = [];
      for (let t = start; t <= end; t += step) values.push([t, '3']);
      return { metric, values };
    });
    return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
  };
  const { Observable } = await import('rxjs');
  window.__backend = {
    fetch: (o) => new Observable((sub) => {
      const [path, qs] = o.url.split('?');
      const params = new URLSearchParams(qs);
      const q = params.get('query');
      let body;
      if (path.endsWith('/query_range')) {
        const key = (q.includes('kube_node_labels') ? 'inv@' : 'req@') + params.get('start');
        body = bodies.get(key) ?? smallMatrix(params);
      } else {
        body = vector(q.includes('increase') ? 6.5e9 : 1);
      }
      if (typeof body === 'string' && o.responseType === 'arraybuffer') body = encoder.encode(body).buffer;
      else if (body instanceof Uint8Array) body = o.responseType === 'arraybuffer' ? body.buffer : new TextDecoder().decode(body);
      Promise.resolve().then(() => {
        sub.next({ status: 200, statusText: 'OK', ok: true, data: body });
        sub.complete();
      });
    }),
  };
  const ds = new CostDataSource({ id: 1, uid: 'cost', type: 'headroom-cost-datasource', name: 'cost', url: '/api/datasources/proxy/uid/cost', access: 'proxy', jsonData: { prometheusDatasourceUid: 'prom', defaultMix: { reserved_1y: 0.5, spot: 0.2 } }, meta: {} }, { replace: (s) => s, getVariables: () => [] });
  const request = (queryType) => ({
    requestId: 'bench', interval: '1m', intervalMs: STEP, range: { from: dateTime(from), to: dateTime(to), raw: { from: 'now-30d', to: 'now' } },
    scopedVars: {}, targets: [{ refId: 'A', queryType, groupBy: 'component', unpriced: 'skip' }], timezone: 'utc', app: 'bench', startTime: 0,
  });
  const time = async (queryType, runs) => {
    let last;
    for (let r = 0; r < 2; r++) last = await lastValueFrom(ds.query(request(queryType)));
    const ts = [];
    for (let r = 0; r < runs; r++) {
      const s = performance.now();
      last = await lastValueFrom(ds.query(request(queryType)));
      ts.push(performance.now() - s);
    }
    if (last.errors) throw new Error(queryType + ': ' + JSON.stringify(last.errors));
    return { ms: median(ts), frames: last.data.length, points: last.data[0].length };
  };
  // The same answers through core alone (what bench/cases/cost-frames.mjs times in Node), in this page.
  const book = defaultPriceBook();
  const invBodies = [...bodies].filter(([k]) => k.startsWith('inv@')).map(([, b]) => b);
  const core = () => {
    const joiner = new SeriesJoiner({ max: points, end: w.gridEnd, start: w.gridStart, step: STEP });
    for (const b of invBodies) readMatrixInto(b, joiner);
    const { inventory } = inventoryFromSeries(joiner.series());
    return costFrames(costSeries(inventory, book, { reserved_1y: 0.5, spot: 0.2 }), 'component', 'A');
  };
  for (let r = 0; r < 2; r++) core();
  const coreTimes = [];
  const cost = await time('cost', 7);
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    core();
    coreTimes.push(performance.now() - s);
  }
  const perRequest = await time('costPerRequest', 5);
  return { bytes, points, cost, perRequest, core: median(coreTimes) };
};
`;

const runtimeStub = `
export const getBackendSrv = () => window.__backend;
export const getTemplateSrv = () => ({ replace: (s) => s, getVariables: () => [] });
export const isFetchError = (e) => typeof e === 'object' && e !== null && 'status' in e && 'data' in e;
`;

export default async function run({ root }) {
  const r = await runInChromium(
    { contents: page, resolveDir: root, sourcefile: 'costperrequest-datasource-page.ts' },
    {
      deviceScaleFactor: 1,
      viewport: { width: 1280, height: 720 },
      esbuild: {
        define: { 'process.env.NODE_ENV': '"production"' },
        plugins: [
          {
            name: 'grafana-runtime-stub',
            setup(b) {
              b.onResolve({ filter: /^@grafana\/runtime$/ }, () => ({ path: 'runtime-stub', namespace: 'stub' }));
              b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: runtimeStub, loader: 'js' }));
            },
          },
        ],
      },
    },
  );
  const os = await import('node:os');
  const name = 'cost datasource 30d×1min×50';
  const note = `${r.points} points/series, ${(r.bytes / 1e6).toFixed(0)} MB of answers, load ${os.loadavg()[0].toFixed(1)}`;
  return [
    { case: name, metric: 'query() cost by component → DataFrames', value: r.cost.ms, unit: 'ms', note: `${note}; target <= 100` },
    { case: name, metric: 'query() cost per request → DataFrames', value: r.perRequest.ms, unit: 'ms', note: `${r.perRequest.frames} frames` },
    { case: name, metric: 'core alone, same page: bytes → plain frames', value: r.core, unit: 'ms', note: 'readMatrixInto → costSeries → costFrames' },
    { case: name, metric: 'ratio query() cost / core alone', value: r.cost.ms / r.core, unit: 'x', note: 'what the plugin adds on top of core' },
  ];
}
