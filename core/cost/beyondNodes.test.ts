import { BEYOND_NODES, beyondNodesQuery, beyondNodesSource, BYTES_PER_GB } from './beyondNodes';
import { defaultPriceBook } from './defaultPricebook';
import { indexPriceBook } from './lookup';
import { costSeries } from './series';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('the bill beyond nodes', () => {
  it('reads only series the real exporters emit, with their labels', () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'stack', 'datatier', 'exporter-series.json'), 'utf8')) as Record<string, Record<string, string[]>>;
    for (const s of BEYOND_NODES) {
      const metric = /^[a-z_]+/.exec(s.selector)![0];
      const labels = recorded[s.exporter]?.[metric];
      expect({ metric, exporter: s.exporter, found: !!labels }).toEqual({ metric, exporter: s.exporter, found: true });
      for (const used of [...s.selector.matchAll(/([a-z_]+)[!=]~?"/g)].map((m) => m[1])) {
        expect(labels).toContain(used);
      }
    }
  });

  it('prices every default class with the built-in price book', () => {
    const index = indexPriceBook(defaultPriceBook());
    for (const s of BEYOND_NODES) {
      expect({ cls: s.priceClass, priced: !!(s.kind === 'storage' ? index.storage(s.priceClass) : index.network(s.priceClass)) }).toEqual({ cls: s.priceClass, priced: true });
    }
  });

  it('turns bytes into GB (2^30) stored, and a byte counter into GB per hour over a window of at least 5 minutes', () => {
    expect(BYTES_PER_GB).toBe(1073741824);
    expect(beyondNodesQuery(beyondNodesSource('databaseStorage'), 'pg_database_size_bytes', 60_000)).toBe('sum(pg_database_size_bytes) / 1073741824');
    expect(beyondNodesQuery(beyondNodesSource('blockStorage'), 'x', 60_000)).toBe('sum(max by (instance, device) (x)) / 1073741824');
    expect(beyondNodesQuery(beyondNodesSource('egress'), 'y', 60_000)).toBe('sum(rate(y[300s])) * 3600 / 1073741824');
    expect(beyondNodesQuery(beyondNodesSource('egress'), 'y', 3_600_000)).toBe('sum(rate(y[3600s])) * 3600 / 1073741824');
  });

  it('a month of 100 GB on gp3 costs 100 x its GB-month price; 10 GB/h of egress for 730 h costs 7300 x its GB price', () => {
    const book = defaultPriceBook();
    const h = 3_600_000;
    const t = Float64Array.from({ length: 731 }, (_, i) => i * h);
    const r = costSeries(
      [
        { kind: 'storage', type: 'ebs-gp3', component: 'storage', t, v: new Float64Array(731).fill(100) },
        { kind: 'network', type: 'internet-egress', component: 'egress', t, v: new Float64Array(731).fill(10) },
      ],
      book,
      {},
      { window: { start: 0, end: 730 * h } }
    );
    expect(r.byComponent.storage.cost).toBeCloseTo(100 * 0.08, 6);
    expect(r.byComponent.egress.cost).toBeCloseTo(7300 * 0.09, 6);
  });
});
