import { queryWindow } from './engine/window';
import { shareByService } from './engine/cost';
import { quantile } from './engine/rightSizing';
import { ratio } from './engine/perRequest';
import { clearPriceBookCache, parsePriceBookText } from './pricebook';
import { filterSelection, templateLookup } from './promql/variables';

describe('queryWindow', () => {
  const H = 3_600_000;
  it('uses Grafana interval, at least 1 minute, aligned grid covering the range', () => {
    const w = queryWindow(10 * H + 30_000, 34 * H + 30_000, 20_000);
    expect(w.stepMs).toBe(60_000);
    expect(w.gridStart).toBeLessThanOrEqual(w.start);
    expect(w.gridEnd).toBeGreaterThanOrEqual(w.end);
    expect(w.gridStart % w.stepMs).toBe(0);
  });
  it('honours a min interval down to 15 s and caps points per series', () => {
    expect(queryWindow(0, H, 1000, '15s').stepMs).toBe(15_000);
    expect(queryWindow(0, H, 1000, '5s').stepMs).toBe(15_000);
    expect(queryWindow(0, H, 1000, '10m').stepMs).toBe(600_000);
    expect(queryWindow(0, 365 * 24 * H, 60_000).stepMs).toBeGreaterThanOrEqual((365 * 24 * H) / 50_000);
  });
  it('refuses an empty range and a bad interval', () => {
    expect(() => queryWindow(5, 5, 1000)).toThrow(/empty or invalid/);
    expect(() => queryWindow(0, H, 1000, 'soon')).toThrow(/"soon" is not a duration/);
  });
});

describe('shareByService', () => {
  it('shares each step by requests in it, keeps steps without requests apart', () => {
    const t = Float64Array.of(0, 60_000, 120_000);
    const total = { t, rate: Float64Array.of(10, 10, 10) };
    const req = [
      { labels: { service: 'a' }, t: Float64Array.of(60_000, 120_000), v: Float64Array.of(30, 0) },
      { labels: { service: 'b' }, t: Float64Array.of(60_000, 120_000), v: Float64Array.of(10, 0) },
    ];
    const out = shareByService(total, req, 'service', 60_000);
    expect(out.map((s) => s.service)).toEqual(['a', 'b', '(no requests)']);
    expect([...out[0].rate]).toEqual([7.5, 0, 0]);
    expect([...out[1].rate]).toEqual([2.5, 0, 0]);
    expect([...out[2].rate]).toEqual([0, 10, 10]);
  });
});

describe('small helpers', () => {
  it('quantile and ratio', () => {
    expect(quantile([1, 2, 3, 4, NaN], 0.5)).toBe(2.5);
    expect(quantile([], 0.95)).toBeNaN();
    expect(ratio(10, 1000, 1000, 100)).toBe(10);
    expect(ratio(10, 99, 1000, 100)).toBeNaN();
    expect(ratio(10, 0, 1000, 0)).toBeNaN();
  });
});

describe('price book text', () => {
  beforeEach(() => clearPriceBookCache());
  it('reads OpenCost CSV and refuses malformed JSON clearly', () => {
    const csv = 'EndTimestamp,InstanceID,Region,AssetClass,InstanceIDField,InstanceType,MarketPriceHourly,Version\n2024-06-01,,us-east-1,node,,t3.large,0.08,\n';
    const b = parsePriceBookText(csv, 'pasted');
    expect(b.index.instance('t3.large', 'us-east-1')?.prices.on_demand.hourly).toBe(0.08);
    expect(() => parsePriceBookText('{"currency":', 'pasted JSON')).toThrow(/^price book \(pasted JSON\) is not valid JSON: /);
    expect(() => parsePriceBookText('  ', 'pasted')).toThrow('price book (pasted) is empty');
  });
});

describe('template variables from Grafana', () => {
  const vars: Record<string, { current: { value: unknown }; allValue?: string; options: string[] }> = {
    comp: { current: { value: ['compute', 'cache'] }, options: [] },
    all: { current: { value: ['$__all'] }, options: ['a', 'b'] },
    custom: { current: { value: 'x' }, allValue: '.*', options: [] },
  };
  const srv = {
    getVariables: () => Object.entries(vars).map(([name, v]) => ({ name, ...v })),
    replace: (text: string, scoped: Record<string, { value: unknown }> = {}, format?: (v: unknown) => string) =>
      text.replace(/\$\{(\w+)\}/g, (m, name: string) => {
        const v = scoped[name]?.value ?? vars[name]?.current.value;
        if (v === undefined) return m;
        if (name === 'custom') return '.*';
        return format ? format(v) : String(v);
      }),
  };
  it('captures raw values, All, custom all values and scoped values', () => {
    const lookup = templateLookup(srv as never, { __interval: { text: '5m', value: '5m' } } as never);
    expect(lookup('comp')).toEqual({ values: ['compute', 'cache'] });
    expect(lookup('all')).toEqual({ all: true });
    expect(lookup('custom')).toEqual({ all: true });
    expect(lookup('__interval')).toEqual({ values: ['5m'] });
    expect(lookup('nope')).toBeUndefined();
  });
  it('turns filter text into a selection', () => {
    const lookup = templateLookup(srv as never);
    expect(filterSelection('', lookup)).toEqual({ all: true });
    expect(filterSelection('compute|cache', lookup)).toEqual({ values: ['compute', 'cache'] });
    expect(filterSelection('$comp', lookup)).toEqual({ values: ['compute', 'cache'] });
    expect(filterSelection('${all}', lookup)).toEqual({ all: true });
    expect(() => filterSelection('$nope', lookup)).toThrow('unknown variable $nope');
  });
});
