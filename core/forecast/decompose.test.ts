/** @jest-environment node */
import { addSeasonal, decompose, seasonalAt } from './decompose';
import { seasonalProfile, trimmedMean } from './profile';

describe('trimmedMean', () => {
  it('drops extremes from 4 values on', () => {
    expect(trimmedMean(Float64Array.from([1, 2, 3]))).toBe(2);
    expect(trimmedMean(Float64Array.from([100, 1, 2, 3]))).toBe(2.5);
    expect(trimmedMean(Float64Array.from([-50, 1, 2, 3, 3, 2, 1, 90]))).toBe(2);
    expect(trimmedMean(new Float64Array(0))).toBe(0);
  });
});

describe('seasonalProfile', () => {
  it('is centred and indexed by absolute phase', () => {
    const d = Array.from({ length: 12 }, (_, i) => [1, 2, 3][i % 3]);
    const prof = seasonalProfile(d, 3, 4);
    expect(Array.from(prof)).toEqual([-1, 0, 1]);
    expect(Array.from(seasonalProfile([1, 2, 3], 1, 3))).toEqual([0]);
  });
});

describe('decompose', () => {
  it('separates daily and weekly cycles and a trend', () => {
    const day = 24;
    const week = 168;
    const dayShape = (i: number) => 10 * Math.sin((2 * Math.PI * i) / day);
    const weekShape = (i: number) => (Math.floor((i % week) / day) >= 5 ? -8 : 3.2);
    const n = 8 * week;
    const y = Float64Array.from({ length: n }, (_, i) => 100 + 0.05 * i + dayShape(i) + weekShape(i));
    const dec = decompose(y, [day, week], [8, 4]);
    expect(dec.adjusted.length).toBe(n);
    // seasonal sum matches the true cycles up to a constant
    let maxErr = 0;
    for (let i = n - week; i < n; i++) {
      maxErr = Math.max(maxErr, Math.abs(seasonalAt(dec, i) - (dayShape(i) + weekShape(i) - (3.2 * 5 - 8 * 2) / 7)));
    }
    expect(maxErr).toBeLessThan(1.5);
    // what remains is close to the trend
    for (let i = n - week; i < n; i++) expect(Math.abs(dec.adjusted[i] - (100 + 0.05 * i))).toBeLessThan(1.5);
  });

  it('ignores periods that do not fit twice and honours adjustedTail', () => {
    const y = Float64Array.from({ length: 30 }, (_, i) => i);
    const dec = decompose(y, [24], [8], 10);
    expect(Array.from(dec.profiles[0]).every((v) => v === 0)).toBe(true);
    expect(Array.from(dec.adjusted)).toEqual(Array.from(y.subarray(20)));
  });
});

describe('addSeasonal', () => {
  it('adds seasonalAt of each step to a forecast, bit for bit', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => 5 + Math.sin(i * 0.7) + (i % 24) * 0.3 + (i % 84 < 12 ? 2 : 0));
    const dec = decompose(y, [24, 84], [8, 4]);
    const f = Float64Array.from({ length: 30 }, (_, k) => 0.1 * k);
    const want = Array.from(f, (v, k) => v + seasonalAt(dec, 397 + k));
    addSeasonal(f, dec, 397);
    expect(Array.from(f)).toEqual(want);
  });
});
