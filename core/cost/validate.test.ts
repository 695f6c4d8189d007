import { defaultPriceBook } from './defaultPricebook';
import { formatIssue, isIsoDate, parsePriceBook } from './validate';

const today = '2026-01-01';
const src = 'https://example.invalid/prices';

function minimal(extra: Record<string, unknown> = {}) {
  return {
    name: 'test',
    currency: 'USD',
    defaultRegion: 'us-east-1',
    asOf: '2024-06-01',
    source: src,
    instances: [{ type: 't3.large', vcpu: 2, memoryGiB: 8, prices: { on_demand: 0.0832 } }],
    ...extra,
  };
}

describe('parsePriceBook', () => {
  it('accepts a minimal book, inheriting region, date and source', () => {
    const r = parsePriceBook(minimal(), { today });
    expect(r.errors).toEqual([]);
    expect(r.book?.instances[0]).toEqual({
      type: 't3.large',
      region: 'us-east-1',
      vcpu: 2,
      memoryGiB: 8,
      prices: { on_demand: { hourly: 0.0832, asOf: '2024-06-01', source: src } },
    });
  });

  it('round-trips the built-in book through JSON without an error', () => {
    const r = parsePriceBook(JSON.parse(JSON.stringify(defaultPriceBook())), { today });
    expect(r.errors).toEqual([]);
    expect(r.book).toEqual(defaultPriceBook());
  });

  it('returns ALL errors at once, each naming the entry and the field', () => {
    const broken = {
      name: 'broken',
      currency: 'US$',
      defaultRegion: 'us-east-1',
      instances: [
        { vcpu: 2, memoryGiB: 8, prices: { on_demand: { hourly: 0.1, asOf: '2024-06-01', source: src } } },
        { type: 'm5.large', vcpu: 2, memoryGiB: 8, prices: { on_demand: { hourly: -0.096, asOf: '2024-06-01', source: src } } },
        { type: 'c5.large', vcpu: 2, memoryGiB: 4, prices: { on_demand: { asOf: '2024-13-01', source: src } } },
        {
          type: 'r5.large',
          vcpu: 2,
          memoryGiB: 16,
          prices: {
            on_demand: { hourly: 0.126, asOf: '2030-01-01', source: '' },
            reserved_1y: { partial: { upfront: 338, asOf: '2024-06-01', source: src }, sometimes: {} },
            spot: { hourly: 'cheap', asOf: '2024-06-01', source: src },
          },
        },
        { type: 'm5.large', vcpu: 0, memoryGiB: 8, prices: { on_demand: { hourly: 0.096, asOf: '2024-06-01', source: src } } },
      ],
    };
    const r = parsePriceBook(broken, { today });
    expect(r.book).toBeNull();
    expect(r.errors.map(formatIssue)).toEqual([
      'book: currency: unknown currency code "US$" (expected an ISO 4217 code such as USD, EUR, GBP)',
      'instances[0]: type: instance type is missing',
      'instances[1] (m5.large): prices.on_demand.hourly: price must not be negative, got -0.096',
      'instances[2] (c5.large): prices.on_demand.hourly: price is missing',
      'instances[2] (c5.large): prices.on_demand.asOf: must be a date YYYY-MM-DD, got "2024-13-01"',
      'instances[3] (r5.large): prices.on_demand.asOf: date 2030-01-01 is in the future (today is 2026-01-01)',
      'instances[3] (r5.large): prices.on_demand.source: must be a non-empty string, got ""',
      'instances[3] (r5.large): prices.reserved_1y.sometimes: unknown upfront option (use no, partial or all)',
      'instances[3] (r5.large): prices.reserved_1y.partial.hourly: price is missing',
      'instances[3] (r5.large): prices.spot.hourly: price must be a number, got "cheap"',
      'instances[4] (m5.large): type: duplicate entry for m5.large in us-east-1',
      'instances[4] (m5.large): vcpu: must be a number > 0 and at most 1000000000, got 0',
    ]);
  });

  it('reports a missing currency, a missing date and source, and an empty instance list', () => {
    const r = parsePriceBook({ instances: [{ type: 'x', region: 'r', vcpu: 1, memoryGiB: 1, prices: { on_demand: 1 } }] }, { today });
    expect(r.errors.map(formatIssue)).toEqual([
      'book: currency: currency is missing (an ISO 4217 code such as USD)',
      'instances[0] (x): prices.on_demand.asOf: date is missing (set it on the price, the entry or the book)',
      'instances[0] (x): prices.on_demand.source: source is missing',
    ]);
    expect(parsePriceBook({ currency: 'EUR', instances: [] }, { today }).errors.map(formatIssue)).toEqual(['book: instances: must be a non-empty list of instance types']);
    expect(parsePriceBook('nope').errors.map(formatIssue)).toEqual(['book: : a price book must be a JSON object, got "nope"']);
  });

  it('requires a region when the book has no default, and checks regions against the list', () => {
    const r = parsePriceBook(
      {
        currency: 'USD',
        asOf: '2024-06-01',
        source: src,
        regions: ['us-east-1'],
        instances: [
          { type: 'a', vcpu: 1, memoryGiB: 1, prices: { on_demand: 1 } },
          { type: 'b', region: 'eu-west-1', vcpu: 1, memoryGiB: 1, prices: { on_demand: 1 } },
        ],
      },
      { today },
    );
    expect(r.errors.map(formatIssue)).toEqual([
      'instances[0] (a): region: is missing and the book has no defaultRegion',
      'instances[1] (b): region: "eu-west-1" is not one of the book\'s regions (us-east-1)',
    ]);
  });

  it('validates storage and network sections by class', () => {
    const r = parsePriceBook(
      minimal({
        storage: [{ class: 'gp3', perGbMonth: 0.08 }, { perGbMonth: 0.1 }],
        network: [{ class: 'egress', perGb: -1 }],
      }),
      { today },
    );
    expect(r.errors.map(formatIssue)).toEqual(['storage[1]: class: storage class is missing', 'network[0] (egress): perGb: price must not be negative, got -1']);
  });

  it('accepts zero prices (free tiers) but not absent ones', () => {
    expect(parsePriceBook(minimal({ network: [{ class: 'intra-az', perGb: 0 }] }), { today }).errors).toEqual([]);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-6-1')).toBe(false);
    expect(isIsoDate(20240601)).toBe(false);
  });
});
