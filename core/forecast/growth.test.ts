/** @jest-environment node */
import { applyGrowth, growthFactor, YEAR_SECONDS } from './growth';

describe('growth scenarios', () => {
  it('compounds per year', () => {
    expect(growthFactor(0.5, YEAR_SECONDS)).toBeCloseTo(1.5);
    expect(growthFactor(0.5, YEAR_SECONDS / 2)).toBeCloseTo(Math.sqrt(1.5));
    expect(growthFactor(0.5, -10)).toBe(1);
    expect(growthFactor(-1, YEAR_SECONDS)).toBeNaN();
  });

  it('scales mean and bounds, keeping their order', () => {
    const f = {
      t: [YEAR_SECONDS, 2 * YEAR_SECONDS],
      mean: Float64Array.from([10, -10]),
      lower: Float64Array.from([8, -12]),
      upper: Float64Array.from([12, -8]),
    };
    applyGrowth(f, 0, 1);
    expect(Array.from(f.mean)).toEqual([20, -40]);
    expect(Array.from(f.lower)).toEqual([16, -48]);
    expect(Array.from(f.upper)).toEqual([24, -32]);
  });
});
