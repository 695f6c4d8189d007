import { lastValueFrom } from 'rxjs';
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { CostDataSource } from './datasource';
import { headroomMeta, PRICING_FIELDS, SUMMARY_FIELDS } from '../../core/cost/contract';
import { clearPriceBookCache } from './pricebook';
import { fakeFetch, FakeHandler, FakeRequest, gridValues, HOUR, matrix, request, settings, T0, vector } from './testing';
import { CostDataSourceOptions, CostQuery } from './types';

let current: ReturnType<typeof fakeFetch>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (o: never) => current.fetch(o) }),
}));

const RPS = 2500;
const FLEET = [
  { type: 't3.large', component: 'compute', count: 5 },
  { type: 'db.r5.large', component: 'database', count: 4 },
  { type: 'cache.r6g.large', component: 'cache', count: 1 },
];
const HOURLY = 5 * 0.0832 + 4 * 0.25 + 0.206;

function isRange(r: FakeRequest) {
  return r.path.endsWith('/query_range');
}

/** The demo fleet behind Prometheus: inventory, request counter, utilisation. */
const demo: FakeHandler = (r) => {
  const q = r.query;
  if (q === 'vector(1)') {
    return { body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [T0 / 1000, '1'] }] } } };
  }
  if (q.includes('kube_node_labels') && q.startsWith('count by')) {
    const wanted = FLEET.filter((f) => {
      const m = /label_headroom_component=~?"([^"]*)"/.exec(q);
      return !m || new RegExp(`^(?:${m[1].replace(/\\\\/g, '\\')})$`).test(f.component);
    });
    const metric = (f: (typeof FLEET)[number]) => ({
      label_node_kubernetes_io_instance_type: f.type,
      label_headroom_component: f.component,
      label_topology_kubernetes_io_region: 'us-east-1',
    });
    if (isRange(r)) {
      return { body: matrix(wanted.map((f) => ({ metric: metric(f), values: gridValues(r, () => f.count) }))) };
    }
    return { body: vector(wanted.map((f) => ({ metric: metric(f), value: f.count }))) };
  }
  if (q.startsWith('group by (label_node_kubernetes_io_instance_type)')) {
    return { body: vector(FLEET.map((f) => ({ metric: { label_node_kubernetes_io_instance_type: f.type }, value: 1 }))) };
  }
  if (q.includes('increase(http_requests_total')) {
    const m = /\[(\d+)([smhd])\]|\[((?:\d+[dhms])+)\]/.exec(q);
    const seconds = m ? durationSeconds(m[0].slice(1, -1)) : 60;
    if (isRange(r)) {
      return { body: matrix([{ metric: {}, values: gridValues(r, () => RPS * seconds) }]) };
    }
    return { body: vector([{ metric: {}, value: RPS * seconds }]) };
  }
  if (q.startsWith('count(http_requests_total')) {
    return { body: vector([{ metric: {}, value: 6 }]) };
  }
  if (q.includes('container_cpu_usage_seconds_total')) {
    return { body: matrix([{ metric: {}, values: gridValues(r, () => 0.2) }]) };
  }
  return { status: 400, body: { status: 'error', errorType: 'bad_data', error: `unexpected query ${q}` } };
};

function durationSeconds(text: string): number {
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  let s = 0;
  for (const m of text.matchAll(/(\d+)([smhd])/g)) s += Number(m[1]) * unit[m[2]];
  return s;
}

const templateSrv = {
  replace: (text: string, _scoped?: unknown, format?: unknown) => {
    const vars: Record<string, string[]> = { component: ['compute', 'cache'], one: ['database'] };
    return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a, b) => {
      const v = vars[a ?? b];
      if (!v) return m;
      return typeof format === 'function' ? format(v.length === 1 ? v[0] : v) : v.join(',');
    });
  },
  getVariables: () => [],
};

function ds(json: CostDataSourceOptions = { prometheusDatasourceUid: 'prom' }) {
  return new CostDataSource(settings(json), templateSrv as never);
}

async function run(targets: Array<Partial<CostQuery>>, json?: CostDataSourceOptions, handler: FakeHandler = demo, range?: [number, number]): Promise<DataQueryResponse> {
  current = fakeFetch(handler);
  return lastValueFrom(ds(json).query(request(targets, range?.[0], range?.[1])));
}

const role = (frames: DataFrame[], r: string) => frames.filter((f) => headroomMeta(f)?.role === r);
const field = (f: DataFrame, name: string) => f.fields.find((x) => x.name === name);

beforeEach(() => clearPriceBookCache());

describe('cost over time', () => {
  it('returns money per hour per component in the price book currency, through the Prometheus data source proxy', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'component' }]);
    expect(res.errors).toBeUndefined();
    const names = res.data.map((f: DataFrame) => f.name).sort();
    expect(names).toEqual(['cache', 'compute', 'database']);
    const compute = res.data.find((f: DataFrame) => f.name === 'compute') as DataFrame;
    const value = compute.fields[1];
    expect(value.config.unit).toBe('currencyUSD');
    expect(value.labels).toEqual({ component: 'compute' });
    expect(value.values[0]).toBeCloseTo(5 * 0.0832, 10);
    expect(headroomMeta(compute)).toMatchObject({ role: 'cost', currency: 'USD', per: 'hour' });
    expect(current.requests[0].path).toBe('/api/datasources/proxy/uid/prom/api/v1/query_range');
  });

  it('draws the monthly budget of each group from the settings as budget / 730 per hour, and refuses a bad budget naming the field', async () => {
    const json = { prometheusDatasourceUid: 'prom', monthlyBudgets: 'compute=1000, database=800' };
    const res = await run([{ queryType: 'cost', groupBy: 'component', budget: true }], json);
    expect(res.errors).toBeUndefined();
    const budgets = role(res.data, 'budget');
    expect(budgets.map((f) => f.name).sort()).toEqual(['budget compute', 'budget database']);
    const compute = budgets.find((f) => f.name === 'budget compute') as DataFrame;
    // $1,000 a month over 730 hours, at every step of the cost series
    expect(compute.fields[1].values[0]).toBeCloseTo(1000 / 730, 12);
    expect(compute.fields[1].values.length).toBe((res.data.find((f: DataFrame) => f.name === 'compute') as DataFrame).fields[1].values.length);
    expect(compute.fields[1].labels).toEqual({ component: 'compute', budget: 'monthly' });
    expect(role(res.data, 'cost')).toHaveLength(3);
    expect(JSON.stringify(res.data[0].meta?.notices)).toContain('no monthly budget in the data source settings for cache');
    // without the switch: no budget frames
    expect(role((await run([{ queryType: 'cost', groupBy: 'component' }], json)).data, 'budget')).toHaveLength(0);
    const bad = await run([{ queryType: 'cost', budget: true }], { prometheusDatasourceUid: 'prom', monthlyBudgets: 'compute=lots' });
    expect(bad.errors?.[0].message).toContain('monthly budgets (data source settings): compute: the monthly budget must be a number above 0');
  });

  it('groups by instance type, and shares the cost out by service', async () => {
    const byType = await run([{ queryType: 'cost', groupBy: 'instance_type' }]);
    expect(byType.data.map((f: DataFrame) => f.fields[1].labels?.instance_type).sort()).toEqual(['cache.r6g.large', 'db.r5.large', 't3.large']);
    const handler: FakeHandler = (r) =>
      r.query.startsWith('sum by (service)')
        ? { body: matrix([{ metric: { service: 'web' }, values: gridValues(r, () => 300) }, { metric: { service: 'api' }, values: gridValues(r, () => 100) }]) }
        : demo(r);
    const bySvc = await run([{ queryType: 'cost', groupBy: 'service' }], undefined, handler);
    const web = bySvc.data.find((f: DataFrame) => f.name === 'web') as DataFrame;
    const api = bySvc.data.find((f: DataFrame) => f.name === 'api') as DataFrame;
    expect(web.fields[1].values[3]).toBeCloseTo(HOURLY * 0.75, 10);
    expect(api.fields[1].values[3]).toBeCloseTo(HOURLY * 0.25, 10);
  });

  it('escapes multi-value template variables into the inventory matchers', async () => {
    const res = await run([{ queryType: 'cost', component: '$component' }]);
    expect(res.errors).toBeUndefined();
    expect(current.requests[0].query).toContain('label_headroom_component=~"(compute|cache)"');
    expect(res.data.map((f: DataFrame) => f.name).sort()).toEqual(['cache', 'compute']);
  });

  it('uses the pricing mix: 100 % reserved 1y no upfront prices t3.large at 0.052/h', async () => {
    const res = await run([{ queryType: 'cost', mix: { reserved_1y: 1 }, component: 'compute' }]);
    expect((res.data[0] as DataFrame).fields[1].values[0]).toBeCloseTo(5 * 0.052, 10);
  });

  it('fails with the unpriced type named, or leaves it out with a warning when asked', async () => {
    const handler: FakeHandler = (r) =>
      r.query.includes('kube_node_labels') && r.path.endsWith('query_range')
        ? { body: matrix([{ metric: { label_node_kubernetes_io_instance_type: 'x9.huge', label_headroom_component: 'compute' }, values: gridValues(r, () => 2) }, { metric: { label_node_kubernetes_io_instance_type: 't3.large', label_headroom_component: 'compute' }, values: gridValues(r, () => 1) }]) }
        : demo(r);
    const failed = await run([{ queryType: 'cost' }], undefined, handler);
    expect(failed.errors?.[0].message).toMatch(/no price for instance type x9\.huge in us-east-1 \(2 now\) in price book "headroom built-in/);
    const skipped = await run([{ queryType: 'cost', unpriced: 'skip' }], undefined, handler);
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data[0].meta?.notices?.[0].text).toMatch(/x9\.huge .*left out/);
  });
});

describe('cost per request', () => {
  it('divides the integrated cost by the increase of requests over the range', async () => {
    const res = await run([{ queryType: 'costPerRequest', perRequests: 1000 }]);
    expect(res.errors).toBeUndefined();
    const summary = role(res.data, 'summary')[0];
    const cost = field(summary, SUMMARY_FIELDS.cost)?.values[0] as number;
    expect(cost).toBeCloseTo(HOURLY * 24, 6);
    expect(field(summary, SUMMARY_FIELDS.requests)?.values[0]).toBe(RPS * 86400);
    expect(field(summary, SUMMARY_FIELDS.value)?.values[0]).toBeCloseTo(((HOURLY * 24) / (RPS * 86400)) * 1000, 12);
    expect(field(summary, SUMMARY_FIELDS.status)?.values[0]).toBe('ok');
    expect(field(summary, SUMMARY_FIELDS.previousValue)?.values[0]).toBeCloseTo(((HOURLY * 24) / (RPS * 86400)) * 1000, 9);
    expect(field(summary, SUMMARY_FIELDS.projectedMonthly)?.values[0]).toBeCloseTo(HOURLY * 730, 6);
    expect(role(res.data, 'cost').map((f) => f.fields[1].labels)).toContainEqual({ component: 'compute', instance_type: 't3.large' });
    expect(headroomMeta(role(res.data, 'requests')[0])).toMatchObject({ requests: 'increase', stepMs: 300_000 });
    const perStep = role(res.data, 'costPerRequest')[0].fields[1].values as number[];
    expect(perStep[5]).toBeCloseTo(((HOURLY * (5 / 60)) / (RPS * 300)) * 1000, 12);
  });

  it('projects the month from the fleet now (every monthly figure = 730 x the hourly cost now), not the range average', async () => {
    // Compute doubles from 5 to 10 nodes halfway through the day.
    const growing: FakeHandler = (r) => {
      const answer = demo(r);
      if (!(r.query.includes('kube_node_labels') && r.query.startsWith('count by') && isRange(r))) return answer;
      const half = T0 + 12 * HOUR;
      const body = (answer as { body: { data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> } } }).body;
      for (const s of body.data.result) {
        if (s.metric.label_headroom_component === 'compute') s.values = s.values.map(([t, v]) => [t, t * 1000 >= half ? '10' : v]);
      }
      return answer;
    };
    const now = 10 * 0.0832 + 4 * 0.25 + 0.206;
    const res = await run([{ queryType: 'costPerRequest' }, { refId: 'B', queryType: 'projection' }, { refId: 'C', queryType: 'savings' }], undefined, growing);
    expect(res.errors).toBeUndefined();
    const summary = role(res.data, 'summary')[0];
    expect(field(summary, SUMMARY_FIELDS.cost)?.values[0]).toBeGreaterThan(HOURLY * 24 * 1.1); // the range's cost: the average fleet
    expect(field(summary, SUMMARY_FIELDS.cost)?.values[0]).toBeLessThan(now * 24 * 0.9);
    expect(field(summary, SUMMARY_FIELDS.projectedMonthly)?.values[0]).toBeCloseTo(now * 730, 6);
    expect(field(role(res.data, 'pricing')[0], PRICING_FIELDS.monthly)?.values[0]).toBeCloseTo(now * 730, 6);
    const projection = role(res.data, 'projection').find((f) => f.refId === 'B' && f.name === 'on demand per month')!;
    const values = projection.fields[1].values as number[];
    expect(values[values.length - 1]).toBeCloseTo(now * 730, 6);
    const savings = role(res.data, 'savings').find((f) => f.refId === 'C')!;
    expect(field(savings, 'monthly cost')?.values[0]).toBeCloseTo(now * 730, 6);
  });

  it('shows no change against a previous period that has data for only part of it', async () => {
    // History begins 2 h before the range: the day before it is mostly empty.
    const young: FakeHandler = (r) => {
      const answer = demo(r);
      if (!(r.query.includes('kube_node_labels') && r.query.startsWith('count by') && isRange(r))) return answer;
      const body = (answer as { body: { data: { result: Array<{ values: Array<[number, string]> }> } } }).body;
      for (const s of body.data.result) s.values = s.values.filter(([t]) => t * 1000 >= T0 - 2 * HOUR);
      return answer;
    };
    const res = await run([{ queryType: 'costPerRequest' }], undefined, young);
    const summary = role(res.data, 'summary')[0];
    expect(field(summary, SUMMARY_FIELDS.previousValue)?.values[0]).toBeNull();
    expect(field(summary, SUMMARY_FIELDS.value)?.values[0]).toBeGreaterThan(0);
    expect(summary.meta?.notices?.map((n) => n.text)).toContainEqual(expect.stringMatching(/previous period has data only from 2025-12-31T22:00:00.000Z: no change against it/));
  });

  it('compares pricing models for the same traffic', async () => {
    const res = await run([{ queryType: 'costPerRequest', perRequests: 1_000_000 }], { prometheusDatasourceUid: 'prom', defaultMix: { reserved_1y: 0.5, spot: 0.2 } });
    const pricing = role(res.data, 'pricing')[0];
    expect(field(pricing, PRICING_FIELDS.key)?.values).toEqual(['on_demand', 'reserved_1y', 'reserved_3y', 'spot', 'mix']);
    const od = field(pricing, PRICING_FIELDS.monthly)?.values[0] as number;
    expect(od).toBeCloseTo(HOURLY * 730, 6);
    const saved = field(pricing, PRICING_FIELDS.savedPercent)?.values as number[];
    expect(saved[1]).toBeGreaterThan(20);
    expect(saved[4]).toBeGreaterThan(0);
    expect(field(pricing, PRICING_FIELDS.value)?.values[0]).toBeCloseTo(((HOURLY * 24) / (RPS * 86400)) * 1e6, 9);
  });

  it('says "not enough traffic" instead of dividing by almost nothing', async () => {
    const handler: FakeHandler = (r) => (r.query.includes('increase(http_requests_total') ? (r.path.endsWith('query_range') ? { body: matrix([{ metric: {}, values: gridValues(r, () => 0.4) }]) } : { body: vector([{ metric: {}, value: 3 }]) }) : demo(r));
    const res = await run([{ queryType: 'costPerRequest' }], undefined, handler);
    expect(res.errors).toBeUndefined();
    const summary = role(res.data, 'summary')[0];
    expect(field(summary, SUMMARY_FIELDS.status)?.values[0]).toBe('not_enough_traffic');
    expect(field(summary, SUMMARY_FIELDS.value)?.values[0]).toBeNull();
    expect(summary.meta?.notices?.[0].text).toMatch(/not enough traffic: 3 requests in the range, at least 100 needed/);
    expect((role(res.data, 'costPerRequest')[0].fields[1].values as unknown[]).every((v) => v === null)).toBe(true);
  });

  it('adds the service filter to the request selector from settings, escaped', async () => {
    await run([{ queryType: 'costPerRequest', service: 'we"b' }], { prometheusDatasourceUid: 'prom', requestSelector: 'http_requests_total{job="web"}' });
    expect(current.requests.some((r) => r.query.includes('increase(http_requests_total{job="web", service="we\\"b"}[1d])'))).toBe(true);
  });
});

describe('projection, savings and right-sizing', () => {
  it('projects the monthly run rate per pricing model over time', async () => {
    const res = await run([{ queryType: 'projection', period: 'month' }]);
    expect(res.data.map((f: DataFrame) => f.name)).toEqual(['on demand per month', 'reserved 1y no upfront per month', 'reserved 3y no upfront per month', 'spot (where sold) per month']);
    expect((res.data[0] as DataFrame).fields[1].values[0]).toBeCloseTo(HOURLY * 730, 6);
    const year = await run([{ queryType: 'projection', period: 'year' }]);
    expect((year.data[0] as DataFrame).fields[1].values[0]).toBeCloseTo(HOURLY * 8760, 6);
    const table = await run([{ queryType: 'projection', format: 'table' }]);
    expect((table.data[0] as DataFrame).length).toBe(8);
  });

  it('lists the savings of every pricing model and the what-if per component', async () => {
    const res = await run([{ queryType: 'savings', mix: { reserved_3y: 0.6, spot: 0.3, upfront: 'partial' } }]);
    const [table, whatIf] = res.data as DataFrame[];
    expect(field(table, 'pricing model')?.values).toContain('reserved 3y all upfront');
    expect(field(table, 'pricing model')?.values.at(-1)).toMatch(/^mix: 60% reserved 3y \+ 30% spot/);
    expect(field(table, 'notes')?.values.join(' ')).toMatch(/not sold as spot/);
    expect(field(whatIf, 'component')?.values).toEqual(expect.arrayContaining(['compute', 'database', 'cache']));
  });

  it('sizes by the p95 of utilisation against the target', async () => {
    const res = await run([{ queryType: 'rightSizing', cpuQuery: 'sum(rate(container_cpu_usage_seconds_total{container!=""}[5m])) / sum(kube_node_status_allocatable{resource="cpu"})', rightSizingType: 't3.large' }]);
    expect(res.errors).toBeUndefined();
    const t = res.data[0] as DataFrame;
    expect(field(t, 'instance type')?.values).toEqual(['t3.large']);
    expect(field(t, 'count')?.values).toEqual([5]);
    expect(field(t, 'action')?.values).toEqual(['keep']);
    const missing = await run([{ queryType: 'rightSizing' }]);
    expect(missing.errors?.[0].message).toMatch(/needs a CPU utilisation query/);
  });
});

describe('failures: one clear error per query, the others unaffected', () => {
  it('keeps the cost frames when the request counter fails for the cost-per-request query', async () => {
    const handler: FakeHandler = (r) => (r.query.includes('http_requests_total') ? { status: 503, body: { status: 'error', errorType: 'unavailable', error: 'too many queries' } } : demo(r));
    const res = await run([{ queryType: 'cost' }, { queryType: 'costPerRequest' }], undefined, handler);
    expect(res.data.length).toBe(3);
    expect(res.errors).toEqual([{ refId: 'B', message: expect.stringMatching(/^request counter: Prometheus failed on query(_range)? \(HTTP 503, unavailable\): too many queries/) }]);
  });

  it('names Prometheus being down, 4xx, malformed JSON and a proxy error page', async () => {
    const down = await run([{ queryType: 'cost' }], undefined, () => ({ network: 'connect ECONNREFUSED 127.0.0.1:19090' }));
    expect(down.errors?.[0].message).toMatch(/^inventory query count by .*: cannot reach Prometheus through Grafana \(connect ECONNREFUSED 127\.0\.0\.1:19090\)/);
    const bad = await run([{ queryType: 'cost' }], undefined, () => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error' } }));
    expect(bad.errors?.[0].message).toMatch(/Prometheus rejected query_range \(HTTP 400, bad_data\): parse error/);
    const malformed = await run([{ queryType: 'cost' }], undefined, () => ({ body: '{"status":"success","data":' }));
    expect(malformed.errors?.[0].message).toMatch(/answered query_range with HTTP 200 but the body is not JSON/);
    const gateway = await run([{ queryType: 'cost' }], undefined, () => ({ status: 502, body: '<html><h1>Bad Gateway</h1></html>' }));
    expect(gateway.errors?.[0].message).toMatch(/HTTP 502 .*Bad Gateway.*could not reach Prometheus through the data source proxy/);
  });

  it('times out a slow Prometheus with the configured limit', async () => {
    const res = await run([{ queryType: 'cost' }], { prometheusDatasourceUid: 'prom', timeoutSeconds: 0.05 }, () => ({ hang: true }));
    expect(res.errors?.[0].message).toMatch(/did not answer query_range within 50 ms/);
  });

  it('reports a broken pasted price book by entry and field, for each query that needs it', async () => {
    const book = JSON.stringify({ currency: 'USD', asOf: '2024-01-01', source: 'test', defaultRegion: 'us-east-1', instances: [{ type: 't3.large', vcpu: 2, memoryGiB: 8, prices: { on_demand: -1 } }] });
    const res = await run([{ queryType: 'cost' }, { queryType: 'savings' }], { prometheusDatasourceUid: 'prom', priceBookSource: 'inline', priceBookInline: book });
    expect(res.errors).toHaveLength(2);
    expect(res.errors?.[0].message).toBe('price book (pasted JSON) is invalid: instances[0] (t3.large): prices.on_demand: price must not be negative, got -1');
  });

  it('refuses a currency that is not the price book one', async () => {
    const res = await run([{ queryType: 'cost' }], { prometheusDatasourceUid: 'prom', currency: 'EUR' });
    expect(res.errors?.[0].message).toMatch(/currency mismatch: the data source is set to EUR but the price book \(built-in\) is in USD/);
  });

  it('names a bad query type, a bad request selector and a bad mix', async () => {
    const res = await run([
      { queryType: 'nonsense' as never },
      { queryType: 'costPerRequest', requestSelector: 'rate(x[5m])' },
      { queryType: 'savings', mix: { reserved_1y: 0.8, spot: 0.5 } },
      { queryType: 'cost' },
    ]);
    expect(res.errors?.map((e) => e.refId)).toEqual(['A', 'B', 'C']);
    expect(res.errors?.[0].message).toMatch(/unknown query type "nonsense"/);
    expect(res.errors?.[1].message).toMatch(/request selector "rate\(x\[5m\]\)" in the query/);
    expect(res.errors?.[2].message).toMatch(/pricing mix in the query: shares add up to 1.3/);
    expect(res.data.length).toBe(3);
  });

  it('says which setting is missing instead of querying', async () => {
    const res = await run([{ queryType: 'cost' }], {});
    expect(res.errors?.[0].message).toMatch(/No Prometheus data source chosen/);
    expect(current.requests).toHaveLength(0);
  });
});

describe('reaching Prometheus and the price book', () => {
  it('goes through the plugin route in URL mode (path prefix and tenant live in the route)', async () => {
    await run([{ queryType: 'cost' }], { prometheusAccess: 'url', prometheusUrl: 'http://mimir:8080/prometheus', tenantId: 'team-a' });
    expect(current.requests[0].path).toBe('/api/datasources/proxy/uid/cost/prometheus/api/v1/query_range');
  });

  it('fetches a price book URL through the pricebook route, once', async () => {
    const book = { currency: 'USD', asOf: '2024-01-01', source: 'test', defaultRegion: 'us-east-1', instances: FLEET.map((f) => ({ type: f.type, vcpu: 2, memoryGiB: 8, component: f.component, prices: { on_demand: 1 } })) };
    const handler: FakeHandler = (r) => (r.path.endsWith('/pricebook') ? { body: book } : demo(r));
    const json: CostDataSourceOptions = { prometheusDatasourceUid: 'prom', priceBookSource: 'url', priceBookUrl: 'https://prices.example/book.json' };
    const res = await run([{ queryType: 'cost', groupBy: 'total' }, { queryType: 'cost' }], json, handler);
    expect(res.errors).toBeUndefined();
    expect((res.data[0] as DataFrame).fields[1].values[0]).toBe(10);
    expect(current.requests.filter((r) => r.path === '/api/datasources/proxy/uid/cost/pricebook')).toHaveLength(1);
    const failing = await run([{ queryType: 'cost' }], { ...json, priceBookUrl: 'https://prices.example/missing.json' }, (r) => (r.path.endsWith('/pricebook') ? { status: 404, body: 'not found' } : demo(r)));
    expect(failing.errors?.[0].message).toBe('price book (https://prices.example/missing.json) could not be fetched: HTTP 404 Bad Request: not found');
  });
});

describe('template variables', () => {
  it('lists instance types, components, services and regions', async () => {
    current = fakeFetch(demo);
    const d = ds();
    expect(await d.metricFindQuery('instance_types()')).toEqual(['cache.r6g.large', 'db.r5.large', 't3.large'].map((t) => ({ text: t, value: t })));
    expect(current.requests[0].query).toBe('group by (label_node_kubernetes_io_instance_type) (last_over_time(kube_node_labels{}[1h]))');
    current = fakeFetch(() => ({ body: vector([{ metric: { label_headroom_component: 'compute' }, value: 1 }]) }));
    await ds().metricFindQuery('components(instance_type=$one)');
    expect(current.requests[0].query).toContain('label_node_kubernetes_io_instance_type="database"');
    await expect(ds().metricFindQuery('nodes()')).rejects.toThrow(/Unknown variable query "nodes\(\)": use instance_types\(\), components\(\), services\(\), regions\(\)/);
  });
});

describe('testDatasource', () => {
  const test = (json: CostDataSourceOptions, handler: FakeHandler = demo) => {
    current = fakeFetch(handler);
    return ds(json).testDatasource();
  };

  it('names the missing setting when no Prometheus is configured', async () => {
    expect(await test({})).toEqual({ status: 'error', message: expect.stringMatching(/No Prometheus data source chosen/) });
    expect((await test({ prometheusAccess: 'url' })).message).toMatch(/Prometheus URL is empty/);
  });

  it('reports the API, inventory, price book and requests when all are fine', async () => {
    const r = await test({ prometheusDatasourceUid: 'prom' });
    expect(r).toEqual({
      status: 'success',
      message: expect.stringMatching(/^Prometheus API reachable; inventory: 10 nodes of 3 instance types \(kube_node_labels\), all priced; price book "headroom built-in .*" \(built-in, USD\); requests: http_requests_total has 6 series\.$/),
    });
  });

  it('says which part is wrong', async () => {
    expect((await test({ prometheusDatasourceUid: 'prom' }, () => ({ status: 503, body: { status: 'error', errorType: 'unavailable', error: 'not ready' } }))).message).toMatch(
      /^Prometheus API: Prometheus failed on query \(HTTP 503, unavailable\): not ready/
    );
    expect((await test({ prometheusDatasourceUid: 'prom' }, () => ({ body: '<html>login</html>' }))).message).toMatch(/^Prometheus API: .*body is not JSON/);
    expect((await test({ prometheusDatasourceUid: 'prom', priceBookSource: 'inline', priceBookInline: '{"currency":"US"}' })).message).toMatch(/^Price book: price book \(pasted JSON\) is invalid: book: currency: unknown currency code "US"/);
    const noInventory: FakeHandler = (r) => (r.query.includes('kube_node_labels') ? { body: vector([]) } : demo(r));
    expect((await test({ prometheusDatasourceUid: 'prom' }, noInventory)).message).toMatch(/^Inventory: count by .* has no series now/);
    const unpriced: FakeHandler = (r) => (r.query.includes('kube_node_labels') ? { body: vector([{ metric: { label_node_kubernetes_io_instance_type: 'x9.huge' }, value: 2 }]) } : demo(r));
    expect((await test({ prometheusDatasourceUid: 'prom' }, unpriced)).message).toMatch(/has no price for x9\.huge in us-east-1 \(found in kube_node_labels\)/);
    const noRequests: FakeHandler = (r) => (r.query.startsWith('count(http') ? { body: vector([]) } : demo(r));
    expect(await test({ prometheusDatasourceUid: 'prom' }, noRequests)).toMatchObject({ status: 'warning', message: expect.stringMatching(/request counter http_requests_total has no series now/) });
  });
});

void HOUR;
