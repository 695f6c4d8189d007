import type { Interval } from './types';

/**
 * Merge intervals that overlap or touch; result sorted by start.
 * Edge cases: empty/inverted intervals (end <= start) are dropped; input is not mutated.
 */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const valid = list.filter((x) => x.end > x.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const x of valid) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) {
      if (x.end > last.end) last.end = x.end;
    } else {
      out.push({ start: x.start, end: x.end });
    }
  }
  return out;
}

/** Total length of intervals (assumed non-overlapping, e.g. merged). Empty → 0. */
export function totalLength(list: readonly Interval[]): number {
  let s = 0;
  for (const x of list) s += x.end - x.start;
  return s;
}
