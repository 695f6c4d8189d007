// Rolling-origin backtest: cut the series at n−h, n−2h, …, forecast h ahead from each cut,
// compare with what happened.
import type { Candidate } from './models';

export interface FoldPlan {
  /** Training lengths (cut points), latest first. */
  origins: number[];
  /** Steps forecast from each origin. */
  horizon: number;
}

export interface CandidateBacktest {
  candidate: Candidate;
  /** errors[f·horizon + k] = actual − forecast at step k+1 of fold f (NaN where actual missing). */
  errors: Float64Array;
  /** Mean absolute error over the non-missing errors. */
  mae: number;
}

/**
 * Fold plan: `folds` origins spaced by the fold horizon, the horizon being h but at most the
 * length that leaves `minTrain` points before the earliest origin.
 * Edge cases: returns null when not even one step can be tested with minTrain points of training.
 */
export function planFolds(n: number, h: number, folds: number, minTrain: number): FoldPlan | null {
  const f = Math.max(1, Math.floor(folds));
  const hb = Math.min(h, Math.floor((n - minTrain) / f));
  if (hb < 1) return null;
  const origins: number[] = [];
  for (let i = 1; i <= f; i++) origins.push(n - i * hb);
  return { origins, horizon: hb };
}

/**
 * Points at the end of a series that a forecast with these candidates reads, when its folds are
 * `foldHorizon` long and it looks `foldsBack` folds back (selection and interval folds): the
 * longest stretch a candidate reads before the earliest origin, plus those folds; at least what
 * keeps the fold plan of the shortened series the same (planFolds with half of it to train on:
 * 2·folds·foldHorizon + 2); rounded up to whole cycles of `cycle` (when ≥ 2), so every seasonal
 * phase keeps its index. Older points cannot change any candidate's backtest or fit.
 * Edge cases: no candidates → only the fold plan's share.
 */
export function historyRead(candidates: Candidate[], foldHorizon: number, folds: number, foldsBack: number, cycle: number): number {
  let reads = 0;
  for (const c of candidates) reads = Math.max(reads, c.reads, c.minLength);
  const need = Math.max(reads + Math.max(folds, foldsBack) * foldHorizon, 2 * folds * foldHorizon + 2);
  return cycle >= 2 ? Math.ceil(need / cycle) * cycle : need;
}

/**
 * Backtest one candidate: train on train[0..origin), compare with actual[origin..origin+h).
 * `train` is the cleaned series; `actual` the observed one (NaN = not observed, skipped).
 * Edge cases: a candidate whose minLength exceeds an origin, or that returns non-finite
 * forecasts, gets mae = Infinity (never chosen).
 */
export function backtestCandidate(c: Candidate, train: Float64Array, actual: ArrayLike<number>, plan: FoldPlan): CandidateBacktest {
  const h = plan.horizon;
  const errors = new Float64Array(plan.origins.length * h).fill(NaN);
  let sum = 0;
  let cnt = 0;
  for (let f = 0; f < plan.origins.length; f++) {
    const o = plan.origins[f];
    if (o < c.minLength) return { candidate: c, errors, mae: Infinity };
    const fc = c.fit(train.subarray(0, o), h).forecast;
    for (let k = 0; k < h; k++) {
      if (!Number.isFinite(fc[k])) return { candidate: c, errors, mae: Infinity };
      const a = actual[o + k];
      if (Number.isNaN(a)) continue;
      const e = a - fc[k];
      errors[f * h + k] = e;
      sum += Math.abs(e);
      cnt++;
    }
  }
  return { candidate: c, errors, mae: cnt > 0 ? sum / cnt : Infinity };
}
