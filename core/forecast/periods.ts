// Which seasonal periods (in steps) a series can use.
import { fail, type ForecastError, type SeasonOption } from './types';

export const DAY = 86_400;
export const WEEK = 7 * DAY;

/**
 * Period in steps for a cycle of `seconds`, or 0 when the step does not divide the cycle within 1 %
 * or the cycle is shorter than 2 steps.
 */
export function periodInSteps(seconds: number, step: number): number {
  const r = seconds / step;
  const p = Math.round(r);
  if (p < 2 || Math.abs(r - p) > 0.01 * r) return 0;
  return p;
}

/**
 * Periods to try for a series of n points at `step` seconds. 'auto': a day and a week, each only
 * when the series holds at least two full cycles; 'none': []; a number: that cycle in seconds.
 * Edge cases: a given cycle shorter than 2 steps or not a multiple of the step → bad_option; a
 * given cycle longer than half the series → [] plus a warning (too little data to learn it).
 */
export function resolvePeriods(
  season: SeasonOption,
  step: number,
  n: number,
): { periods: number[]; warning?: string } | ForecastError {
  if (season === 'none') return { periods: [] };
  if (season === 'auto') {
    const out: number[] = [];
    for (const c of [DAY, WEEK]) {
      const p = periodInSteps(c, step);
      if (p >= 2 && n >= 2 * p && !out.includes(p)) out.push(p);
    }
    return { periods: out };
  }
  if (!(Number.isFinite(season) && season > 0)) {
    return fail('bad_option', `season must be auto, none or a positive number of seconds, got ${season}`);
  }
  const p = periodInSteps(season, step);
  if (p < 2) {
    return fail('bad_option', `season ${season}s is not a multiple of at least 2 steps of ${step}s`);
  }
  if (n < 2 * p) {
    return { periods: [], warning: `season of ${p} steps needs ${2 * p} points, series has ${n}: fitted without season` };
  }
  return { periods: [p] };
}
