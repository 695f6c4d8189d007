// Time to exhaustion: when does the forecast reach a capacity, and how likely is it to.
import { normalCdf, normalQuantile } from './normal';
import { fail, type ForecastError } from './types';

export interface ForecastBand {
  t: ArrayLike<number>;
  mean: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** Central coverage of [lower, upper]. */
  level: number;
  lastT: number;
  lastValue: number;
}

export interface Exhaustion {
  ok: true;
  /** The capacity as given (one number, or one per forecast step). */
  capacity: number | ArrayLike<number>;
  /** The last observation already reached the capacity (then every t below is lastT). */
  alreadyExceeded: boolean;
  /** First forecast time the mean reaches the capacity; null when it does not within the horizon. */
  tMean: number | null;
  /** First time the pessimistic bound (upper; lower for 'below') reaches it. */
  tUpper: number | null;
  /** First time the optimistic bound reaches it: from then on exhaustion is near certain. */
  tLower: number | null;
  /** Probability of reaching the capacity within the horizon (see exceedProbability). */
  probability: number;
}

/**
 * P(value ≥ c) at one step, reading the band as a two-piece normal: median = mean, the upper half
 * with σ = (upper − mean)/z, the lower half with σ = (mean − lower)/z, z = Φ⁻¹((1+level)/2).
 * Edge cases: zero width on the relevant side → 0 or 1 (mean ≥ c counts as reached).
 */
export function exceedProbability(mean: number, lower: number, upper: number, level: number, c: number): number {
  const z = normalQuantile((1 + level) / 2);
  if (c > mean) {
    const s = (upper - mean) / z;
    return s > 0 ? 1 - normalCdf((c - mean) / s) : 0;
  }
  if (c === mean) return 1;
  const s = (mean - lower) / z;
  return s > 0 ? normalCdf((mean - c) / s) : 1;
}

/**
 * When the forecast reaches `capacity`: going up through it ('above', e.g. requests vs a limit) or
 * down through it ('below', e.g. free disk space vs a floor). The capacity is one number, or one
 * per forecast step (e.g. replicas × per-replica capacity, forecast or planned). The probability
 * is the largest per-step probability of being past the capacity — a lower bound of the chance
 * that the path crosses at some point, exact when one step dominates (a trend), conservative
 * otherwise.
 * Edge cases: a non-finite capacity (any step) or a per-step capacity of another length than the
 * forecast → bad_option; last observation already at or past the capacity (the first step's, when
 * per step) → alreadyExceeded with every time = lastT and probability 1; empty forecast → nothing
 * crosses, probability 0.
 */
export function exhaustion(
  f: ForecastBand,
  capacity: number | ArrayLike<number>,
  direction: 'above' | 'below' = 'above',
): Exhaustion | ForecastError {
  const perStep = typeof capacity !== 'number';
  if (perStep && capacity.length !== f.mean.length) {
    return fail('bad_option', `capacity has ${capacity.length} values for ${f.mean.length} forecast points`);
  }
  const capAt = (k: number): number => (perStep ? (capacity as ArrayLike<number>)[k] : (capacity as number));
  const count = perStep ? f.mean.length : 1;
  for (let k = 0; k < count; k++) {
    if (!Number.isFinite(capAt(k))) return fail('bad_option', `capacity must be a finite number, got ${capAt(k)}`);
  }
  const s = direction === 'above' ? 1 : -1;
  if (count > 0 && s * f.lastValue >= s * capAt(0)) {
    return { ok: true, capacity, alreadyExceeded: true, tMean: f.lastT, tUpper: f.lastT, tLower: f.lastT, probability: 1 };
  }
  let tMean: number | null = null;
  let tUpper: number | null = null;
  let tLower: number | null = null;
  let probability = 0;
  for (let k = 0; k < f.mean.length; k++) {
    const c = s * capAt(k);
    // for 'below', mirror the band: the pessimistic bound is the lower one
    const m = s * f.mean[k];
    const hi = s > 0 ? f.upper[k] : -f.lower[k];
    const lo = s > 0 ? f.lower[k] : -f.upper[k];
    if (tMean === null && m >= c) tMean = f.t[k];
    if (tUpper === null && hi >= c) tUpper = f.t[k];
    if (tLower === null && lo >= c) tLower = f.t[k];
    const p = exceedProbability(m, lo, hi, f.level, c);
    if (p > probability) probability = p;
  }
  return { ok: true, capacity, alreadyExceeded: false, tMean, tUpper, tLower, probability };
}
