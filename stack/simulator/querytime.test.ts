/** @jest-environment node */
import { lognormalQuantile, QRT_LE_BOUNDS, QRT_LE_LABELS, shareAtOrBelow } from './querytime';

describe('query time buckets (QUERY_RESPONSE_TIME through mysqld_exporter 0.14)', () => {
  test('the bounds are the plugin\'s powers of 10, written as the exporter writes them', () => {
    expect(QRT_LE_BOUNDS[0]).toBe(1e-6);
    expect(QRT_LE_BOUNDS.slice(1).map((b, i) => Math.round(Math.log10(b / QRT_LE_BOUNDS[i])))).toEqual(QRT_LE_BOUNDS.slice(1).map(() => 1));
    expect(QRT_LE_LABELS).toContain('0.0001');
    expect(QRT_LE_LABELS).toContain('1e-05');
    expect(QRT_LE_LABELS[QRT_LE_LABELS.length - 1]).toBe('1e+06');
  });

  test('shares grow with the bound, and 5 % of the queries are above the P95', () => {
    const mean = 0.05;
    const sigma = 0.4;
    const shares = shareAtOrBelow(mean, sigma);
    shares.slice(1).forEach((s, i) => expect(s).toBeGreaterThanOrEqual(shares[i]));
    expect(shares[shares.length - 1]).toBeCloseTo(1, 9);
    const p95 = lognormalQuantile(mean, sigma, 1.6448536);
    expect(shareAtOrBelow(mean, sigma, [p95])[0]).toBeCloseTo(0.95, 6);
    // mean 50 ms with this shape: P95 ~89 ms, so ~2.7 % of the queries take longer than 100 ms
    expect(p95).toBeCloseTo(0.0893, 3);
    expect(1 - shareAtOrBelow(mean, sigma, [0.1])[0]).toBeCloseTo(0.0266, 3);
  });

  test('no spread or no time: every query in the first bucket at or above the mean', () => {
    expect(shareAtOrBelow(0.05, 0, [0.01, 0.1, 1])).toEqual([0, 1, 1]);
    expect(shareAtOrBelow(0, 0.4, [0.01, 0.1])).toEqual([1, 1]);
    expect(shareAtOrBelow(NaN, 0.4, [0.01])).toEqual([0]);
  });
});
