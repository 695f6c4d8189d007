/** @jest-environment node */
import { replaceOutliers, runningMedian } from './outliers';

describe('runningMedian', () => {
  it('matches a brute-force median with shrinking windows at the ends', () => {
    const x = [5, 1, 9, 3, 3, 7, 2, 8, 6, 4, 0];
    const w = 5;
    const got = runningMedian(x, w);
    for (let i = 0; i < x.length; i++) {
      const s = x.slice(Math.max(0, i - 2), Math.min(x.length, i + 3)).sort((a, b) => a - b);
      const m = s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      expect(got[i]).toBe(m);
    }
    expect(Array.from(runningMedian([1, 2, 3], 1))).toEqual([1, 2, 3]);
  });
});

describe('replaceOutliers', () => {
  const p = 24;
  const base = Array.from({ length: 20 * p }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / p) + Math.sin(i * 12.9898) * 0.5);

  it('replaces isolated spikes by the seasonal local level', () => {
    const y = Float64Array.from(base);
    y[100] += 500;
    y[300] -= 400;
    const { values, replaced } = replaceOutliers(y, [p]);
    expect(replaced).toBeGreaterThanOrEqual(2);
    expect(Math.abs(values[100] - base[100])).toBeLessThan(3);
    expect(Math.abs(values[300] - base[300])).toBeLessThan(3);
    expect(y[100]).toBe(base[100] + 500); // input untouched
  });

  it('keeps a level shift', () => {
    const y = Float64Array.from(base, (v, i) => (i >= 300 ? v + 100 : v));
    const { values } = replaceOutliers(y, [p]);
    for (let i = 310; i < y.length; i++) expect(values[i]).toBe(y[i]);
  });

  it('leaves constant and short series alone', () => {
    const c = new Float64Array(100).fill(3);
    expect(replaceOutliers(c, []).replaced).toBe(0);
    expect(replaceOutliers(Float64Array.from([1, 100, 1]), []).replaced).toBe(0);
  });
});
