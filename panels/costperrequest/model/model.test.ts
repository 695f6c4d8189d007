import fc from 'fast-check';
import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { buildModel, CostModel } from './build';
import { comparison } from './comparison';
import { headline, periodValue } from './headline';
import { CumulativeCost } from '../../../core/cost/perRequest';
import { bucketize, hoverWindow, increments, moneyPerStep, prepare } from './perRequest';
import { readFrames } from './readFrames';
import { CostInputs } from './types';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const grid = (n: number, step = MIN) => Array.from({ length: n }, (_, i) => T0 + i * step);

function costFrame(name: string, labels: Record<string, string>, rate: number | ((i: number) => number | null), n = 60, unit = 'currencyUSD', meta = true): DataFrame {
  return {
    name,
    length: n,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: grid(n) },
      { name: 'cost', type: FieldType.number, config: { unit }, labels, values: grid(n).map((_, i) => (typeof rate === 'function' ? rate(i) : rate)) },
    ],
    meta: meta ? { custom: { headroom: { role: 'cost', currency: unit === 'currencyEUR' ? 'EUR' : 'USD', per: 'hour', stepMs: MIN } } } : undefined,
  };
}

function requestFrame(perStep: number | ((i: number) => number | null), n = 60): DataFrame {
  return {
    name: 'requests',
    length: n,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: grid(n) },
      { name: 'requests', type: FieldType.number, config: {}, values: grid(n).map((_, i) => (typeof perStep === 'function' ? perStep(i) : perStep)) },
    ],
    meta: { custom: { headroom: { role: 'requests', requests: 'increase', stepMs: MIN } } },
  };
}

const opts = { perRequests: 1000 as const, groupBy: 'component' as const, budget: 0, showPricingComparison: true, minRequests: 100 };

describe('readFrames', () => {
  it('reads the cost data source frames by role', () => {
    const r = readFrames([costFrame('c', { component: 'compute', instance_type: 't3.large' }, 1), requestFrame(600)], 'component');
    expect('message' in r).toBe(false);
    const inputs = r as CostInputs;
    expect(inputs.currency).toBe('USD');
    expect(inputs.groups.map((g) => g.name)).toEqual(['compute']);
    expect(inputs.requests[0].kind).toBe('increase');
  });

  it('reads plain Prometheus frames: cost by currency unit or name, requests as a per-second rate or a counter', () => {
    const frames = [
      toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: grid(10) }, { name: 'Value', type: FieldType.number, values: grid(10).map(() => 0.0832), labels: { __name__: 'node_total_hourly_cost', instance_type: 't3.large' } }] }),
      toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: grid(10) }, { name: 'Value', type: FieldType.number, config: { displayNameFromDS: 'requests per second' }, values: grid(10).map(() => 10) }] }),
      toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: grid(10) }, { name: 'Value', type: FieldType.number, labels: { __name__: 'http_requests_total' }, values: grid(10).map((_, i) => i * 100) }] }),
    ];
    const r = readFrames(frames, 'instance_type') as CostInputs;
    expect(r.groups.map((g) => g.name)).toEqual(['t3.large']);
    expect(r.requests.map((s) => s.kind)).toEqual(['rate', 'counter']);
  });

  it('takes a series named requests as requests even with a panel-wide currency unit', () => {
    const frames = [
      toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: grid(10) }, { name: 'Value', type: FieldType.number, config: { unit: 'currencyUSD', displayNameFromDS: 't3.large' }, values: grid(10).map(() => 0.4), labels: { instance_type: 't3.large' } }] }),
      toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: grid(10) }, { name: 'Value', type: FieldType.number, config: { unit: 'currencyUSD', displayNameFromDS: 'requests' }, values: grid(10).map(() => 10) }] }),
    ];
    const r = readFrames(frames, 'instance_type') as CostInputs;
    expect(r.groups.map((g) => g.name)).toEqual(['t3.large']);
    expect(r.requests).toHaveLength(1);
    expect(r.currency).toBe('USD');
  });

  it('refuses mixed currencies, no cost and no requests clearly', () => {
    expect(readFrames([costFrame('a', { component: 'compute' }, 1), costFrame('b', { component: 'cache' }, 1, 60, 'currencyEUR'), requestFrame(600)], 'component')).toEqual({
      message: expect.stringMatching(/^Mixed currencies: USD \(.*\), EUR \(.*\)\. Cost in different currencies can't be added up/),
    });
    expect(readFrames([requestFrame(600)], 'component')).toEqual({ message: expect.stringMatching(/^No cost series/) });
    expect(readFrames([costFrame('a', { component: 'compute' }, 1)], 'component')).toEqual({ message: expect.stringMatching(/^No request series/) });
  });

  it('takes a group\'s fixed colour from the field config (the dashboard\'s colour for that component)', () => {
    const blue = costFrame('a', { component: 'compute' }, 1);
    blue.fields[1].config = { ...blue.fields[1].config, color: { mode: 'fixed' as never, fixedColor: 'blue' } };
    const r = readFrames([blue, costFrame('b', { component: 'cache' }, 1), requestFrame(600)], 'component') as CostInputs;
    expect(r.groups.map((g) => [g.name, g.color])).toEqual([['compute', 'blue'], ['cache', undefined]]);
  });

  it('keeps series without the group label under "(no component)" with a note', () => {
    const r = readFrames([costFrame('a', {}, 1), requestFrame(600)], 'component') as CostInputs;
    expect(r.groups[0].name).toBe('(no component)');
    expect(r.notes[0]).toMatch(/1 cost series without a component label/);
  });
});

describe('cost per request over time', () => {
  it('divides each column\'s money by its requests, stacked by component', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute' }, 3), costFrame('b', { component: 'cache' }, 1), requestFrame(600)], 'component') as CostInputs;
    const p = prepare(inputs);
    expect(p.groups).toEqual(['compute', 'cache']);
    // compute: $3/h → $0.05 per minute; 600 requests per minute → $0.0833 per 1k.
    const cols = bucketize(p, T0, T0 + 59 * MIN, 59, 1000, 100);
    expect(cols.value[0][10]).toBeCloseTo((0.05 / 600) * 1000, 12);
    expect(cols.value[1][10]).toBeCloseTo((1 / 60 / 600) * 1000, 12);
    expect(cols.total[10]).toBeCloseTo(cols.value[0][10] + cols.value[1][10], 12);
    // Fewer columns: sums per column, same ratio.
    const wide = bucketize(p, T0, T0 + 59 * MIN, 5, 1000, 100);
    expect(wide.total[2]).toBeCloseTo(cols.total[10], 12);
  });

  it('hovers a whole step with its requests where columns are narrower than a step', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute' }, 3), requestFrame((i) => 600 + i)], 'component') as CostInputs;
    const p = prepare(inputs);
    // 59 minutes over 1000 columns: 3.5 s each. Column 500 lies in the step ending at T0 + 30 min.
    const cols = bucketize(p, T0, T0 + 59 * MIN, 1000, 1000, 100);
    expect(cols.requests[500]).not.toBe(Math.round(cols.requests[500])); // a share of a step
    expect(hoverWindow(cols, p, 500)).toEqual({ start: T0 + 29 * MIN, end: T0 + 30 * MIN, requests: 630 });
    // Columns wider than a step are their own window.
    const wide = bucketize(p, T0, T0 + 59 * MIN, 5, 1000, 100);
    expect(hoverWindow(wide, p, 1)).toEqual({ start: wide.from + wide.dx, end: wide.from + 2 * wide.dx, requests: wide.requests[1] });
  });

  it('marks columns without enough traffic instead of dividing by almost nothing', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute' }, 3), requestFrame((i) => (i < 30 ? 600 : 2))], 'component') as CostInputs;
    const cols = bucketize(prepare(inputs), T0, T0 + 59 * MIN, 59, 1000, 100);
    expect(Number.isFinite(cols.total[10])).toBe(true);
    expect(cols.total[40]).toBeNaN();
    expect(cols.lowTraffic[40]).toBe(1);
  });

  it('turns rates and counters (with a restart) into requests per step', () => {
    const t = Float64Array.from(grid(5));
    expect([...increments({ t, v: Float64Array.of(10, 10, 10, NaN, 10), kind: 'rate' }, MIN)]).toEqual([600, 600, 600, NaN, 600]);
    expect([...increments({ t, v: Float64Array.of(100, 160, 220, 30, 90), kind: 'counter' }, MIN)]).toEqual([NaN, 60, 60, 30, 60]);
    expect([...increments({ t, v: Float64Array.of(5, -1, NaN, 0, 7), kind: 'increase' }, MIN)]).toEqual([5, NaN, NaN, 0, 7]);
  });
});

describe('moneyPerStep', () => {
  it('matches core/cost CumulativeCost on random step series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 20 * MIN }), fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(NaN))), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 30 * MIN }),
        fc.array(fc.integer({ min: -10 * MIN, max: 400 * MIN }), { maxLength: 30 }),
        (samples, step, endsRaw) => {
          let acc = T0;
          const t = Float64Array.from(samples, ([d]) => (acc += d));
          const rate = Float64Array.from(samples, ([, r]) => r);
          const ends = Float64Array.from(endsRaw.map((e) => T0 + e).sort((a, b) => a - b));
          const got = moneyPerStep(t, rate, ends, step);
          const cum = new CumulativeCost({ t, rate });
          return [...ends].every((b, k) => Math.abs(got[k] - (cum.at(b) - cum.at(b - step))) <= 1e-9 * Math.max(1, Math.abs(got[k])));
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe('headline and comparison', () => {
  it('uses the summary: current, previous, budget and monthly', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute', instance_type: 't3.large' }, 1), requestFrame(600)], 'component') as CostInputs;
    const p = prepare(inputs);
    const summary = { cost: 24, requests: 1e6, previousCost: 24, previousRequests: 1.2e6, projectedMonthly: 730, hours: 24, status: 'ok', message: '' };
    const h = headline({ ...inputs, summary }, p, { per: 1000, minRequests: 100, budget: 0.02 });
    expect(h.current.value).toBeCloseTo(0.024, 12);
    expect(h.previous?.value).toBeCloseTo(0.02, 12);
    expect(h.changePercent).toBeCloseTo(20, 9);
    expect(h.budgetPercent).toBeCloseTo(20, 9);
    expect(h.projectedMonthly).toBe(730);
    const low = headline({ ...inputs, summary: { ...summary, requests: 3 } }, p, { per: 1000, minRequests: 100, budget: 0 });
    expect(low.current.status).toBe('not_enough_traffic');
    expect(low.current.value).toBeNaN();
    expect(low.changePercent).toBeNull();
  });

  it('without a summary, compares the second half of the data with the first', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute' }, 6), requestFrame((i) => (i < 30 ? 1000 : 500))], 'component') as CostInputs;
    const h = headline({ groups: inputs.groups }, prepare(inputs), { per: 1000, minRequests: 100, budget: 0 });
    expect(h.previous?.label).toBe('first half of the range');
    expect(h.changePercent).toBeCloseTo(100, 6);
    expect(h.projectedMonthly).toBeCloseTo(6 * 730, 6);
  });

  it('projects the month from the cost per hour now, shown beside it, not from the range average', () => {
    // $3/h for the first half hour, $6/h after (a scale-up): now $6/h, on average $4.5/h.
    const inputs = readFrames([costFrame('a', { component: 'compute' }, (i) => (i < 30 ? 3 : 6)), requestFrame(600)], 'component') as CostInputs;
    const h = headline({ groups: inputs.groups }, prepare(inputs), { per: 1000, minRequests: 100, budget: 0 });
    expect(h.hourlyNow).toBe(6);
    expect(h.projectedMonthly).toBeCloseTo(6 * 730, 9);
    expect(h.hourly).toBeCloseTo(4.5, 1);
    // A group that stopped reporting (its nodes gone) adds nothing now.
    const gone = readFrames([costFrame('a', { component: 'compute' }, 6), costFrame('b', { component: 'cache' }, (i) => (i < 30 ? 1 : null)), requestFrame(600)], 'component') as CostInputs;
    expect(headline({ groups: gone.groups }, prepare(gone), { per: 1000, minRequests: 100, budget: 0 }).hourlyNow).toBe(6);
  });

  it('shows no value, never Infinity, when cost per N requests overflows', () => {
    // Found by the property below: $6.5e305 over one request, per million requests.
    expect(periodValue(6.47e305, 1, 1_000_000, 0)).toEqual({ status: 'no_data', value: NaN, cost: 6.47e305, requests: 1 });
    expect(periodValue(6.47e299, 1, 1_000_000, 0)).toMatchObject({ status: 'ok', value: 6.47e305 });
  });

  it('derives the comparison from the built-in book when there is no pricing frame', () => {
    const inputs = readFrames([costFrame('a', { component: 'compute', instance_type: 't3.large' }, 0.0832 * 5), requestFrame(600)], 'component') as CostInputs;
    const p = prepare(inputs);
    const h = headline({ groups: inputs.groups }, p, { per: 1000, minRequests: 100, budget: 0 });
    const c = comparison(inputs, h, 1000);
    expect('rows' in c).toBe(true);
    if ('rows' in c) {
      expect(c.rows.map((r) => r.key)).toEqual(['on_demand', 'reserved_1y', 'reserved_3y', 'spot']);
      expect(c.rows[1].savedPercent).toBeCloseTo((1 - 0.052 / 0.0832) * 100, 9);
      expect(c.rows[0].value).toBeCloseTo(h.current.value, 12);
    }
    const none = comparison({ groups: [{ name: 'x', t: new Float64Array(0), rate: new Float64Array(0), types: {} }] }, h, 1000);
    expect(none).toEqual({ message: expect.stringMatching(/^No pricing comparison/) });
  });
});

// Random frames: any mix of roles, units, labels, lengths, NaN/null/negative/huge values, unsorted
// times. The model must never throw; when it draws, its numbers must hold together.
const value = fc.oneof(fc.double({ noNaN: false }), fc.constant(null), fc.constant(0), fc.double({ min: 0, max: 1e-9 }), fc.integer({ min: -5, max: 5000 }));
const frameArb = fc.record({
  role: fc.constantFrom('cost', 'requests', 'summary', 'pricing', 'projection', undefined),
  unit: fc.constantFrom('currencyUSD', 'currencyEUR', 'reqps', 'short', undefined),
  name: fc.constantFrom('cost', 'requests', 'Value', 'node_total_hourly_cost', 'x'),
  labels: fc.dictionary(fc.constantFrom('component', 'instance_type', '__name__', 'node'), fc.constantFrom('compute', 'cache', 't3.large', 'x9.huge', 'http_requests_total', '')),
  times: fc.array(fc.integer({ min: 0, max: 3600 }), { maxLength: 40 }),
  values: fc.array(value, { maxLength: 40 }),
  kind: fc.constantFrom('increase', 'rate', 'counter', undefined),
});

type RandomFrame = typeof frameArb extends fc.Arbitrary<infer T> ? T : never;

function randomFrame(r: RandomFrame): DataFrame {
  const n = Math.min(r.times.length, r.values.length);
  return {
    name: r.name,
    length: n,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: r.times.slice(0, n).map((s: number) => T0 + s * 1000) },
      { name: r.name, type: FieldType.number, config: r.unit ? { unit: r.unit } : {}, labels: r.labels, values: r.values.slice(0, n) },
    ],
    meta: r.role ? { custom: { headroom: { role: r.role, requests: r.kind, currency: r.unit === 'currencyEUR' ? 'EUR' : undefined } } } : undefined,
  };
}

describe('random frames (property)', () => {
  it('never throws, refuses with a message or draws consistent numbers', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 6 }), fc.constantFrom('component', 'instance_type'), fc.constantFrom(1000, 1_000_000), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 300 }), (frames, groupBy, per, minRequests, width) => {
        const m = buildModel(frames.map(randomFrame), { ...opts, groupBy: groupBy as 'component', perRequests: per as 1000, minRequests });
        if ('message' in m) {
          return typeof m.message === 'string' && m.message.length > 10;
        }
        const model = m as CostModel;
        const p = model.prepared;
        const cols = bucketize(p, p.from, p.to, width, per, minRequests);
        for (let c = 0; c < cols.count; c++) {
          if (cols.lowTraffic[c] && !Number.isNaN(cols.total[c])) return false;
          if (Number.isFinite(cols.total[c])) {
            const sum = cols.value.reduce((a, v) => a + v[c], 0);
            if (Math.abs(sum - cols.total[c]) > 1e-6 * Math.max(1, Math.abs(sum))) return false;
          }
        }
        const h = model.headline;
        if ((h.current.status === 'ok') !== Number.isFinite(h.current.value) && Number.isFinite(h.current.cost)) return false;
        return true;
      }),
      { numRuns: 300 }
    );
  });
});
