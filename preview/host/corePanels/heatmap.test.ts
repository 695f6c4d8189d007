import { colorIndex, heatmapRange } from './heatmap';

describe('heatmap colours', () => {
  it('finds the range of the values over the hide threshold', () => {
    expect(heatmapRange([[0, 1e-10, 2], [null, 8, NaN]], 1e-9)).toEqual({ min: 2, max: 8 });
    expect(heatmapRange([[0, null]], 1e-9)).toBeUndefined();
  });

  it('places a value linearly or exponentially between min and max, over the steps', () => {
    const range = { min: 0, max: 100 };
    expect(colorIndex(0, range, { scale: 'linear', steps: 11 }, -Infinity)).toBe(0);
    expect(colorIndex(50, range, { scale: 'linear', steps: 11 }, -Infinity)).toBe(5);
    expect(colorIndex(100, range, { scale: 'linear', steps: 11 }, -Infinity)).toBe(10);
    // sqrt(0.25) = 0.5 of the way
    expect(colorIndex(25, range, { scale: 'exponential', exponent: 0.5, steps: 11 }, -Infinity)).toBe(5);
    expect(colorIndex(100, range, { scale: 'linear', steps: 11, reverse: true }, -Infinity)).toBe(0);
  });

  it('hides values at or under the threshold, null and NaN; equal values take the top colour', () => {
    expect(colorIndex(1e-9, { min: 0, max: 1 }, {}, 1e-9)).toBe(-1);
    expect(colorIndex(null, { min: 0, max: 1 }, {}, 1e-9)).toBe(-1);
    expect(colorIndex(NaN, { min: 0, max: 1 }, {}, 1e-9)).toBe(-1);
    expect(colorIndex(3, { min: 3, max: 3 }, { steps: 64 }, 0)).toBe(63);
  });
});
