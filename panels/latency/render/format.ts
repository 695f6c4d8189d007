import { dateTimeFormat, formattedValueToString, getValueFormat, TimeZone } from '@grafana/data';
import { timeTickFormat } from '../../../ui/timeTicks';

/** A latency value in the panel's unit ("s" unless the field config says otherwise). */
export function formatLatency(value: number, unit: string, decimals?: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return formattedValueToString(getValueFormat(unit)(value, decimals));
}

export function formatPercent(share: number, decimals = 2): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(decimals)} %` : 'n/a';
}

export function percentileLabel(q: number): string {
  return `P${Number((q * 100).toPrecision(6))}`;
}

export function formatTime(ms: number, timeZone: TimeZone, spanMs: number): string {
  return dateTimeFormat(ms, { format: timeTickFormat(spanMs), timeZone });
}

/** Whole requests with thousands separators; "< 1" for a positive amount under a half. */
export function formatRequests(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (n > 0 && n < 0.5) return '< 1';
  return Math.round(n).toLocaleString('en-US');
}

/** "15s", "1m", "1m30s", "2h": the column's interval. */
function formatInterval(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s >= 60) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  return `${s}s`;
}

/**
 * A bucket's amount as the tooltip says it. Requests per second → "37.4 req/s (≈ 561 in 15s)"
 * (3 significant digits, and the requests over the column's interval); requests per interval →
 * "37 requests" (increase() extrapolates, so its fractions are rounded away); unknown → the plain
 * value. Edge cases: NaN → "n/a"; no interval (one column) → the rate alone.
 */
export function formatBucketAmount(value: number, kind: 'rate' | 'count' | 'unknown', intervalMs: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (kind === 'count') {
    const n = formatRequests(value);
    return `${n} ${n === '1' || n === '< 1' ? 'request' : 'requests'}`;
  }
  const sig = Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  if (kind === 'unknown') return `value ${sig}`;
  return intervalMs > 0 ? `${sig} req/s (≈ ${formatRequests((value * intervalMs) / 1000)} in ${formatInterval(intervalMs)})` : `${sig} req/s`;
}
