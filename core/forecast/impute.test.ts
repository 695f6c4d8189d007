/** @jest-environment node */
import { impute, interpolateLinear } from './impute';

describe('interpolateLinear', () => {
  it('fills interior gaps on a line and ends with the nearest value', () => {
    expect(Array.from(interpolateLinear([NaN, 1, NaN, NaN, 4, NaN]))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(Array.from(interpolateLinear([NaN, NaN])).every(Number.isNaN)).toBe(true);
  });
});

describe('impute', () => {
  it('fills a one-day gap in a daily cycle with the cycle, not a straight line', () => {
    const p = 24;
    const truth = Array.from({ length: 10 * p }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / p) + 0.1 * i);
    const y = truth.map((v, i) => (i >= 5 * p && i < 6 * p ? NaN : v));
    const { values, imputed } = impute(y, p);
    expect(imputed).toBe(p);
    let maxErr = 0;
    for (let i = 5 * p; i < 6 * p; i++) maxErr = Math.max(maxErr, Math.abs(values[i] - truth[i]));
    expect(maxErr).toBeLessThan(1);
    const linear = interpolateLinear(y);
    let linErr = 0;
    for (let i = 5 * p; i < 6 * p; i++) linErr = Math.max(linErr, Math.abs(linear[i] - truth[i]));
    expect(linErr).toBeGreaterThan(10);
  });

  it('falls back to linear interpolation without a usable period', () => {
    expect(Array.from(impute([1, NaN, 3], 0).values)).toEqual([1, 2, 3]);
    expect(Array.from(impute([1, NaN, 3], 24).values)).toEqual([1, 2, 3]);
    expect(impute([1, 2, 3], 2).imputed).toBe(0);
  });
});

describe('impute without a gap', () => {
  it('hands back a Float64Array as it is, and copies anything else', () => {
    const y = Float64Array.from([1, 2, 3]);
    expect(impute(y, 2).values).toBe(y);
    const plain = [1, 2, 3];
    expect(Array.from(impute(plain, 2).values)).toEqual(plain);
  });
});
