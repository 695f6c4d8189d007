/** @jest-environment node */
import { goFloat, lognormalQuantile, QRT_LE_BOUNDS, QRT_LE_LABELS, shareAtOrBelow } from './querytime';

describe('query time buckets (QUERY_RESPONSE_TIME, range base 2, through mysqld_exporter 0.14)', () => {
  test('the bounds and labels are the ones the live exporter wrote (probe of MariaDB 10.11.19 + mysqld_exporter 0.14.0)', () => {
    expect(QRT_LE_LABELS.slice(0, 20)).toEqual([
      '1e-06', '3e-06', '7e-06', '1.5e-05', '3e-05', '6.1e-05', '0.000122', '0.000244', '0.000488', '0.000976',
      '0.001953', '0.003906', '0.007812', '0.015625', '0.03125', '0.0625', '0.125', '0.25', '0.5', '1',
    ]);
    expect(QRT_LE_LABELS.slice(-5)).toEqual(['524288', '1.048576e+06', '2.097152e+06', '4.194304e+06', '8.388608e+06']);
    expect(QRT_LE_LABELS).toHaveLength(43);
    expect(QRT_LE_BOUNDS.map(goFloat)).toEqual(QRT_LE_LABELS);
  });

  test('Go\'s shortest %g', () => {
    expect([1e-6, 0.0001, 0.5, 100000, 1e6, 1.5e-5].map(goFloat)).toEqual(['1e-06', '0.0001', '0.5', '100000', '1e+06', '1.5e-05']);
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
