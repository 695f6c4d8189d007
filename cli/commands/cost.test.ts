/**
 * @jest-environment node
 */
import http from 'http';
import { AddressInfo } from 'net';
import { CostIo, runCost } from './cost';
import { parseCostArgs, parseMix } from './costArgs';
import { commands } from './index';

function io(files: Record<string, string> = {}, now = Date.UTC(2026, 0, 31)): CostIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    readFile: (p) => {
      if (!(p in files)) {
        throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      }
      return files[p];
    },
    now: () => now,
  };
}

const SEED_FLEET = JSON.stringify({
  fleet: [
    { type: 't3.large', count: 5, component: 'compute' },
    { type: 'db.r5.large', count: 3, component: 'database' },
  ],
});

describe('headroom cost: arguments', () => {
  it('is registered as a subcommand', () => {
    expect(commands.map((c) => c.name)).toContain('cost');
  });

  it('prints help and exits 0', async () => {
    const x = io();
    expect(await runCost(['--help'], x)).toBe(0);
    expect(x.stdout[0]).toMatch(/^Usage: headroom cost/);
  });

  it('one clear line and exit 2 for each kind of bad input', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'headroom cost: give an inventory: --inventory FILE.json or --prometheus URL'],
      [['--inventory', 'a', '--prometheus', 'http://x'], 'headroom cost: give either --inventory or --prometheus, not both'],
      [['--inventory'], 'headroom cost: --inventory needs a value'],
      [['--inventory', 'a', '--range', '30 days'], 'headroom cost: --range: "30 days" is not a duration like 30d, 12h or 90m'],
      [['--inventory', 'a', '--mix', 'reserved_1y=0.7,spot=0.5'], 'headroom cost: --mix: shares add up to 1.2, more than 1 (the rest of the fleet is on demand)'],
      [['--inventory', 'a', '--mix', 'reserved_2y=0.5'], 'headroom cost: --mix: unknown model "reserved_2y" (use reserved_1y, reserved_3y, spot, upfront)'],
      [['--inventory', 'a', '--frobnicate'], 'headroom cost: unknown option "--frobnicate" (see headroom cost --help)'],
      [['--prometheus', 'localhost:9090'], 'headroom cost: --prometheus: "localhost:9090" is not an http(s) URL'],
      [['--inventory', 'missing.json'], 'headroom cost: cannot read inventory missing.json: no such file'],
      [['--inventory', 'fleet.json', '--price-book', 'nope.json'], 'headroom cost: cannot read price book nope.json: no such file'],
      [['--inventory', 'bad.json'], 'headroom cost: inventory bad.json is not valid JSON: Unexpected token \'o\', "not json" is not valid JSON'],
      [['--inventory', 'empty.json'], 'headroom cost: inventory empty.json: fleet: is empty'],
    ];
    for (const [argv, line] of cases) {
      const x = io({ 'fleet.json': SEED_FLEET, 'bad.json': 'not json', 'empty.json': '{"fleet":[]}' });
      expect({ argv, code: await runCost(argv, x) }).toEqual({ argv, code: 2 });
      expect(x.stderr).toEqual([line]);
      expect(x.stdout).toEqual([]);
    }
  });

  it('parses mixes with percents and the upfront option', () => {
    expect(parseMix('reserved_1y=50%,spot=0.2,upfront=partial')).toEqual({ reserved_1y: 0.5, spot: 0.2, upfront: 'partial' });
    expect(parseCostArgs(['--inventory=f.json', '--range', '7d', '--selector', 'cluster=demo,namespace="demo"', '--header', 'X-Scope-OrgID: t1'])).toMatchObject({
      inventory: 'f.json',
      rangeMs: 7 * 86_400_000,
      selector: { cluster: 'demo', namespace: 'demo' },
      headers: { 'X-Scope-OrgID': 't1' },
    });
  });
});

describe('headroom cost: report from a file', () => {
  it('prints the monthly/yearly table per pricing model and the savings as aligned text', async () => {
    const x = io({ 'fleet.json': SEED_FLEET });
    expect(await runCost(['--inventory', 'fleet.json', '--mix', 'reserved_1y=0.5,spot=0.2'], x)).toBe(0);
    const text = x.stdout.join('\n');
    expect(text).toContain('compute    t3.large     us-east-1      5            $303.68');
    expect(text).toContain('database   db.r5.large  us-east-1      3            $547.50');
    expect(text).toMatch(/^on demand +\$851\.18 +\$10,214\.16 +\$0\.00 +0\.0 %$/m);
    expect(text).toMatch(/^reserved 1y no upfront +\$573\.05 +\$6,876\.60 +\$278\.13 +32\.7 %$/m);
    expect(text).toMatch(/^reserved 3y all upfront +\$382\.56 +\$4,590\.67 +\$468\.62 +55\.1 %$/m);
    expect(text).toContain('What-if mix: 50% reserved 1y + 20% spot + 30% on demand (no upfront)');
    expect(text).toContain('  - db.r5.large is not sold as spot: that share stays on demand');
    // every table row lines up: the header's column starts are the rows' column starts
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.startsWith('pricing model'));
    const widths = new Set(lines.slice(header, header + 11).map((l) => l.length));
    expect(widths.size).toBe(1);
    expect(x.stderr).toEqual([]);
  });

  it('prints JSON with --json', async () => {
    const x = io({ 'fleet.json': SEED_FLEET });
    expect(await runCost(['--inventory', 'fleet.json', '--json', '--mix', 'spot=0.6'], x)).toBe(0);
    const r = JSON.parse(x.stdout.join('\n'));
    expect(r.projection.onDemand.monthly).toBeCloseTo(851.18, 2);
    expect(r.savings.saved.monthly).toBeCloseTo(127.458, 3);
    expect(r.projection.rows.map((row: { model: string }) => row.model)).toEqual([
      'on_demand',
      'reserved_1y',
      'reserved_1y',
      'reserved_1y',
      'reserved_3y',
      'reserved_3y',
      'reserved_3y',
      'spot',
      'mix',
    ]);
  });

  it('lists each price-book error with entry and field, and exits 2', async () => {
    const broken = JSON.stringify({
      currency: 'DOLLARS',
      asOf: '2024-06-01',
      source: 'x',
      defaultRegion: 'us-east-1',
      instances: [
        { vcpu: 2, memoryGiB: 8, prices: { on_demand: 0.1 } },
        { type: 't3.large', vcpu: 2, memoryGiB: 8, prices: { on_demand: -1 } },
        { type: 'm5.large', vcpu: 2, memoryGiB: 8, prices: {} },
      ],
    });
    const x = io({ 'fleet.json': SEED_FLEET, 'book.json': broken });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'book.json'], x)).toBe(2);
    expect(x.stderr).toEqual([
      'headroom cost: price book book.json has 4 errors:',
      '  - book: currency: unknown currency code "DOLLARS" (expected an ISO 4217 code such as USD, EUR, GBP)',
      '  - instances[0]: type: instance type is missing',
      '  - instances[1] (t3.large): prices.on_demand: price must not be negative, got -1',
      '  - instances[2] (m5.large): prices.on_demand: price is missing',
    ]);
  });

  it('a fleet of 130 001 rows: a full report, no stack overflow, totals as counted by hand', async () => {
    const n = 130_001;
    const fleet = JSON.stringify({ fleet: Array.from({ length: n }, (_, i) => ({ type: 't3.large', count: 1, component: `c${i}` })) });
    const x = io({ 'fleet.json': fleet });
    expect(await runCost(['--inventory', 'fleet.json'], x)).toBe(0);
    expect(x.stderr).toEqual([]);
    const lines = x.stdout.join('\n').split('\n');
    expect(lines.filter((l) => /^c\d+ +t3\.large /.test(l))).toHaveLength(n);
    // n × $0.0832/h × 730 h
    const monthly = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n * 0.0832 * 730);
    expect(lines.find((l) => l.startsWith('on demand '))).toMatch(new RegExp(`^on demand +\\$${monthly.replace(/[.,]/g, '\\$&')} `));
  });

  it('a deeply nested price book (200 000 levels) gets one error naming entry and field, not a stack overflow', async () => {
    const deep = `${'['.repeat(200_000)}1${']'.repeat(200_000)}`;
    const book = (onDemand: string, asOf: string) =>
      `{"currency":"USD","asOf":${asOf},"source":"x","defaultRegion":"us-east-1","instances":[{"type":"t3.large","vcpu":2,"memoryGiB":8,"prices":{"on_demand":${onDemand}}}]}`;
    const x = io({ 'fleet.json': SEED_FLEET, 'a.json': book(deep, '"2024-06-01"'), 'b.json': book('0.1', deep) });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'a.json'], x)).toBe(2);
    expect(x.stderr).toEqual(['headroom cost: price book a.json has 1 error:', '  - instances[0] (t3.large): prices.on_demand: price must be a number, got a list of 1']);
    const y = io({ 'fleet.json': SEED_FLEET, 'b.json': book('0.1', deep) });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'b.json'], y)).toBe(2);
    expect(y.stderr).toEqual(['headroom cost: price book b.json has 2 errors:', '  - book: asOf: must be a date YYYY-MM-DD, got a list of 1', '  - instances[0] (t3.large): prices.on_demand.asOf: must be a date YYYY-MM-DD, got a list of 1']);
    // The same depth in a saved Prometheus answer's label, and in an inventory's sample.
    const w = io({ 'answer.json': `{"status":"success","data":{"resultType":"vector","result":[{"metric":{"label_node_kubernetes_io_instance_type":${deep}},"value":[1,"3"]}]}}` });
    expect(await runCost(['--inventory', 'answer.json'], w)).toBe(2);
    expect(w.stderr).toEqual(['headroom cost: inventory answer.json: a Prometheus vector answer, but data.result[0].metric.label_node_kubernetes_io_instance_type is not a string']);
    const z = io({ 'series.json': `{"series":[{"type":"t3.large","samples":[[${deep},1]]}]}` });
    expect(await runCost(['--inventory', 'series.json'], z)).toBe(2);
    expect(z.stderr).toEqual(['headroom cost: inventory series.json: series[0].samples[0]: must be [unix seconds, a number from -1000000000 to 1000000000]']);
  });

  it('a price of 1e308 (or a count of 1e308) is refused with entry and field, never printed as "$∞" or "NaN %"', async () => {
    const book = (price: number) =>
      JSON.stringify({ currency: 'USD', asOf: '2024-06-01', source: 'x', defaultRegion: 'us-east-1', instances: [{ type: 't3.large', vcpu: 2, memoryGiB: 8, prices: { on_demand: 0.0832, spot: price, reserved_1y: { no: { upfront: price, hourly: 0.05 } } } }] });
    const x = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 't3.large', count: 3 }] }), 'book.json': book(1e308) });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'book.json'], x)).toBe(2);
    expect(x.stdout).toEqual([]);
    expect(x.stderr).toEqual([
      'headroom cost: price book book.json has 2 errors:',
      '  - instances[0] (t3.large): prices.reserved_1y.no.upfront: price must be at most 1000000000 (no list price comes near it), got 1e+308',
      '  - instances[0] (t3.large): prices.spot: price must be at most 1000000000 (no list price comes near it), got 1e+308',
    ]);
    // At the bound, every figure is finite.
    const y = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 't3.large', count: 1e9 }] }), 'book.json': book(1e9) });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'book.json'], y)).toBe(0);
    expect(y.stdout.join('\n')).not.toMatch(/∞|NaN/);
    const z = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 't3.large', count: 1e308 }] }) });
    expect(await runCost(['--inventory', 'fleet.json'], z)).toBe(2);
    expect(z.stderr).toEqual(['headroom cost: inventory fleet.json: fleet[0].count: must be a number from 0 to 1000000000, got 1e+308']);
  });

  it('reads an OpenCost CSV price book', async () => {
    const csv = 'EndTimestamp,InstanceID,Region,AssetClass,InstanceIDField,InstanceType,MarketPriceHourly,Version\n2024-05-01,a,us-east-1,node,x,t3.large,0.05,\n';
    const x = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 't3.large', count: 10 }] }), 'prices.csv': csv });
    expect(await runCost(['--inventory', 'fleet.json', '--price-book', 'prices.csv', '--currency', 'EUR', '--json'], x)).toBe(0);
    const r = JSON.parse(x.stdout.join('\n'));
    expect(r.priceBook.currency).toBe('EUR');
    expect(r.projection.onDemand.monthly).toBeCloseTo(365, 9);
  });

  it('warns about unpriced types, and fails when nothing can be priced', async () => {
    const x = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 't3.large', count: 1 }, { type: 'p5.48xlarge', count: 1 }] }) });
    expect(await runCost(['--inventory', 'fleet.json'], x)).toBe(0);
    expect(x.stderr).toEqual(['headroom cost: warning: no price for instance type p5.48xlarge in price book "headroom built-in (public list prices as of 2024-06-01)"']);
    const y = io({ 'fleet.json': JSON.stringify({ fleet: [{ type: 'p5.48xlarge', count: 1 }] }) });
    expect(await runCost(['--inventory', 'fleet.json'], y)).toBe(2);
    expect(y.stderr[0]).toBe('headroom cost: nothing in the inventory could be priced: no price for instance type p5.48xlarge in price book "headroom built-in (public list prices as of 2024-06-01)"');
  });

  it('averages a series inventory over its span', async () => {
    const series = { series: [{ type: 'm5.large', samples: [[0, 2], [3600, 4], [7200, 4]] }] };
    const x = io({ 'inv.json': JSON.stringify(series) });
    expect(await runCost(['--inventory', 'inv.json', '--json'], x)).toBe(0);
    const r = JSON.parse(x.stdout.join('\n'));
    expect(r.fleet[0].count).toBe(3); // 2 for an hour, 4 for an hour
    expect(r.window.hours).toBe(2);
  });
});

describe('headroom cost: --prometheus', () => {
  let server: http.Server;
  let base: string;
  let mode: 'ok' | 'recent' | 'opencost' | 'empty' | 'broken' | 'deep' = 'ok';
  const queries: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const u = new URL(req.url ?? '', 'http://x');
      const q = u.searchParams.get('query') ?? '';
      queries.push(q);
      const send = (body: unknown, status = 200) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (mode === 'broken') {
        return send({ status: 'error', errorType: 'bad_data', error: 'parse error' }, 400);
      }
      if (mode === 'deep') {
        // A nested list 200 000 deep where a label value belongs, and in the warnings.
        const deep = `${'['.repeat(200_000)}1${']'.repeat(200_000)}`;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(`{"status":"success","warnings":[${deep}],"data":{"resultType":"matrix","result":[{"metric":{"label_node_kubernetes_io_instance_type":${deep}},"values":[[1,"1"]]}]}}`);
      }
      if (u.pathname.endsWith('/query_range')) {
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(u.searchParams.get(k)));
        const series = (metric: Record<string, string>, value: string) => {
          const values: Array<[number, string]> = [];
          // 'recent': a Prometheus that holds only the last 3 days of the range.
          for (let t = mode === 'recent' ? end - 3 * 86_400 : start; t <= end; t += step) {
            values.push([t, value]);
          }
          return { metric, values };
        };
        let result: unknown[] = [];
        if ((mode === 'ok' || mode === 'recent') && q.includes('kube_node_labels')) {
          result = [
            series({ label_node_kubernetes_io_instance_type: 't3.large', label_headroom_component: 'compute', label_topology_kubernetes_io_region: 'us-east-1' }, '5'),
            series({ label_node_kubernetes_io_instance_type: 'db.r5.large', label_headroom_component: 'database', label_topology_kubernetes_io_region: 'us-east-1' }, '3'),
          ];
        }
        if (mode === 'opencost' && q.includes('node_total_hourly_cost')) {
          result = [series({ instance_type: 'm5.large', region: 'us-east-1' }, '2')];
        }
        return send({ status: 'success', data: { resultType: 'matrix', result } });
      }
      // requests: 10 M over the window
      const requests = mode === 'ok' ? '10000000' : '1000000'; // 'recent': a tenth, in the 3 days there are
      return send({ status: 'success', data: { resultType: 'vector', result: mode === 'ok' || mode === 'recent' ? [{ metric: {}, value: [Number(u.searchParams.get('time')), requests] }] : [] } });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  beforeEach(() => {
    queries.length = 0;
  });

  it('reads kube_node_labels and the request counter, and prints cost per request', async () => {
    mode = 'ok';
    const x = io();
    expect(await runCost(['--prometheus', base, '--range', '30d', '--selector', 'cluster=demo'], x)).toBe(0);
    expect(queries[0]).toBe(
      'count by (label_node_kubernetes_io_instance_type, label_headroom_component, label_topology_kubernetes_io_region) (kube_node_labels{cluster="demo"})',
    );
    expect(queries[1]).toBe('sum(increase(http_requests_total{cluster="demo"}[30d]))');
    const text = x.stdout.join('\n');
    expect(text).toMatch(/^on demand +\$851\.18 /m);
    // 30 d × 24 h × $1.166/h = $839.52 over the window; / 10 M requests
    expect(text).toContain('Cost per request (on demand, whole window): $0.0000840 per request, $83.95 per million ($839.52 / 10,000,000 requests)');
  });

  it('averages over the 3 days Prometheus holds, not the 30 asked for, and says so (same monthly figure as 30 full days)', async () => {
    mode = 'recent';
    const x = io();
    expect(await runCost(['--prometheus', base, '--range', '30d'], x)).toBe(0);
    const text = x.stdout.join('\n');
    // 5 t3.large ($0.0832/h) + 3 db.r5.large ($0.25/h) = $1.166/h, × 730 h: as with 30 full days
    expect(text).toMatch(/^on demand +\$851\.18 /m);
    expect(text).toMatch(/\(720 h, with data for 72 h of it\)/);
    expect(text).toContain('Prometheus holds inventory data for 72.0 h of the 720.0 h range (10.0 %): the fleet is averaged over those 72.0 h');
    // 72 h × $1.166/h = $83.95 over the data; / 1 M requests: as with 30 full days
    expect(text).toContain('$83.95 per million ($83.95 / 1,000,000 requests)');
    const y = io();
    expect(await runCost(['--prometheus', base, '--range', '30d', '--json'], y)).toBe(0);
    const r = JSON.parse(y.stdout.join('\n'));
    expect(r.coverage).toEqual({ hours: 72, fraction: 0.1 });
    expect(r.fleet.map((f: { count: number }) => f.count)).toEqual([5, 3]);
    // With the whole range there, no coverage and no note.
    mode = 'ok';
    const z = io();
    expect(await runCost(['--prometheus', base, '--range', '30d', '--json'], z)).toBe(0);
    expect(JSON.parse(z.stdout.join('\n')).coverage).toBeUndefined();
  });

  it('falls back to OpenCost node_total_hourly_cost, and says when traffic is too low', async () => {
    mode = 'opencost';
    const x = io();
    expect(await runCost(['--prometheus', base, '--range', '1d', '--json'], x)).toBe(0);
    const r = JSON.parse(x.stdout.join('\n'));
    expect(r.source).toMatch(/node_total_hourly_cost/);
    expect(r.fleet).toEqual([{ component: 'compute', type: 'm5.large', region: 'us-east-1', kind: 'instance', count: 2, onDemandMonthly: 140.16 }]);
    expect(r.costPerRequest.status).toBe('not_enough_traffic');
  });

  it('a malformed answer (a deeply nested list where a label belongs) is one clear line and exit 1, not a stack overflow', async () => {
    mode = 'deep';
    const x = io();
    expect(await runCost(['--prometheus', base, '--range', '1d'], x)).toBe(1);
    expect(x.stderr).toEqual(['headroom cost: Prometheus answered query_range with a malformed matrix: result[0].metric.label_node_kubernetes_io_instance_type is not a string']);
  });

  it('one clear line when there is no inventory, and exit 1 when Prometheus fails or is down', async () => {
    mode = 'empty';
    const x = io();
    expect(await runCost(['--prometheus', base], x)).toBe(2);
    expect(x.stderr).toEqual([
      `headroom cost: no inventory in Prometheus at ${base}: neither kube_node_labels nor node_total_hourly_cost has series with an instance type in the range`,
    ]);
    mode = 'broken';
    const y = io();
    expect(await runCost(['--prometheus', base], y)).toBe(1);
    expect(y.stderr).toEqual(['headroom cost: Prometheus rejected query_range (HTTP 400, bad_data): parse error']);
    const down = http.createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const port = (down.address() as AddressInfo).port;
    await new Promise((r) => down.close(r));
    const z = io();
    expect(await runCost(['--prometheus', `http://127.0.0.1:${port}`], z)).toBe(1);
    expect(z.stderr).toEqual([`headroom cost: cannot reach Prometheus at http://127.0.0.1:${port}: connection refused (is Prometheus running on that port?)`]);
  });
});
