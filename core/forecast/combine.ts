// Forecast combination: the backtest picks a winner from three folds, which is a noisy choice
// between candidates that score alike; averaging the winner with the runner-up, weighted by their
// inverse backtest error, is steadier than betting on one.
import type { CandidateBacktest, FoldPlan } from './backtest';
import { ROBUST_MARK } from './models';

/** Candidates averaged, at most, the winner included: a pair (three did worse on the NAB series). */
export const COMBINE_MAX = 2;
/** A runner-up joins when its backtest error (against the cleaned series) is at most this multiple of the winner's. */
export const COMBINE_WITHIN = 2;

/**
 * Mean absolute backtest error against the cleaned series instead of the observed one: a spike in
 * a fold adds the same large error to every candidate and would make a poor one look close to the
 * winner. errors hold actual − forecast, so cleaned − forecast = error − (actual − cleaned).
 * Edge cases: no finite error → Infinity.
 */
export function cleanedMae(bt: CandidateBacktest, actual: ArrayLike<number>, cleaned: ArrayLike<number>, plan: FoldPlan): number {
  const h = plan.horizon;
  let sum = 0;
  let cnt = 0;
  for (let f = 0; f < plan.origins.length; f++) {
    for (let k = 0; k < h; k++) {
      const e = bt.errors[f * h + k];
      if (Number.isNaN(e)) continue;
      const i = plan.origins[f] + k;
      sum += Math.abs(e - (actual[i] - cleaned[i]));
      cnt++;
    }
  }
  return cnt > 0 ? sum / cnt : Infinity;
}

/** A candidate's model family: its id without the robust variant's mark (a model and its robust twin are one family). */
function family(b: CandidateBacktest): string {
  return b.candidate.id.replace(ROBUST_MARK, '');
}

/** Whether a candidate is the robust variant of its family. */
function isRobust(b: CandidateBacktest): boolean {
  return b.candidate.id.endsWith(ROBUST_MARK);
}

/**
 * How much worse (relative backtest error) a robust candidate may score than its plain twin and
 * still be preferred: three folds cannot tell errors this close apart, and the robust level does
 * not follow a burst at the very end of the training series (a spike still under way at the origin
 * looks like a level shift to the plain level: NAB's TravelTime_451 at 6 h, 3.3x the seasonal
 * naive's error). 2-10 % all fixed it on NAB's 47 real series and moved the 1 d geometric mean by
 * under 0.2 %.
 */
export const ROBUST_TIE = 0.05;

/**
 * scored (ascending backtest error) with the winner's robust twin moved first when its error is
 * within ROBUST_TIE of the winner's; otherwise scored itself. Edge cases: a robust winner, no twin,
 * or a winner whose error is not finite and positive → unchanged.
 */
export function preferRobust(scored: CandidateBacktest[]): CandidateBacktest[] {
  const best = scored[0];
  if (!best || isRobust(best) || !(best.mae > 0 && Number.isFinite(best.mae))) return scored;
  const twin = scored.findIndex((b) => b !== best && family(b) === family(best) && isRobust(b));
  if (twin < 0 || !(scored[twin].mae <= (1 + ROBUST_TIE) * best.mae)) return scored;
  return [scored[twin], ...scored.filter((_, i) => i !== twin)];
}

/**
 * The candidates to average (scored sorted by ascending backtest error, winner first), each with
 * its error against the cleaned series: the winner, plus the best candidate of another family (the
 * winner's robust or plain twin forecasts nearly the same, so averaging with it adds little) when
 * that error is at most COMBINE_WITHIN times the winner's. Edge cases: an empty list → empty; a
 * winner without error (0) stands alone: nothing beats exact.
 */
export function combination(
  scored: CandidateBacktest[],
  actual: ArrayLike<number>,
  cleaned: ArrayLike<number>,
  plan: FoldPlan,
): { backtest: CandidateBacktest; mae: number }[] {
  if (scored.length === 0) return [];
  const picked = [scored[0]];
  for (const b of scored.slice(1)) {
    if (picked.length >= COMBINE_MAX) break;
    if (picked.every((p) => family(p) !== family(b))) picked.push(b);
  }
  const withMae = picked.map((b) => ({ backtest: b, mae: cleanedMae(b, actual, cleaned, plan) }));
  const best = withMae[0];
  if (!(best.mae > 0 && Number.isFinite(best.mae))) return [best];
  return [best, ...withMae.slice(1).filter((c) => c.mae <= COMBINE_WITHIN * best.mae)];
}

/**
 * Level of the winner's interval a runner-up's forecast must stay inside to be averaged with it:
 * two forecasts that far apart disagree about the series, and averaging would be worse than either
 * (a refit can go wild where its backtest folds did not). Fixed, so that the mean does not depend
 * on the level the user asks for.
 */
export const AGREEMENT_LEVEL = 0.9;

/**
 * Whether f stays within [mean + lo, mean + hi] at every step. Edge cases: a non-finite value in f
 * → false; lengths are those of mean.
 */
export function insideBand(f: ArrayLike<number>, mean: ArrayLike<number>, band: { lo: ArrayLike<number>; hi: ArrayLike<number> }): boolean {
  for (let k = 0; k < mean.length; k++) {
    const v = f[k];
    if (!(v >= mean[k] + band.lo[k] && v <= mean[k] + band.hi[k])) return false;
  }
  return true;
}

/**
 * Weighted mean of forecasts of equal length, weight 1/mae each.
 * Edge cases: empty → empty; when any mae is not a positive finite number, the plain mean.
 */
export function combineForecasts(parts: { forecast: ArrayLike<number>; mae: number }[]): Float64Array {
  if (parts.length === 0) return new Float64Array(0);
  const h = parts[0].forecast.length;
  const usable = parts.every((p) => p.mae > 0 && Number.isFinite(p.mae));
  const w = parts.map((p) => (usable ? 1 / p.mae : 1));
  const total = w.reduce((s, x) => s + x, 0);
  const out = new Float64Array(h);
  for (let j = 0; j < parts.length; j++) {
    const f = parts[j].forecast;
    for (let k = 0; k < h; k++) out[k] += (w[j] / total) * f[k];
  }
  return out;
}
