// Helpers for the scaling tests (not exported from index).
import type { SeriesInput } from './types';

export const STEP = 30_000;
export const MIN = 60_000;

/** A regular series: values at t0, t0 + step, … (null/NaN kept as given). */
export function regular(values: readonly (number | null)[], step = STEP, t0 = 0): SeriesInput {
  return { t: values.map((_, i) => t0 + i * step), v: values.slice() };
}

/** `value` repeated `n` times. */
export function rep(value: number | null, n: number): (number | null)[] {
  return new Array<number | null>(n).fill(value);
}
