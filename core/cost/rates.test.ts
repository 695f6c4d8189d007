import { defaultPriceBook } from './defaultPricebook';
import { effectiveHourly, mixRate, modelRate, resolveModelRate, validateMix } from './rates';
import { InstanceEntry } from './types';

const book = defaultPriceBook();
const get = (type: string) => book.instances.find((e) => e.type === type) as InstanceEntry;

describe('effectiveHourly', () => {
  it('spreads the upfront part over the hours of the term', () => {
    // t3.large 1y partial upfront: $219 once + $0.025/h → 0.025 + 219/8760 = 0.05 $/h
    expect(effectiveHourly({ upfront: 219, hourly: 0.025 }, 8760)).toBeCloseTo(0.05, 10);
    // 3y all upfront $841 → 841 / 26280 h = 0.0320015 $/h
    expect(effectiveHourly({ upfront: 841, hourly: 0 }, 26280)).toBeCloseTo(0.0320015, 6);
    expect(effectiveHourly({ upfront: 0, hourly: 0.052 }, 8760)).toBe(0.052);
  });
});

describe('modelRate', () => {
  it('prices each model and upfront option', () => {
    const t3 = get('t3.large');
    expect(modelRate(t3, 'on_demand')).toBe(0.0832);
    expect(modelRate(t3, 'reserved_1y', 'no')).toBe(0.052);
    expect(modelRate(t3, 'reserved_1y', 'all')).toBeCloseTo(429 / 8760, 10);
    expect(modelRate(t3, 'reserved_3y', 'partial')).toBeCloseTo(0.017 + 447 / 26280, 10);
    expect(modelRate(t3, 'spot')).toBe(0.025);
  });

  it('has no spot rate where none is sold, and substitutes the nearest upfront option', () => {
    const db = get('db.r5.large');
    expect(modelRate(db, 'spot')).toBeNull();
    // RDS sells 3-year terms only partial or all upfront: "no" falls to "partial".
    expect(resolveModelRate(db, 'reserved_3y', 'no')).toEqual({ hourly: 0.065 + 1697 / 26280, upfront: 'partial' });
  });
});

describe('mixRate', () => {
  it('blends shares and leaves the rest on demand', () => {
    const t3 = get('t3.large');
    const m = mixRate(t3, { reserved_1y: 0.5, spot: 0.2 });
    // 0.5 × 0.052 + 0.2 × 0.025 + 0.3 × 0.0832 = 0.026 + 0.005 + 0.02496
    expect(m.hourly).toBeCloseTo(0.05596, 10);
    expect(m.shares).toEqual({ on_demand: 0.30000000000000004, reserved_1y: 0.5, reserved_3y: 0, spot: 0.2 });
    expect(m.fallbacks).toEqual([]);
  });

  it('keeps an unsold model on demand and says so', () => {
    const db = get('db.r5.large');
    const m = mixRate(db, { spot: 0.6 });
    expect(m.hourly).toBe(0.25);
    expect(m.fallbacks).toEqual(['spot']);
    expect(m.shares.on_demand).toBe(1);
  });

  it('is plain on demand with no mix', () => {
    expect(mixRate(get('m5.large')).hourly).toBe(0.096);
  });

  it('clamps shares so they never exceed the whole fleet', () => {
    const m = mixRate(get('t3.large'), { reserved_1y: 0.8, spot: 0.8 });
    expect(m.shares.reserved_1y).toBe(0.8);
    expect(m.shares.spot).toBeCloseTo(0.2, 12);
    expect(m.shares.on_demand).toBeCloseTo(0, 12);
  });
});

describe('validateMix', () => {
  it('accepts shares in 0..1 summing to at most 1', () => {
    expect(validateMix({ reserved_1y: 0.5, reserved_3y: 0.3, spot: 0.2 })).toEqual([]);
  });
  it('names every problem', () => {
    expect(validateMix({ reserved_1y: 1.5, spot: -0.1 })).toEqual([
      'reserved_1y: share must be a number between 0 and 1, got 1.5',
      'spot: share must be a number between 0 and 1, got -0.1',
    ]);
    expect(validateMix({ reserved_1y: 0.7, spot: 0.6 })).toEqual(['shares add up to 1.3, more than 1 (the rest of the fleet is on demand)']);
    expect(validateMix({ upfront: 'some' as never })).toEqual(['upfront: must be no, partial or all, got some']);
  });
});
