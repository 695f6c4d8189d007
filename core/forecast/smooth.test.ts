/** @jest-environment node */
import { centredMovingAverage } from './smooth';

describe('centredMovingAverage', () => {
  it('removes a cycle of its own length exactly, odd and even', () => {
    for (const p of [7, 24]) {
      const x = Array.from({ length: 10 * p }, (_, i) => 5 + Math.sin((2 * Math.PI * i) / p));
      const ma = centredMovingAverage(x, p);
      for (let i = p; i < 9 * p; i++) expect(ma[i]).toBeCloseTo(5, 9);
    }
  });

  it('keeps a straight line, including the extended ends', () => {
    const x = Array.from({ length: 50 }, (_, i) => 2 * i + 1);
    const ma = centredMovingAverage(x, 10);
    for (let i = 0; i < 50; i++) expect(ma[i]).toBeCloseTo(2 * i + 1, 9);
  });

  it('handles windows longer than the series and trivial windows', () => {
    expect(Array.from(centredMovingAverage([1, 2, 3], 10))).toEqual([2, 2, 2]);
    expect(Array.from(centredMovingAverage([1, 2, 3], 1))).toEqual([1, 2, 3]);
    expect(centredMovingAverage([], 5).length).toBe(0);
  });
});
