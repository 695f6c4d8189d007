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
