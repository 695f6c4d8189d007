/** @jest-environment node */
import { predictLinear, seasonalNaive, seasonalNaiveScale } from './baselines';

describe('baselines', () => {
  it('seasonal naive repeats the last cycle', () => {
    expect(Array.from(seasonalNaive([1, 2, 3, 4, 5, 6], 3, 5))).toEqual([4, 5, 6, 4, 5]);
    expect(Array.from(seasonalNaive([1, 2, 3], 1, 2))).toEqual([3, 3]);
    // shorter than a cycle: the last value
    expect(Array.from(seasonalNaive([1, 2], 4, 3))).toEqual([2, 2, 2]);
    expect(seasonalNaive([], 3, 2).every(Number.isNaN)).toBe(true);
  });

  it('predict_linear extrapolates the least-squares line of the window', () => {
    expect(Array.from(predictLinear([0, 0, 0, 1, 2, 3], 3, 2))).toEqual([4, 5]);
    expect(Array.from(predictLinear([5], 10, 2))).toEqual([5, 5]);
  });

  it('seasonal naive scale', () => {
    expect(seasonalNaiveScale([1, 2, 3, 2, 4, 3], 3)).toBeCloseTo((1 + 2 + 0) / 3);
    expect(seasonalNaiveScale([1, 2], 3)).toBeNaN();
    expect(seasonalNaiveScale([2, 2, 2, 2], 1)).toBe(0);
  });
});
