/** @jest-environment node */
import { geometricMean, leastSquares, mean, median, quantile, quantileSorted, robustScale, selectKth } from './stats';

describe('stats', () => {
  it('quantiles interpolate between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(quantile([4, NaN, 1, Infinity, 3, 2], 0.5)).toBe(2.5);
  });

  it('median by selection equals the sorted median, with ties and even counts', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 25);
      const a = Array.from({ length: n }, () => Math.floor(rnd() * 5));
      const s = [...a].sort((x, y) => x - y);
      const want = n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
      expect(median(a)).toBe(want);
    }
    expect(median([])).toBeNaN();
    expect(median([NaN])).toBeNaN();
  });

  it('selectKth finds order statistics and rejects out-of-range k', () => {
    const a = Float64Array.from([5, 1, 4, 2, 3]);
    expect(selectKth(Float64Array.from(a), 0)).toBe(1);
    expect(selectKth(Float64Array.from(a), 4)).toBe(5);
    expect(selectKth(Float64Array.from(a), 2)).toBe(3);
    expect(selectKth(a, 5)).toBeNaN();
  });

  it('robust scale ignores outliers and falls back when the MAD is 0', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1000];
    expect(robustScale(x)).toBeCloseTo(1.4826 * 2.5, 6);
    expect(robustScale([5, 5, 5, 5, 9])).toBeCloseTo(1.2533 * (4 / 5), 6);
    expect(robustScale([3, 3, 3])).toBe(0);
    expect(robustScale([])).toBeNaN();
  });

  it('least squares recovers a line; degenerate inputs', () => {
    const { intercept, slope } = leastSquares([1, 3, 5, 7]);
    expect(intercept).toBeCloseTo(1);
    expect(slope).toBeCloseTo(2);
    expect(leastSquares([4])).toEqual({ intercept: 4, slope: 0 });
    expect(leastSquares([]).slope).toBeNaN();
  });

  it('geometric mean is NaN on non-positive input', () => {
    expect(geometricMean([1, 4])).toBeCloseTo(2);
    expect(geometricMean([1, 0])).toBeNaN();
    expect(geometricMean([])).toBeNaN();
    expect(mean([])).toBeNaN();
  });
});
