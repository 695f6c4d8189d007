const steps = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 10800, 21600, 43200, 86400, 172800, 604800, 2592000].map((s) => s * 1000);

/**
 * Time axis ticks (ms) on round steps, about one every 110 px. Edge cases: an empty or
 * reversed range gives no ticks; very long ranges use 30-day steps.
 */
export function timeTicks(from: number, to: number, width: number): number[] {
  if (!(to > from)) return [];
  const want = Math.max(1, Math.floor(width / 110));
  const step = steps.find((s) => (to - from) / s <= want) ?? steps[steps.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** A tick label format that fits the span shown. */
export function timeTickFormat(spanMs: number): string {
  return spanMs > 2 * 86400000 ? 'MM/DD HH:mm' : spanMs > 3600000 ? 'HH:mm' : 'HH:mm:ss';
}
