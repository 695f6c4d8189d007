import { goExp2, goLog2 } from './goMath';
import { ApiHistogram, detectCustom, nativeFraction, nativeQuantile, parseApiHistogram, parseApiSeries } from './native';

// Schema 0: bucket bounds are powers of 2. Zero bucket [-0.001, 0.001].
const standard: ApiHistogram = {
  count: '10',
  sum: '20',
  buckets: [
    [0, '2', '4', '4'],
    [3, '-0.001', '0.001', '2'],
    [0, '1', '2', '4'],
  ],
};

describe('native histograms from the HTTP API', () => {
  it('parses, sorts and classifies buckets', () => {
    const h = parseApiHistogram(standard);
    expect(h.count).toBe(10);
    expect(h.buckets.map((b) => b.lower)).toEqual([-0.001, 1, 2]);
    expect(h.custom).toBe(false);
    expect(h.hasPositive).toBe(true);
    expect(h.hasNegative).toBe(false);
    expect(() => parseApiHistogram({ count: 'x', sum: '0' })).toThrow(/count "x"/);
    expect(() => parseApiHistogram({ count: '1', sum: '0', buckets: [[0, '1', '2'] as never] })).toThrow(/bucket 0/);
  });

  it('interpolates exponentially in standard buckets (from the top for q ≥ 0.5)', () => {
    const h = parseApiHistogram(standard);
    // rank (1-0.5)*10 = 5 from the top: (2,4] holds 4, (1,2] reaches 8 → 3/4 into (1,2].
    expect(nativeQuantile(0.5, h)).toBe(goExp2(0 + (1 - 0) * 0.75));
    expect(nativeQuantile(0.5, h)).toBeCloseTo(Math.SQRT2 * 2 ** 0.25, 12);
  });

  it('interpolates linearly in the zero bucket, from 0 when only positive buckets exist', () => {
    const h = parseApiHistogram(standard);
    expect(nativeQuantile(0.1, h)).toBe(0 + 0.001 * 0.5);
  });

  it('mirrors the interpolation for negative buckets', () => {
    const h = parseApiHistogram({ count: '4', sum: '-10', buckets: [[1, '-4', '-2', '3'], [1, '-2', '-1', '1']] });
    expect(h.hasNegative).toBe(true);
    const f = 1 / 3;
    expect(nativeQuantile(0.25, h)).toBe(-goExp2(goLog2(2) + (goLog2(4) - goLog2(2)) * (1 - f)));
  });

  it('handles custom buckets: linear, 0 as lower bound, the +Inf bucket gives its lower bound', () => {
    const h = parseApiHistogram({ count: '10', sum: '3', buckets: [[0, '-Inf', '0.1', '2'], [0, '0.1', '0.5', '6'], [0, '0.5', '+Inf', '2']] });
    expect(h.custom).toBe(true);
    expect(nativeQuantile(0.1, h)).toBe(0 + 0.1 * (1 / 2));
    expect(nativeQuantile(0.5, h)).toBe(0.1 + (0.5 - 0.1) * ((10 - 2 - 5) / 6));
    expect(nativeQuantile(0.99, h)).toBe(0.5);
    const neg = parseApiHistogram({ count: '2', sum: '-3', buckets: [[0, '-Inf', '-1', '2'], [0, '-1', '+Inf', '0']] });
    expect(nativeQuantile(0.2, neg)).toBe(-1);
  });

  it('covers the special cases', () => {
    const h = parseApiHistogram(standard);
    expect(nativeQuantile(-0.5, h)).toBe(-Infinity);
    expect(nativeQuantile(1.5, h)).toBe(Infinity);
    expect(nativeQuantile(NaN, h)).toBeNaN();
    expect(nativeQuantile(0.5, parseApiHistogram({ count: '0', sum: '0' }))).toBeNaN();
    // NaN observations: count exceeds the bucket total; rank beyond the buckets → last upper bound.
    const withNaN = parseApiHistogram({ count: '12', sum: 'NaN', buckets: standard.buckets });
    expect(nativeQuantile(0.99, withNaN)).toBe(4);
  });

  it('computes histogram_fraction with the same interpolation', () => {
    const h = parseApiHistogram(standard);
    expect(nativeFraction(-Infinity, Infinity, h)).toBe(1);
    expect(nativeFraction(-Infinity, 2, h)).toBe(0.6);
    expect(nativeFraction(-Infinity, 1.5, h)).toBe((2 + 4 * ((goLog2(1.5) - 0) / (1 - 0))) / 10);
    expect(nativeFraction(-Infinity, 0.0005, h)).toBe((0 + (2 * (0.0005 - 0)) / (0.001 - 0)) / 10);
    expect(nativeFraction(3, 2, h)).toBe(0);
    expect(nativeFraction(NaN, 2, h)).toBeNaN();
  });

  it('fraction is the inverse of quantile in the middle of a bucket', () => {
    const h = parseApiHistogram(standard);
    for (const q of [0.3, 0.45, 0.7, 0.85]) expect(nativeFraction(-Infinity, nativeQuantile(q, h), h)).toBeCloseTo(q, 12);
  });

  it('recognises standard schemas and custom layouts', () => {
    const b = (lower: number, upper: number) => ({ rule: 0 as const, lower, upper, count: 1 });
    expect(detectCustom([b(1, 2), b(2, 4)])).toBe(false);
    expect(detectCustom([b(2 ** 0.25, 2 ** 0.5), b(2 ** 0.5, 2 ** 0.75)])).toBe(false);
    expect(detectCustom([b(0.1, 0.25), b(0.25, 0.5)])).toBe(true);
    expect(detectCustom([b(1, 2), b(2, 2 * Math.SQRT2)])).toBe(true);
  });

  it('reads instant and range query results', () => {
    const series = parseApiSeries([
      { metric: { job: 'a' }, histogram: [1700000000, standard] },
      { metric: { job: 'b' }, histograms: [[1700000000, standard], [1700000015, standard]] },
    ]);
    expect(series.map((s) => s.points.length)).toEqual([1, 2]);
    expect(series[1].points[1].t).toBe(1700000015);
  });
});
