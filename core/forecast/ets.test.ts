/** @jest-environment node */
import { fitLevel, leadTimes, levelForecast } from './ets';

describe('leadTimes', () => {
  it('spreads about 8 lead times over 1..h including both ends', () => {
    const l = leadTimes(288);
    expect(l[0]).toBe(1);
    expect(l[l.length - 1]).toBe(288);
    expect(l.length).toBeLessThanOrEqual(9);
    expect(leadTimes(1)).toEqual([1]);
  });
});

describe('fitLevel / levelForecast', () => {
  it('constant series → flat forecast at the constant', () => {
    const f = fitLevel(new Float64Array(200).fill(7), 10);
    expect(Array.from(levelForecast(f, 5))).toEqual([7, 7, 7, 7, 7]);
  });

  it('a noisy straight line is continued (drift or damped trend)', () => {
    const y = Float64Array.from({ length: 500 }, (_, i) => 10 + 0.5 * i + Math.sin(i * 78.233) * 0.3);
    const f = fitLevel(y, 50);
    expect(['drift', 'damped']).toContain(f.kind);
    const fc = levelForecast(f, 50);
    expect(fc[49]).toBeGreaterThan(10 + 0.5 * 540);
    expect(Math.abs(fc[0] - (10 + 0.5 * 500))).toBeLessThan(2);
  });

  it('a level shift is followed', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => (i < 300 ? 5 : 15) + Math.sin(i * 12.9898) * 0.2);
    const fc = levelForecast(fitLevel(y, 20), 20);
    expect(Math.abs(fc[0] - 15)).toBeLessThan(1);
  });

  it('too short series fall back to the last value', () => {
    const f = fitLevel(Float64Array.from([1, 2]), 3);
    expect(Array.from(levelForecast(f, 3))).toEqual([2, 2, 2]);
    expect(levelForecast(f, 0).length).toBe(0);
  });
});
