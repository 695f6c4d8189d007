// MariaDB's query time distribution as its QUERY_RESPONSE_TIME plugin counts it and mysqld_exporter
// 0.14 exports it (mysql_info_schema_query_response_time_seconds): cumulative counts at the
// plugin's bounds. The demo's servers set query_response_time_range_base = 2 (stack/datatier/
// mariadb.ts): bounds 2^k s for k = -19..23, which the plugin prints with 6 decimals, truncated
// (2^-19 s as 0.000001), and the exporter parses back. Query times are log-normal around a mean.
import { normalCdf } from '../../core/forecast/normal';

const { exp, floor, log, log10, pow } = Math;

/** The plugin's range base in the demo (its default is 10). */
export const QRT_BASE = 2;
const FIRST_EXP = -19;
const LAST_EXP = 23;

/** A bound as the plugin prints it: 6 decimals, the rest cut off. */
const truncated6 = (x: number) => floor(x * 1e6 + 1e-9) / 1e6;

/**
 * A float as Go's strconv.FormatFloat(x, 'g', -1, 64) writes it (the exporter's `le`): the shortest
 * digits, in exponent form when the decimal exponent is below -4 or at least 6 (3e-06, 6.1e-05,
 * 0.000122; 524288, 1.048576e+06). Positive finite x only.
 */
export function goFloat(x: number): string {
  const e = floor(log10(x) + 1e-12);
  if (e >= -4 && e < 6) return String(x);
  const [mantissa, power] = x.toExponential().split('e');
  const sign = power[0] === '-' ? '-' : '+';
  return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
}

export const QRT_LE_BOUNDS: readonly number[] = Array.from({ length: LAST_EXP - FIRST_EXP + 1 }, (_, i) => truncated6(pow(QRT_BASE, FIRST_EXP + i)));
/** The bucket bounds as mysqld_exporter writes them (without +Inf). */
export const QRT_LE_LABELS: readonly string[] = QRT_LE_BOUNDS.map(goFloat);

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

/** The quantile at standard normal score `z` of that log-normal: exp(mu + sigma z). */
export function lognormalQuantile(mean: number, sigma: number, z: number): number {
  return exp(log(mean) - (sigma * sigma) / 2 + sigma * z);
}
