// The load's shape over time, as pure functions: a diurnal cycle compressed into `dayS` seconds,
// growth compounded per compressed day, and a spike (the seeds' 10x) for a while. All rates are
// requests per second; `t` is seconds since the start of the run.

export interface LoadProfile {
  /** Seconds the run lasts: nothing is sent after. */
  durationS: number;
  /** The mean rate of the first day (req/s). */
  baseRps: number;
  /** Seconds of one compressed day: the rate goes trough -> peak -> trough once per day. */
  dayS: number;
  /** 0..1: the trough is base x (1 - amplitude), the peak base x (1 + amplitude); 0 is flat. */
  amplitude: number;
  /** Growth per compressed day, compounded: 0.1 is 10 % more each day; 0 none; > -1. */
  growthPerDay: number;
  /** A spike: the rate times `factor` from `atS` for `forS` seconds; null for none. */
  spike: { atS: number; forS: number; factor: number } | null;
}

export class LoadProfileError extends Error {}

/**
 * The rate at `t`: base x diurnal x growth x spike, with t = 0 at the trough (night). 0 outside
 * [0, durationS) (before the start, after the end, NaN). Never negative (amplitude <= 1).
 */
export function rateAt(t: number, p: LoadProfile): number {
  if (!(t >= 0 && t < p.durationS)) return 0;
  const diurnal = 1 - p.amplitude * Math.cos((2 * Math.PI * t) / p.dayS);
  const growth = Math.pow(1 + p.growthPerDay, t / p.dayS);
  const spiking = p.spike !== null && t >= p.spike.atS && t < p.spike.atS + p.spike.forS;
  return Math.max(0, p.baseRps * diurnal * growth * (spiking ? p.spike!.factor : 1));
}

/**
 * How many requests to start in each tick of `tickS` seconds: the rate at the tick's middle times
 * the tick, with the fractions carried over, so that the total is the rate's integral rounded
 * down (a rate of 0.3 req/s sends one request every 3.3 s, not none).
 */
export function requestsPerTick(p: LoadProfile, tickS: number): number[] {
  const ticks = Math.ceil(p.durationS / tickS - 1e-9);
  const out: number[] = [];
  let credit = 0;
  for (let i = 0; i < ticks; i++) {
    const width = Math.min(tickS, p.durationS - i * tickS);
    credit += rateAt(i * tickS + width / 2, p) * width;
    const n = Math.floor(credit + 1e-9);
    credit -= n;
    out.push(n);
  }
  return out;
}

/** The profile's settings checked, one message for the first bad one. */
export function checkProfile(p: LoadProfile): LoadProfile {
  const bad = (what: string) => {
    throw new LoadProfileError(what);
  };
  if (!(p.durationS > 0 && p.durationS <= 24 * 3600)) bad(`the duration must be more than 0 and at most 86400 s (got ${p.durationS})`);
  if (!(p.baseRps >= 0 && p.baseRps <= 5000)) bad(`the base rate must be from 0 to 5000 req/s (got ${p.baseRps})`);
  if (!(p.dayS > 0)) bad(`a compressed day must last more than 0 s (got ${p.dayS})`);
  if (!(p.amplitude >= 0 && p.amplitude <= 1)) bad(`the diurnal amplitude must be from 0 to 1 (got ${p.amplitude})`);
  if (!(p.growthPerDay > -1 && p.growthPerDay <= 10)) bad(`the growth per day must be above -1 and at most 10 (got ${p.growthPerDay})`);
  if (p.spike && !(p.spike.atS >= 0 && p.spike.forS > 0 && p.spike.factor >= 0 && p.spike.factor <= 100)) {
    bad(`a spike needs a start >= 0 s, a length > 0 s and a factor from 0 to 100 (got ${JSON.stringify(p.spike)})`);
  }
  return p;
}
