import { bucketFraction, fractionBelow } from './fraction';
import { accumulateFields, deaccumulate, lowerBounds } from './counts';

const INF = Infinity;

describe('fraction of observations (classic buckets)', () => {
  const les = [0.1, 0.5, 1, INF];
  const counts = [20, 60, 90, 100];

  it('is exact on bucket boundaries and linear inside a bucket', () => {
    expect(fractionBelow(0.5, les, counts)).toBe(0.6);
    expect(fractionBelow(0.3, les, counts)).toBe((20 + ((60 - 20) * (0.3 - 0.1)) / (0.5 - 0.1)) / 100);
    expect(fractionBelow(0.05, les, counts)).toBe((0 + (20 * 0.05) / 0.1) / 100);
  });

  it('counts the whole +Inf bucket only for +Inf', () => {
    expect(fractionBelow(5, les, counts)).toBe(0.9);
    expect(fractionBelow(INF, les, counts)).toBe(1);
    expect(fractionBelow(-1, les, counts)).toBe(0);
  });

  it('between two values, and its special cases', () => {
    expect(bucketFraction(0.1, 1, les, counts)).toBe(0.7);
    expect(bucketFraction(1, 0.1, les, counts)).toBe(0);
    expect(bucketFraction(NaN, 1, les, counts)).toBeNaN();
    expect(fractionBelow(1, [0.1, 1], [1, 2])).toBeNaN();
    expect(fractionBelow(1, [0.1, INF], [0, 0])).toBeNaN();
    expect(fractionBelow(1, [], [])).toBeNaN();
  });

  it('treats a lowest bucket with bound ≤ 0 as reaching down to -Inf', () => {
    expect(fractionBelow(-2, [-1, 0, INF], [5, 8, 10])).toBe(0.5);
    expect(fractionBelow(-0.5, [-1, 0, INF], [5, 8, 10])).toBe((5 + (3 * 0.5) / 1) / 10);
  });
});

describe('per-bucket counts', () => {
  it('de-accumulates and gives display ranges', () => {
    expect(Array.from(deaccumulate([2, 5, 5, 9], 4))).toEqual([2, 3, 0, 4]);
    expect(Array.from(lowerBounds([0.1, 0.5, INF]))).toEqual([0, 0.1, 0.5]);
    expect(Array.from(lowerBounds([-1, 0, INF]))).toEqual([-INF, -1, 0]);
  });

  it('re-accumulates per-bucket fields (Grafana heatmap format) column by column', () => {
    const cum = accumulateFields([[1, 2], [3, NaN], [4]]);
    expect(cum.map((a) => Array.from(a))).toEqual([[1, 2], [4, NaN], [8, NaN]]);
  });
});
