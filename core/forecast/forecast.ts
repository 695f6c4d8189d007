// The forecaster: regularise → impute → clean outliers → backtest every candidate on the series
// itself → refit the best (its robust twin when the two score alike; averaged with the runners-up
// close to it) on everything → intervals from the best's backtest errors → growth scenario.
import { seasonalNaiveScale } from './baselines';
import { backtestCandidate, historyRead, planFolds, type CandidateBacktest, type FoldPlan } from './backtest';
import { AGREEMENT_LEVEL, combination, combineForecasts, insideBand, preferRobust } from './combine';
import { applyGrowth } from './growth';
import { impute } from './impute';
import { offsetsFromErrors, randomWalkOffsets, type Offsets } from './intervals';
import { candidatesFor, ets } from './models';
import { replaceOutliers } from './outliers';
import { resolvePeriods } from './periods';
import { regularise } from './regularise';
import { fail, type BacktestSummary, type ForecastOptions, type ForecastResult } from './types';

/** Fewest grid points the forecaster accepts. */
export const MIN_POINTS = 3;
/** Folds whose errors shape the interval (the chosen model only; the choice itself uses fewer). */
export const INTERVAL_FOLDS = 6;

/**
 * Backtest errors of the chosen candidate over up to `total` folds: the selection folds plus
 * earlier ones at the same spacing, as long as the candidate has enough training data.
 */
function intervalErrors(best: CandidateBacktest, train: Float64Array, actual: ArrayLike<number>, plan: FoldPlan, total: number) {
  const hb = plan.horizon;
  const extra: number[] = [];
  for (let f = plan.origins.length + 1; f <= total; f++) {
    const o = train.length - f * hb;
    if (o < Math.max(3, best.candidate.minLength)) break;
    extra.push(o);
  }
  if (extra.length === 0) return { errors: best.errors, folds: plan.origins.length };
  const more = backtestCandidate(best.candidate, train, actual, { origins: extra, horizon: hb });
  if (!Number.isFinite(more.mae)) return { errors: best.errors, folds: plan.origins.length };
  const errors = new Float64Array(best.errors.length + more.errors.length);
  errors.set(best.errors);
  errors.set(more.errors, best.errors.length);
  return { errors, folds: plan.origins.length + extra.length };
}

/** Shortest backtest fold of a non-seasonal series (points). */
export const MIN_FOLD = 12;
/** Longest horizon accepted (points). */
export const MAX_HORIZON = 1_000_000;

/**
 * Forecast `options.horizon` points after the last observation.
 * Edge cases (each a typed error, never a throw): unequal arrays, fewer than MIN_POINTS grid points,
 * a horizon that is not a positive integer, level outside (0,1), growth ≤ −100 %/year, an unusable
 * season. NaN/±Inf values and missing timestamps are imputed; a constant series gets a constant
 * forecast with zero width; outputs are always finite with lower ≤ mean ≤ upper.
 */
export function forecast(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  options: ForecastOptions,
): ForecastResult {
  const h = options.horizon;
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON) {
    return fail('bad_option', `horizon must be an integer from 1 to ${MAX_HORIZON}, got ${h}`);
  }
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) return fail('bad_option', `level must be in (0, 1), got ${level}`);
  const growth = options.growthPerYear ?? 0;
  if (!(Number.isFinite(growth) && growth > -1)) {
    return fail('bad_option', `growth per year must be a number above -1 (-100 %), got ${growth}`);
  }
  const folds = options.folds ?? 3;
  if (!(Number.isInteger(folds) && folds >= 1 && folds <= 20)) return fail('bad_option', `folds must be 1..20, got ${folds}`);

  const reg = regularise(timestamps, values, options.step);
  if ('ok' in reg) return reg;
  const n = reg.values.length;
  if (n < MIN_POINTS) return fail('too_short', `need at least ${MIN_POINTS} points at step ${reg.step}s, got ${n}`);
  const warnings: string[] = [];
  if (reg.nonFinite > 0) warnings.push(`${reg.nonFinite} observation(s) with a non-finite timestamp or value ignored`);
  if (reg.merged > 0) warnings.push(`${reg.merged} observation(s) sharing a ${reg.step}s slot averaged`);

  const per = resolvePeriods(options.season ?? 'auto', reg.step, n);
  if ('ok' in per) return per;
  if (per.warning) warnings.push(per.warning);
  const periods = per.periods;
  const p0 = periods[0] ?? 0;

  // every slot holding exactly one observation, which regularise keeps only when finite: nothing
  // to impute, and no loop over the whole series to find that out
  const imp = reg.missing === 0 && reg.merged === 0 ? { values: reg.values, imputed: 0 } : impute(reg.values, p0);
  if (imp.imputed > 0) warnings.push(`${imp.imputed} missing point(s) imputed`);
  const y = imp.values;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (y[i] < min) min = y[i];
    if (y[i] > max) max = y[i];
  }
  const nonNegative = options.nonNegative === 'auto' || options.nonNegative === undefined ? min >= 0 : options.nonNegative;
  const lastT = reg.start + (n - 1) * reg.step;
  const lastValue = reg.values[n - 1];

  let model: string;
  let mean: Float64Array;
  let off: Offsets;
  let backtest: BacktestSummary | null = null;
  let candidates: { model: string; mae: number }[] = [];
  let usedPeriods: number[] = [];

  if (max - min <= 1e-12 * Math.max(1, Math.abs(max))) {
    model = 'constant';
    mean = new Float64Array(h).fill(y[n - 1]);
    off = { lo: new Float64Array(h), hi: new Float64Array(h) };
    backtest = { mae: 0, mase: null, folds: 0, horizon: 0 };
  } else {
    const all = candidatesFor(periods);
    // a fold is at least a cycle (or 12 steps) long even for a short horizon: choosing a model on a
    // handful of points is a coin toss; and at most what leaves half the series to train on: a
    // horizon longer than the history (90 days ahead from 10) would otherwise cut the earliest
    // fold's training to a few points, too few for any seasonal candidate to be scored
    const foldHorizon = Math.max(h, p0 >= 2 ? p0 : MIN_FOLD);
    // the models read only the recent history (historyRead): older points are left out before
    // the outlier cleaning, which is then judged on the stretch the models see
    const cut = Math.max(0, n - historyRead(all, foldHorizon, folds, INTERVAL_FOLDS, periods[periods.length - 1] ?? 0));
    const recent = cut > 0 ? y.subarray(cut) : y;
    const observed = cut > 0 ? reg.values.subarray(cut) : reg.values;
    const nr = recent.length;
    const cleaned = replaceOutliers(recent, periods);
    if (cleaned.replaced > 0) warnings.push(`${cleaned.replaced} outlier(s) replaced before fitting`);
    const train = cleaned.values;
    const plan = planFolds(nr, foldHorizon, folds, Math.max(3, Math.ceil(nr / 2)));
    let scored: CandidateBacktest[] = [];
    if (plan) {
      scored = all.map((c) => backtestCandidate(c, train, observed, plan)).filter((s) => Number.isFinite(s.mae));
      scored.sort((a, b) => a.mae - b.mae);
      scored = preferRobust(scored);
    }
    if (plan && scored.length > 0) {
      const best = scored[0];
      const out = best.candidate.fit(train, h);
      model = out.name;
      mean = out.forecast;
      const err = intervalErrors(best, train, observed, plan, INTERVAL_FOLDS);
      off = offsetsFromErrors(err.errors, err.folds, plan.horizon, h, level);
      const pair = combination(scored, observed, train, plan);
      if (pair.length > 1) {
        const band = offsetsFromErrors(err.errors, err.folds, plan.horizon, h, AGREEMENT_LEVEL);
        const parts = [{ forecast: out.forecast, mae: pair[0].mae }];
        for (const c of pair.slice(1)) {
          const f = c.backtest.candidate.fit(train, h).forecast;
          if (!insideBand(f, out.forecast, band)) continue;
          parts.push({ forecast: f, mae: c.mae });
          model += ` + ${c.backtest.candidate.id}`;
        }
        mean = combineForecasts(parts);
      }
      const scale = seasonalNaiveScale(y, p0 || 1);
      backtest = {
        mae: best.mae,
        mase: scale > 0 ? best.mae / scale : null,
        folds: plan.origins.length,
        horizon: plan.horizon,
      };
      candidates = scored.map((s) => ({ model: s.candidate.id, mae: s.mae }));
      usedPeriods = periods.filter((p) => best.candidate.id.includes(String(p)));
    } else {
      const out = ets().fit(train, h);
      model = out.name;
      mean = out.forecast;
      off = randomWalkOffsets(y, h, level);
      warnings.push('series too short to backtest: intervals assume a random walk');
    }
  }

  const t = new Float64Array(h);
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    t[k] = lastT + (k + 1) * reg.step;
    let m = mean[k];
    if (!Number.isFinite(m)) m = y[n - 1]; // defensive: never hand out a non-finite mean
    let lo = m + off.lo[k];
    let hi = m + off.hi[k];
    if (!Number.isFinite(lo)) lo = m;
    if (!Number.isFinite(hi)) hi = m;
    if (nonNegative) {
      m = Math.max(0, m);
      lo = Math.max(0, lo);
      hi = Math.max(0, hi);
    }
    mean[k] = m;
    lower[k] = Math.min(lo, m);
    upper[k] = Math.max(hi, m);
  }
  if (growth !== 0) applyGrowth({ t, mean, lower, upper }, lastT, growth);
  return {
    ok: true,
    model,
    step: reg.step,
    periods: usedPeriods,
    t,
    mean,
    lower,
    upper,
    level,
    backtest,
    candidates,
    lastT,
    lastValue,
    warnings,
  };
}
