import { defaultPriceBook } from './defaultPricebook';
import { costFrames, FrameLike, seriesFromFrames } from './frames';
import { inventoryFromSeries } from './inventory';
import { costSeries, integrateRate, sumRates } from './series';
import { InventorySeries } from './types';

const H = 3_600_000;
const book = defaultPriceBook();
const grid = (n: number, step = H, start = 0) => Array.from({ length: n }, (_, i) => start + i * step);

describe('costSeries', () => {
  const t = grid(25); // one day at 1-hour steps
  const inventory: InventorySeries[] = [
    { type: 't3.large', component: 'compute', t, v: t.map((_, i) => (i < 12 ? 4 : 6)) },
    { type: 'db.r5.large', t, v: t.map(() => 3) }, // component from the book's hint
    { kind: 'storage', type: 'ebs-gp3', t, v: t.map(() => 730) }, // 730 GB at $0.08/GB-month = $0.08/h
    { kind: 'network', type: 'internet-egress', t, v: t.map(() => 2) }, // 2 GB/h at $0.09/GB
  ];
  const r = costSeries(inventory, book);

  it('prices each series as count × hourly rate', () => {
    const [compute, db, disk, net] = r.series;
    expect(compute.rate[0]).toBeCloseTo(4 * 0.0832, 12);
    expect(compute.rate[20]).toBeCloseTo(6 * 0.0832, 12);
    expect(db.component).toBe('database');
    expect(db.rate[0]).toBeCloseTo(0.75, 12);
    expect(disk.rate[0]).toBeCloseTo(0.08, 12);
    expect(net.rate[0]).toBeCloseTo(0.18, 12);
  });

  it('integrates cost over time: 12 h × 4 + 12 h × 6 t3.large', () => {
    expect(r.series[0].unitHours).toBeCloseTo(12 * 4 + 12 * 6, 9);
    expect(r.series[0].cost).toBeCloseTo(120 * 0.0832, 9);
    expect(r.total.cost).toBeCloseTo(120 * 0.0832 + 24 * 0.75 + 24 * 0.08 + 24 * 0.18, 9);
    expect(integrateRate(r.total)).toBeCloseTo(r.total.cost, 9);
  });

  it('sums per component and in total on the common grid', () => {
    expect(Object.keys(r.byComponent)).toEqual(['compute', 'database', 'storage', 'network']);
    expect(r.total.t.length).toBe(25);
    expect(r.total.rate[0]).toBeCloseTo(4 * 0.0832 + 0.75 + 0.08 + 0.18, 12);
  });

  it('applies a mix', () => {
    const m = costSeries([inventory[0]], book, { reserved_1y: 1 });
    expect(m.series[0].unitHourly).toBe(0.052);
  });

  it('drops a series it cannot price with a warning naming it; the others are unaffected', () => {
    const bad = costSeries([{ type: 'x9.huge', component: 'compute', t, v: t.map(() => 1) }, inventory[1], { type: 't3.large', region: 'eu-west-1', t, v: t.map(() => 1) }], book);
    expect(bad.series.map((s) => s.type)).toEqual(['db.r5.large']);
    expect(bad.warnings).toEqual([
      { subject: 'x9.huge/us-east-1 (compute)', message: 'no price for instance type x9.huge in price book "headroom built-in (public list prices as of 2024-06-01)"' },
      {
        subject: 't3.large/eu-west-1',
        message: 'no price for instance type t3.large in eu-west-1 in price book "headroom built-in (public list prices as of 2024-06-01)" (priced in: us-east-1)',
      },
    ]);
  });

  it('warns once per type when a mix share cannot be bought', () => {
    const w = costSeries([inventory[1], inventory[1]], book, { spot: 0.5 }).warnings;
    expect(w).toEqual([{ subject: 'db.r5.large/us-east-1', message: 'db.r5.large is not sold as spot in us-east-1: that share stays on demand' }]);
  });

  it('integrates only inside a window when asked', () => {
    const w = costSeries([inventory[1]], book, {}, { window: { start: 0, end: 6 * H } });
    expect(w.series[0].cost).toBeCloseTo(6 * 0.75, 9);
  });
});

describe('sumRates', () => {
  it('sums offset series on one grid by index', () => {
    const a = { t: Float64Array.from(grid(3)), rate: Float64Array.from([1, 1, 1]), cost: 2, maxHoldMs: H };
    const b = { t: Float64Array.from(grid(3, H, 2 * H)), rate: Float64Array.from([10, 10, 10]), cost: 20, maxHoldMs: H };
    const s = sumRates([a, b]);
    expect(Array.from(s.t)).toEqual(grid(5));
    expect(Array.from(s.rate)).toEqual([1, 1, 11, 10, 10]);
    expect(s.cost).toBe(22);
  });

  it('sums irregular series on the union of their times, each holding its value', () => {
    const a = { t: Float64Array.from([0, 10, 20]), rate: Float64Array.from([1, 2, 3]), cost: 0, maxHoldMs: 10 };
    const b = { t: Float64Array.from([5, 25]), rate: Float64Array.from([100, 200]), cost: 0, maxHoldMs: 20 };
    const s = sumRates([a, b]);
    expect(Array.from(s.t)).toEqual([0, 5, 10, 20, 25]);
    // at 20: a=3, b still holds 100 (5 + 20 = 25 hold end); at 25: a's last sample has ended, b=200
    expect(Array.from(s.rate)).toEqual([1, 101, 102, 103, 200]);
  });

  it('is empty for no series', () => {
    expect(sumRates([]).t.length).toBe(0);
  });
});

describe('costFrames', () => {
  it('groups by component, type, series or total with a money/h unit', () => {
    const t = grid(3);
    const r = costSeries(
      [
        { type: 't3.large', component: 'compute', t, v: [1, 1, 1] },
        { type: 't3.large', component: 'batch', t, v: [2, 2, 2] },
      ],
      book,
    );
    expect(costFrames(r, 'component').map((f) => f.name)).toEqual(['compute', 'batch']);
    const byType = costFrames(r, 'type');
    expect(byType).toHaveLength(1);
    expect(Array.from(byType[0].fields[1].values as Float64Array)).toEqual([0.2496, 0.2496, 0.2496].map((x) => expect.closeTo(x, 10)) as unknown as number[]);
    expect(byType[0].fields[1].unit).toBe('currency:USD/h');
    expect(costFrames(r, 'series', 'A')[1].fields[1].labels).toEqual({ component: 'batch', instance_type: 't3.large', region: 'us-east-1' });
    expect(costFrames(r, 'total')[0].meta?.custom).toEqual({ integratedCost: expect.closeTo(2 * 3 * 0.0832, 10), currency: 'USD' });
  });
});

describe('seriesFromFrames', () => {
  it('reads Prometheus-datasource frames (one series per number field) into an inventory', () => {
    const frames: FrameLike[] = [
      {
        fields: [
          { name: 'Time', type: 'time', values: [0, H] },
          { name: 'Value', type: 'number', values: [5, null], labels: { label_node_kubernetes_io_instance_type: 't3.large', label_headroom_component: 'compute' } },
          { name: 'Value', type: 'number', values: [1, 1], labels: { label_node_kubernetes_io_instance_type: 'db.r5.large' } },
        ],
      },
      { fields: [{ name: 'x', type: 'string', values: [] }] },
    ];
    const numeric = seriesFromFrames(frames);
    expect(numeric).toHaveLength(2);
    expect(Array.from(numeric[0].v)).toEqual([5, NaN]);
    const { inventory } = inventoryFromSeries(numeric);
    expect(costSeries(inventory, book).series.map((s) => `${s.component}/${s.type}`)).toEqual(['compute/t3.large', 'database/db.r5.large']);
  });
});

describe('costSeries at scale', () => {
  it('130 001 series in one component: no stack overflow, the total is the sum by hand', () => {
    const t = grid(3);
    const n = 130_001;
    const inventory: InventorySeries[] = Array.from({ length: n }, () => ({ type: 't3.large', component: 'compute', t, v: [1, 1, 1] }));
    const r = costSeries(inventory, book);
    // n × $0.0832/h at every step
    expect(r.total.rate[0]).toBeCloseTo(n * 0.0832, 6);
    expect(integrateRate(r.total)).toBeCloseTo(n * 0.0832 * 2, 4);
  });
});
