/** @jest-environment node */
import { exceedProbability, exhaustion, type ForecastBand } from './exhaustion';

const band = (mean: number[], width: number): ForecastBand => ({
  t: mean.map((_, k) => 100 + 10 * (k + 1)),
  mean,
  lower: mean.map((m) => m - width),
  upper: mean.map((m) => m + width),
  level: 0.95,
  lastT: 100,
  lastValue: mean[0] - 1,
});

describe('exceedProbability', () => {
  it('reads the band as a normal around the mean', () => {
    expect(exceedProbability(10, 8.04, 11.96, 0.95, 11.96)).toBeCloseTo(0.025, 3);
    expect(exceedProbability(10, 8.04, 11.96, 0.95, 10)).toBe(1);
    expect(exceedProbability(10, 8.04, 11.96, 0.95, 8.04)).toBeCloseTo(0.975, 3);
    expect(exceedProbability(10, 10, 10, 0.95, 11)).toBe(0);
    expect(exceedProbability(10, 10, 10, 0.95, 9)).toBe(1);
  });
});

describe('exhaustion', () => {
  it('finds the first crossing of upper, mean and lower', () => {
    const r = exhaustion(band([1, 2, 3, 4, 5, 6], 1.5), 4);
    expect(r).toMatchObject({ ok: true, alreadyExceeded: false, tUpper: 130, tMean: 140, tLower: 160 });
    if (r.ok) expect(r.probability).toBe(1);
  });

  it('no crossing → nulls and a small probability', () => {
    const r = exhaustion(band([1, 1, 1], 0.5), 10);
    expect(r).toMatchObject({ ok: true, tMean: null, tUpper: null, tLower: null });
    if (r.ok) expect(r.probability).toBeLessThan(1e-6);
  });

  it('upper crosses but mean does not → probability between 2.5 % and 50 %', () => {
    const r = exhaustion(band([1, 2, 3], 2), 4);
    expect(r).toMatchObject({ tMean: null, tUpper: 120 });
    if (r.ok) {
      expect(r.probability).toBeGreaterThan(0.025);
      expect(r.probability).toBeLessThan(0.5);
    }
  });

  it('capacity already exceeded', () => {
    const b = { ...band([5, 6], 1), lastValue: 12 };
    expect(exhaustion(b, 10)).toMatchObject({ alreadyExceeded: true, tMean: 100, probability: 1 });
  });

  it("direction 'below' mirrors the band", () => {
    const r = exhaustion({ ...band([9, 7, 5.5, 4, 2], 1.5), lastValue: 10 }, 5.6, 'below');
    expect(r).toMatchObject({ tUpper: 120, tMean: 130, tLower: 140 });
  });

  it('rejects a non-finite capacity', () => {
    expect(exhaustion(band([1], 1), NaN)).toMatchObject({ ok: false, code: 'bad_option' });
    expect(exhaustion(band([1, 2], 1), [5, Infinity])).toMatchObject({ ok: false, code: 'bad_option' });
    expect(exhaustion(band([1, 2], 1), [5])).toMatchObject({ ok: false, code: 'bad_option' });
  });

  it('accepts a capacity per forecast step (e.g. planned replicas × per-replica capacity)', () => {
    // flat demand of 5, capacity shrinking from 9 to 3 as replicas are removed
    const r = exhaustion(band([5, 5, 5, 5], 1), [9, 7, 5.5, 3]);
    expect(r).toMatchObject({ ok: true, alreadyExceeded: false, tUpper: 130, tMean: 140, tLower: 140 });
    expect(exhaustion({ ...band([5, 5], 1), lastValue: 8 }, [7, 9])).toMatchObject({ alreadyExceeded: true });
  });
});
