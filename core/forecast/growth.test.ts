/** @jest-environment node */
import { forecast } from './forecast';
import { applyGrowth, growthFactor, withGrowth, YEAR_SECONDS } from './growth';

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

  it('withGrowth on a forecast without growth gives forecast() with that growth, number for number, and leaves its input alone', () => {
    const t = Float64Array.from({ length: 288 * 4 }, (_, i) => 1.7e9 + i * 300);
    const v = Float64Array.from(t, (_, i) => 100 + 30 * Math.sin((2 * Math.PI * i) / 288) + 3 * Math.sin(i * 12.9898));
    const base = forecast(t, v, { horizon: 288 * 30 });
    if (!base.ok) throw new Error(base.message);
    const before = Array.from(base.mean);
    for (const g of [0, 0.5, 1]) {
      const direct = forecast(t, v, { horizon: 288 * 30, growthPerYear: g });
      if (!direct.ok) throw new Error(direct.message);
      const scenario = withGrowth(base, g);
      expect(Array.from(scenario.mean)).toEqual(Array.from(direct.mean));
      expect(Array.from(scenario.lower)).toEqual(Array.from(direct.lower));
      expect(Array.from(scenario.upper)).toEqual(Array.from(direct.upper));
    }
    expect(Array.from(base.mean)).toEqual(before);
    expect(withGrowth(base, 1).mean[288 * 30 - 1]).toBeGreaterThan(base.mean[288 * 30 - 1] * 1.05);
  });
});
