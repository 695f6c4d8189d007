/** @jest-environment node */
import { offsetsFromErrors, randomWalkOffsets } from './intervals';

describe('offsetsFromErrors', () => {
  it('widens with the horizon and keeps lo ≤ 0 ≤ hi', () => {
    const folds = 6;
    const hb = 20;
    const e = new Float64Array(folds * hb);
    for (let f = 0; f < folds; f++) for (let k = 0; k < hb; k++) e[f * hb + k] = Math.sin(f * 7.1 + k * 3.3) * (1 + k / 5);
    const { lo, hi } = offsetsFromErrors(e, folds, hb, 40, 0.9);
    for (let k = 0; k < 40; k++) {
      expect(lo[k]).toBeLessThanOrEqual(0);
      expect(hi[k]).toBeGreaterThanOrEqual(0);
      if (k > 0) {
        expect(hi[k]).toBeGreaterThanOrEqual(hi[k - 1]);
        expect(lo[k]).toBeLessThanOrEqual(lo[k - 1]);
      }
    }
    expect(hi[39]).toBeGreaterThan(hi[0]);
  });

  it('covers about the requested share of the errors it was built from', () => {
    const folds = 8;
    const hb = 50;
    const e = new Float64Array(folds * hb);
    let s = 1;
    for (let i = 0; i < e.length; i++) e[i] = ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 10;
    const { lo, hi } = offsetsFromErrors(e, folds, hb, hb, 0.8);
    let inside = 0;
    for (let f = 0; f < folds; f++) for (let k = 0; k < hb; k++) if (e[f * hb + k] >= lo[k] && e[f * hb + k] <= hi[k]) inside++;
    expect(inside / e.length).toBeGreaterThan(0.75);
    expect(inside / e.length).toBeLessThan(0.95);
  });

  it('zero or missing errors give zero width; few errors use a normal fit', () => {
    expect(Array.from(offsetsFromErrors(new Float64Array(6), 3, 2, 3, 0.95).hi)).toEqual([0, 0, 0]);
    expect(Array.from(offsetsFromErrors(new Float64Array(6).fill(NaN), 3, 2, 3, 0.95).lo)).toEqual([0, 0, 0]);
    const few = offsetsFromErrors(Float64Array.from([1, -1, 2]), 3, 1, 2, 0.95);
    expect(few.hi[0]).toBeGreaterThan(2);
    expect(few.lo[0]).toBeCloseTo(-few.hi[0]);
  });
});

describe('randomWalkOffsets', () => {
  it('grows as √k', () => {
    const { lo, hi } = randomWalkOffsets([0, 1, 0, 1], 4, 0.95);
    expect(hi[3] / hi[0]).toBeCloseTo(2);
    expect(lo[0]).toBeCloseTo(-hi[0]);
    expect(Array.from(randomWalkOffsets([3], 2, 0.95).hi)).toEqual([0, 0]);
  });
});
