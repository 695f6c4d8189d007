import { lastValueFrom } from 'rxjs';
import { DataFrame, DataQueryResponse } from '@grafana/data';
import { CostDataSource } from './datasource';
import { headroomMeta } from '../../core/cost/contract';
import { clearPriceBookCache } from './pricebook';
import { fakeFetch, FakeHandler, gridValues, matrix, request, settings } from './testing';
import { CostDataSourceOptions, CostQuery } from './types';

let current: ReturnType<typeof fakeFetch>;
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: (o: never) => current.fetch(o) }),
}));

const GIB = 2 ** 30;
// What the exporters report, already in the price book's units (the fake answers the PromQL).
const DB_GB = 200;
const VOLUMES_GB = 500;
const EGRESS_GB_PER_HOUR = 3;
// Built-in list prices (core/cost/defaultPricebook.ts), written out by hand.
const PRICE = { t3: 0.0832, dbR5: 0.25, rdsGp2PerGbMonth: 0.115, ebsGp3PerGbMonth: 0.08, egressPerGb: 0.09 };

const FLEET = [
  { type: 't3.large', component: 'compute', count: 5 },
  { type: 'db.r5.large', component: 'database', count: 4 },
];

function handler(missing: string[] = []): FakeHandler {
  return (r) => {
    const q = r.query;
    const grid = (v: number) => ({ body: matrix([{ metric: {}, values: gridValues(r, () => v) }]) });
    for (const m of missing) {
      if (q.includes(m)) return { body: matrix([]) };
    }
    if (q.startsWith('count by') && q.includes('kube_node_labels')) {
      const metric = (f: (typeof FLEET)[number]) => ({ label_node_kubernetes_io_instance_type: f.type, label_headroom_component: f.component, label_topology_kubernetes_io_region: 'us-east-1' });
      const only = /label_headroom_component="([^"]*)"/.exec(q)?.[1];
      return { body: matrix(FLEET.filter((f) => !only || f.component === only).map((f) => ({ metric: metric(f), values: gridValues(r, () => f.count) }))) };
    }
    if (q === `sum(pg_database_size_bytes) / ${GIB}` || q === `sum(pg_database_size_bytes{cluster="prod"}) / ${GIB}`) return grid(DB_GB);
    if (q === `sum(max by (instance, device) (node_filesystem_size_bytes{fstype=~"ext4|xfs|btrfs"})) / ${GIB}`) return grid(VOLUMES_GB);
    if (q.startsWith('sum(rate(node_network_transmit_bytes_total{device!~"lo|veth.*|docker.*|cali.*|cni.*|flannel.*"}[') && q.endsWith(`])) * 3600 / ${GIB}`)) return grid(EGRESS_GB_PER_HOUR);
    if (q === `sum(max by (instance, device) (node_filesystem_size_bytes{mountpoint="/data"})) / ${GIB}`) return grid(VOLUMES_GB / 5);
    return { status: 400, body: { status: 'error', errorType: 'bad_data', error: `unexpected query ${q}` } };
  };
}

const templateSrv = { replace: (text: string) => text, getVariables: () => [] };

async function run(targets: Array<Partial<CostQuery>>, json: CostDataSourceOptions = { prometheusDatasourceUid: 'prom' }, h: FakeHandler = handler()): Promise<DataQueryResponse> {
  current = fakeFetch(h);
  return lastValueFrom(new CostDataSource(settings(json), templateSrv as never).query(request(targets)));
}

const byName = (frames: DataFrame[]) => Object.fromEntries(frames.map((f) => [f.name, f.fields[1].values[0] as number]));

beforeEach(() => clearPriceBookCache());

describe('the bill beyond nodes', () => {
  it('adds database storage (per GB-month), block storage and egress (per GB) to the nodes, per component', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true }]);
    expect(res.errors).toBeUndefined();
    const got = byName(res.data);
    expect(Object.keys(got).sort()).toEqual(['compute', 'database', 'egress', 'storage']);
    expect(got.compute).toBeCloseTo(5 * PRICE.t3, 10);
    expect(got.database).toBeCloseTo(4 * PRICE.dbR5 + (DB_GB * PRICE.rdsGp2PerGbMonth) / 730, 10);
    expect(got.storage).toBeCloseTo((VOLUMES_GB * PRICE.ebsGp3PerGbMonth) / 730, 10);
    expect(got.egress).toBeCloseTo(EGRESS_GB_PER_HOUR * PRICE.egressPerGb, 10);
    // The egress rate window is the step (5 min here), never shorter than 5 minutes.
    expect(current.requests.map((r) => r.query)).toContain(`sum(rate(node_network_transmit_bytes_total{device!~"lo|veth.*|docker.*|cali.*|cni.*|flannel.*"}[300s])) * 3600 / ${GIB}`);
  });

  it("egress: each point is the traffic of the step that starts there, and no step ends after the range's end", async () => {
    const from = Date.UTC(2026, 0, 1, 0, 2); // not on the 5-minute grid
    const to = from + 3_600_000;
    current = fakeFetch(handler());
    const res = await lastValueFrom(new CostDataSource(settings({ prometheusDatasourceUid: 'prom' }), templateSrv as never).query(request([{ queryType: 'cost', groupBy: 'component', beyondNodes: true }], from, to)));
    const ask = current.requests.find((r) => r.query.includes('node_network_transmit_bytes_total'))!;
    const step = 300_000;
    const gridStart = Math.floor(from / step) * step;
    // rate() at T covers the step before T: asked from one step after the grid's start, up to the last step end <= to.
    expect(Number(ask.params.get('start')) * 1000).toBe(gridStart + step);
    expect(Number(ask.params.get('end')) * 1000).toBeLessThanOrEqual(to);
    const egress = res.data.find((f: DataFrame) => f.name === 'egress') as DataFrame;
    const storage = res.data.find((f: DataFrame) => f.name === 'storage') as DataFrame;
    const t = egress.fields[0].values as number[];
    // On the grid of every other kind: the step under way (it ends after `to`) holds the last full step's value.
    expect(t).toEqual(storage.fields[0].values);
    expect(t[0]).toBe(gridStart);
    // 00:02 to 01:02: full steps up to 00:55-01:00; 01:00 (under way) and 01:05 (the grid's end) repeat it.
    expect(t.at(-3)! + step).toBeLessThanOrEqual(to);
    expect(t.at(-2)! + step).toBeGreaterThan(to);
    const v = egress.fields[1].values as number[];
    expect([v.at(-2), v.at(-1)]).toEqual([v.at(-3), v.at(-3)]);
  });

  it('per month: every value x 730, the frames say per month; by instance type the classes show', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'instance_type', beyondNodes: true, per: 'month' }]);
    expect(res.errors).toBeUndefined();
    const got = byName(res.data);
    expect(got['rds-gp2']).toBeCloseTo(DB_GB * PRICE.rdsGp2PerGbMonth, 8);
    expect(got['ebs-gp3']).toBeCloseTo(VOLUMES_GB * PRICE.ebsGp3PerGbMonth, 8);
    expect(got['internet-egress']).toBeCloseTo(730 * EGRESS_GB_PER_HOUR * PRICE.egressPerGb, 8);
    expect(got['t3.large']).toBeCloseTo(730 * 5 * PRICE.t3, 8);
    expect(res.data.every((f: DataFrame) => headroomMeta(f)?.per === 'month')).toBe(true);
  });

  it('asks for none of it unless the query says so (nodes only, as before)', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'component' }]);
    expect(Object.keys(byName(res.data)).sort()).toEqual(['compute', 'database']);
    expect(current.requests.some((r) => /pg_database|filesystem|network/.test(r.query))).toBe(false);
  });

  it('a source without series is left out with a notice naming the exporter; the rest is billed', async () => {
    const res = await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true }], undefined, handler(['pg_database_size_bytes']));
    expect(res.errors).toBeUndefined();
    const got = byName(res.data);
    expect(got.database).toBeCloseTo(4 * PRICE.dbR5, 10);
    expect(JSON.stringify(res.data[0].meta?.notices)).toContain('no database storage in the range (postgres_exporter');
  });

  it('settings: a source off, another selector, the inventory matchers; a class the book lacks is named', async () => {
    const json: CostDataSourceOptions = {
      prometheusDatasourceUid: 'prom',
      beyondNodes: { egress: { enabled: false }, blockStorage: { selector: 'node_filesystem_size_bytes{mountpoint="/data"}' } },
    };
    const got = byName((await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true }], json)).data);
    expect(Object.keys(got).sort()).toEqual(['compute', 'database', 'storage']);
    expect(got.storage).toBeCloseTo(((VOLUMES_GB / 5) * PRICE.ebsGp3PerGbMonth) / 730, 10);

    const filtered = await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true, component: 'database' }], { prometheusDatasourceUid: 'prom', inventoryMatchers: 'cluster="prod"' }, (r) =>
      handler()({ ...r, query: r.query.replace(', cluster="prod"', '').replace('cluster="prod", ', '') })
    );
    expect(filtered.errors).toBeUndefined();
    expect(Object.keys(byName(filtered.data))).toEqual(['database']);
    expect(current.requests.map((r) => r.query)).toContain(`sum(pg_database_size_bytes{cluster="prod"}) / ${GIB}`);

    const unpriced = await run([{ queryType: 'cost', beyondNodes: true }], { prometheusDatasourceUid: 'prom', beyondNodes: { databaseStorage: { priceClass: 'gold-plated' } } });
    expect(unpriced.errors?.[0].message).toContain('no price for storage class gold-plated');
    const skipped = await run([{ queryType: 'cost', groupBy: 'component', beyondNodes: true, unpriced: 'skip' }], { prometheusDatasourceUid: 'prom', beyondNodes: { databaseStorage: { priceClass: 'gold-plated' } } });
    expect(byName(skipped.data).database).toBeCloseTo(4 * PRICE.dbR5, 10);

    const bad = await run([{ queryType: 'cost', beyondNodes: true }], { prometheusDatasourceUid: 'prom', beyondNodes: { egress: { selector: 'rate(x[5m])' } } });
    expect(bad.errors?.[0].message).toContain('egress selector "rate(x[5m])" in the data source settings');
  });

  it('the projection and the cost per request of a query with beyondNodes price the same bill', async () => {
    const res = await run([{ queryType: 'projection', beyondNodes: true, format: 'table' }]);
    expect(res.errors).toBeUndefined();
    const f = res.data[0] as DataFrame;
    const monthly = f.fields.find((x) => /monthly/.test(x.name))?.values as number[];
    const model = f.fields.find((x) => x.name === 'key' || /model/.test(x.name))?.values as string[];
    const onDemand = monthly[model.findIndex((m) => /on.demand/.test(m))];
    const hourly = 5 * PRICE.t3 + 4 * PRICE.dbR5 + (DB_GB * PRICE.rdsGp2PerGbMonth + VOLUMES_GB * PRICE.ebsGp3PerGbMonth) / 730 + EGRESS_GB_PER_HOUR * PRICE.egressPerGb;
    expect(onDemand).toBeCloseTo(730 * hourly, 6);
  });
});
