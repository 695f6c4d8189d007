import { defaultPriceBook } from './defaultPricebook';
import { averageFleet, coveredMs, mergeFleet } from './fleet';
import { mixLabel, percentSaved, projection } from './projection';
import { savings } from './savings';

const book = defaultPriceBook();
const H = 3_600_000;

describe('projection', () => {
  it('has one row per model and upfront option, plus the mix, each saving against on demand', () => {
    const p = projection([{ type: 'm5.large', count: 10 }], book, { reserved_3y: 0.5, upfront: 'all' });
    expect(p.rows.map((r) => r.label)).toEqual([
      'on demand',
      'reserved 1y no upfront',
      'reserved 1y partial upfront',
      'reserved 1y all upfront',
      'reserved 3y no upfront',
      'reserved 3y partial upfront',
      'reserved 3y all upfront',
      'spot (where sold)',
      'mix: 50% reserved 3y + 50% on demand (all upfront)',
    ]);
    // 10 × $0.096 × 730 = $700.80/month; × 8760 = $8,409.60/year
    expect(p.onDemand.monthly).toBeCloseTo(700.8, 9);
    expect(p.onDemand.yearly).toBeCloseTo(8409.6, 9);
    const mix = p.rows[8];
    // half on 3y all upfront ($1,011 / 26,280 h), half on demand
    expect(mix.hourly).toBeCloseTo(5 * (1011 / 26280) + 5 * 0.096, 12);
    expect(mix.savedPercent).toBeCloseTo(percentSaved(0.96, mix.hourly), 12);
  });

  it('leaves unpriced items out of every row and lists them', () => {
    const p = projection([{ type: 'm5.large', count: 1 }, { type: 'z1d.metal', count: 2 }], book);
    expect(p.onDemand.hourly).toBe(0.096);
    expect(p.unpriced).toEqual(['no price for instance type z1d.metal in price book "headroom built-in (public list prices as of 2024-06-01)"']);
  });

  it('prices storage and network the same under every model', () => {
    const p = projection([{ kind: 'storage', type: 'ebs-gp3', count: 1000 }], book);
    expect(new Set(p.rows.map((r) => r.monthly.toFixed(6)))).toEqual(new Set(['80.000000']));
  });

  it('an empty fleet costs nothing and saves 0 %, not NaN', () => {
    const p = projection([], book);
    expect(p.rows.every((r) => r.monthly === 0 && r.savedPercent === 0)).toBe(true);
  });
});

describe('savings', () => {
  it('is the what-if of a mix, in money and percent, per component', () => {
    const s = savings(
      [
        { type: 't3.large', count: 10, component: 'compute' },
        { type: 'cache.r6g.large', count: 2 },
      ],
      book,
      { reserved_1y: 0.5, spot: 0.2 },
    );
    if (!s.ok) {
      throw new Error(s.errors.join());
    }
    // compute: 10 × (0.5 × 0.052 + 0.2 × 0.025 + 0.3 × 0.0832) = 0.5596 $/h
    // cache: 2 × (0.5 × 0.142 + 0.5 × 0.206) (no spot: its 20 % stays on demand) = 0.348 $/h
    expect(s.withMix.hourly).toBeCloseTo(0.5596 + 0.348, 12);
    expect(s.onDemand.hourly).toBeCloseTo(0.832 + 0.412, 12);
    expect(s.saved.monthly).toBeCloseTo((0.832 + 0.412 - 0.9076) * 730, 9);
    expect(s.byComponent.map((c) => c.component)).toEqual(['compute', 'cache']);
    expect(s.notes).toEqual(['cache.r6g.large is not sold as spot: that share stays on demand']);
  });

  it('rejects a bad mix instead of clamping it', () => {
    expect(savings([{ type: 't3.large', count: 1 }], book, { reserved_1y: 0.9, spot: 0.5 })).toEqual({
      ok: false,
      errors: ['shares add up to 1.4, more than 1 (the rest of the fleet is on demand)'],
    });
  });
});

describe('fleets', () => {
  it('averages an inventory over a window: a type that ran half the time counts half', () => {
    const t = [0, H, 2 * H, 3 * H, 4 * H];
    const f = averageFleet([
      { type: 't3.large', t, v: [2, 2, 2, 2, 2] },
      { type: 'm5.large', t, v: [0, 0, 4, 4, 4] },
    ]);
    expect(f).toEqual([
      { kind: 'instance', type: 't3.large', component: undefined, region: undefined, count: 2 },
      { kind: 'instance', type: 'm5.large', component: undefined, region: undefined, count: 2 },
    ]);
  });

  it('uses the last sample for a zero-length window, and merges duplicates', () => {
    expect(averageFleet([{ type: 'a', t: [5], v: [3] }])[0].count).toBe(3);
    expect(mergeFleet([{ type: 'a', count: 1 }, { type: 'a', count: 2 }, { type: 'a', count: 1, component: 'x' }])).toEqual([
      { type: 'a', count: 3 },
      { type: 'a', count: 1, component: 'x' },
    ]);
    expect(averageFleet([])).toEqual([]);
  });
});

describe('coveredMs: how much of a window an inventory has data for', () => {
  const M = 60_000;
  // Independent count: minutes m of the window that some series' sample x holds, as integrateStep
  // holds it: until the next sample y, at most the 5 min lookback (x <= m < min(y, x + 5 min)).
  const byMinute = (series: number[][], start: number, end: number) => {
    let n = 0;
    for (let m = start; m < end; m += M) {
      if (series.some((t) => t.some((x, i) => i + 1 < t.length && x <= m && m < Math.min(t[i + 1], x + 5 * M)))) {
        n++;
      }
    }
    return n * M;
  };

  it('the union of the series, gaps left out, clipped to the window; an overlap counts once', () => {
    const grid = (from: number, to: number) => Array.from({ length: (to - from) / M + 1 }, (_, i) => from + i * M);
    const a = grid(30 * M, 90 * M); // minutes 30..90
    const b = [...grid(60 * M, 120 * M), ...grid(200 * M, 260 * M)]; // overlaps a; a gap of 80 min; runs past the window
    const inv = [a, b].map((t) => ({ type: 'x', t, v: t.map(() => 1) }));
    const window = { start: 0, end: 240 * M };
    expect(coveredMs(inv, window)).toBe(byMinute([a, b], 0, 240 * M));
    expect(coveredMs(inv, window)).toBe((120 + 5 - 30 + 240 - 200) * M); // the sample before the gap holds 5 min
    expect(coveredMs([], window)).toBe(0);
  });

  it('averageFleet over the covered time gives the fleet that ran, not a diluted one', () => {
    const t = Array.from({ length: 73 }, (_, i) => 27 * 24 * H + i * H); // the last 3 of 30 days
    const inv = [{ type: 't3.large', t, v: t.map(() => 4) }];
    const window = { start: 0, end: 30 * 24 * H };
    expect(averageFleet(inv, window)[0].count).toBeCloseTo(0.4, 12); // the old, diluted answer
    expect(averageFleet(inv, window, coveredMs(inv, window))[0].count).toBe(4);
  });
});

describe('mixLabel', () => {
  it('names the shares', () => {
    expect(mixLabel({})).toBe('on demand');
    expect(mixLabel({ reserved_1y: 0.5, spot: 0.2 })).toBe('mix: 50% reserved 1y + 20% spot + 30% on demand (no upfront)');
    expect(mixLabel({ spot: 1 })).toBe('mix: 100% spot');
  });
});
