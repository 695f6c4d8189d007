// MariaDB's query time distribution as its QUERY_RESPONSE_TIME plugin counts it and mysqld_exporter
// 0.14 exports it (mysql_info_schema_query_response_time_seconds): cumulative counts at the
// plugin's default bounds, powers of 10 from 1 µs to 1,000,000 s (query_response_time_range_base
// = 10). Query times are log-normal around a mean.
import { normalCdf } from '../../core/forecast/normal';

const { exp, log } = Math;

/** The bucket bounds as mysqld_exporter writes them (Go's shortest %g: 1e-06 … 100000, 1e+06). */
export const QRT_LE_LABELS = ['1e-06', '1e-05', '0.0001', '0.001', '0.01', '0.1', '1', '10', '100', '1000', '10000', '100000', '1e+06'] as const;
export const QRT_LE_BOUNDS: readonly number[] = QRT_LE_LABELS.map(Number);

/**
 * Share of log-normal query times with mean `mean` (s) and shape `sigma` at or below each bound.
 * Edge cases: mean <= 0 or sigma <= 0 put every query in the first bucket at or above the mean (a
 * point mass; mean <= 0 counts as the fastest bucket).
 */
export function shareAtOrBelow(mean: number, sigma: number, bounds: readonly number[] = QRT_LE_BOUNDS): number[] {
  if (!(mean > 0) || !(sigma > 0)) return bounds.map((b) => (b >= mean ? 1 : 0));
  // mean = exp(mu + sigma²/2)
  const mu = log(mean) - (sigma * sigma) / 2;
  return bounds.map((b) => normalCdf((log(b) - mu) / sigma));
}

/** The q-quantile of that log-normal (for tests and documentation): exp(mu + sigma z_q). */
export function lognormalQuantile(mean: number, sigma: number, z: number): number {
  return exp(log(mean) - (sigma * sigma) / 2 + sigma * z);
}
