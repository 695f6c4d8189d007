// Request demand of the web service: diurnal and weekly shape, ~50 %/year growth, smooth noise.
// A pure function of (seed, absolute time, reference time); incidents are added in model.ts.
import { gaussian, valueNoise } from './prng';

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { cos, floor, pow, PI } = Math;

const DAY = 86400;
const YEAR = 365 * DAY;

/** Weekday afternoon peak (UTC 15:00) at the reference time, requests per second. */
export const PEAK_RPS = 2150;
/** Yearly growth of demand: 1.5x per year. */
export const GROWTH_PER_YEAR = 0.5;

/** Share of requests per handler. */
export const HANDLER_SHARE: Readonly<Record<string, number>> = { '/api': 0.85, '/checkout': 0.15 };

/** Diurnal shape, 1 at 15:00 UTC, about 0.4 at 04:00 UTC. */
export function dailyShape(t: number): number {
  const phase = (2 * PI * ((t % DAY) / 3600 - 15)) / 24;
  return 0.6 + 0.3 * cos(phase) + 0.1 * cos(2 * phase);
}

// Sunday .. Saturday (UTC days; 1970-01-01 was a Thursday).
const WEEKDAY_FACTOR = [0.72, 1, 1, 1, 1, 0.97, 0.8];

function dayFactor(day: number): number {
  return WEEKDAY_FACTOR[(((day + 4) % 7) + 7) % 7];
}

/** Weekly factor, blended over two hours around midnight so that the curve has no step. */
export function weeklyFactor(t: number): number {
  const day = floor(t / DAY);
  const intoDay = t - day * DAY;
  const blend = 3600;
  if (intoDay < blend) {
    const w = 0.5 + (0.5 * intoDay) / blend;
    return dayFactor(day) * w + dayFactor(day - 1) * (1 - w);
  }
  if (intoDay > DAY - blend) {
    const w = 0.5 + (0.5 * (DAY - intoDay)) / blend;
    return dayFactor(day) * w + dayFactor(day + 1) * (1 - w);
  }
  return dayFactor(day);
}

/** Growth factor relative to the reference time (1 at `refTime`). */
export function growth(t: number, refTime: number): number {
  return pow(1 + GROWTH_PER_YEAR, (t - refTime) / YEAR);
}

/** Demand in requests per second without incidents. */
export function baselineDemand(seed: number, t: number, refTime: number): number {
  const noise =
    1 + 0.04 * valueNoise(seed, 11, t, 3600) + 0.025 * valueNoise(seed, 12, t, 600) + 0.008 * gaussian(seed, 13, floor(t / 15));
  return PEAK_RPS * growth(t, refTime) * dailyShape(t) * weeklyFactor(t) * noise;
}
