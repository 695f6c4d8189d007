import { DEFAULT_PRICE_BOOK_AS_OF, defaultPriceBook } from './defaultPricebook';
import { modelRate } from './rates';
import { isIsoDate } from './validate';

const book = defaultPriceBook();

describe('built-in price book', () => {
  it('carries the types the seeds and the demo use, in AWS, GCP and Azure regions', () => {
    const types = book.instances.map((e) => e.type);
    for (const t of ['t3.large', 'm5.large', 'm5.xlarge', 'c5.large', 'r5.large', 'db.r5.large', 'cache.r6g.large', 'e2-standard-2', 'n2-standard-4', 'Standard_D2s_v3']) {
      expect(types).toContain(t);
    }
    expect(new Set(book.instances.map((e) => e.region))).toEqual(new Set(['us-east-1', 'us-east1', 'eastus']));
    expect(book.currency).toBe('USD');
  });

  it('dates and sources every price', () => {
    const prices = book.instances.flatMap((e) => [
      e.prices.on_demand,
      ...Object.values(e.prices.reserved_1y ?? {}),
      ...Object.values(e.prices.reserved_3y ?? {}),
      ...(e.prices.spot ? [e.prices.spot] : []),
    ]);
    for (const p of [...prices, ...book.storage, ...book.network]) {
      expect(p.asOf).toBe(DEFAULT_PRICE_BOOK_AS_OF);
      expect(isIsoDate(p.asOf)).toBe(true);
      expect(p.source).toMatch(/^https:\/\//);
    }
  });

  it('is internally consistent: reserved and spot below on demand, 3y below 1y, all below partial below no upfront', () => {
    for (const e of book.instances) {
      const od = e.prices.on_demand.hourly;
      const spot = modelRate(e, 'spot');
      if (spot !== null) {
        expect(spot).toBeLessThan(od);
      }
      for (const option of ['no', 'partial', 'all'] as const) {
        const r1 = e.prices.reserved_1y?.[option] ? (modelRate(e, 'reserved_1y', option) as number) : null;
        const r3 = e.prices.reserved_3y?.[option] ? (modelRate(e, 'reserved_3y', option) as number) : null;
        if (r1 !== null) {
          expect(r1).toBeLessThan(od);
        }
        if (r1 !== null && r3 !== null) {
          expect(r3).toBeLessThan(r1);
        }
      }
      for (const term of ['reserved_1y', 'reserved_3y'] as const) {
        const p = e.prices[term];
        const rate = (o: 'no' | 'partial' | 'all') => (p?.[o] ? (modelRate(e, term, o) as number) : null);
        const [no, partial, all] = [rate('no'), rate('partial'), rate('all')];
        if (no !== null && partial !== null) {
          expect(partial).toBeLessThanOrEqual(no + 1e-9);
        }
        if (partial !== null && all !== null) {
          expect(all).toBeLessThanOrEqual(partial + 1e-9);
        }
      }
    }
  });

  it('hands out a fresh copy each time', () => {
    const a = defaultPriceBook();
    a.instances[0].prices.on_demand.hourly = 99;
    expect(defaultPriceBook().instances[0].prices.on_demand.hourly).not.toBe(99);
  });
});
