// The heatmap's colour of a cell, as Grafana's heatmap panel computes it for a colour scheme:
// the value's place between the smallest and largest value shown, through the scale (linear, or
// exponential: that place raised to `exponent`), picked from `steps` colours. Pure.
// Edge cases: values at or under the hide threshold (filterValues.le), null and NaN get no colour
// (-1); all values equal give the top colour; steps < 2 is taken as 2.

export interface HeatmapColorOptions {
  mode?: 'scheme' | 'opacity';
  scheme?: string;
  scale?: 'linear' | 'exponential';
  exponent?: number;
  steps?: number;
  reverse?: boolean;
  min?: number;
  max?: number;
}

/** Smallest and largest value shown (over the hide threshold), or undefined when none is. */
export function heatmapRange(columns: Array<ArrayLike<number | null>>, hideAtOrBelow: number): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (v !== null && !Number.isNaN(v) && v > hideAtOrBelow) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return min <= max ? { min, max } : undefined;
}

export function colorIndex(value: number | null, range: { min: number; max: number }, options: HeatmapColorOptions, hideAtOrBelow: number): number {
  if (value === null || Number.isNaN(value) || value <= hideAtOrBelow) {
    return -1;
  }
  const steps = Math.max(2, Math.round(options.steps ?? 64));
  const min = options.min ?? range.min;
  const max = options.max ?? range.max;
  let place = max > min ? (Math.min(Math.max(value, min), max) - min) / (max - min) : 1;
  if (options.scale === 'exponential') {
    place = Math.pow(place, options.exponent ?? 0.5);
  }
  const index = Math.round(place * (steps - 1));
  return options.reverse ? steps - 1 - index : index;
}
