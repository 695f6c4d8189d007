import { dateTimeFormat, formattedValueToString, getValueFormat, TimeZone } from '@grafana/data';

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
  const format = spanMs > 2 * 86400000 ? 'MM/DD HH:mm' : spanMs > 3600000 ? 'HH:mm' : 'HH:mm:ss';
  return dateTimeFormat(ms, { format, timeZone });
}

const steps = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 172800, 604800].map((s) => s * 1000);

/** Time ticks about every 110 px, on round steps. */
export function timeTicks(from: number, to: number, width: number): number[] {
  const want = Math.max(1, Math.floor(width / 110));
  const step = steps.find((s) => (to - from) / s <= want) ?? steps[steps.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}
