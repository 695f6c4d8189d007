// Growth scenarios: "+50 %/year" applied multiplicatively on top of a forecast.

export const YEAR_SECONDS = 365.25 * 86_400;

/**
 * Multiplier after `seconds` at `perYear` compound growth (0.5 = +50 %/year).
 * Edge cases: seconds ≤ 0 → 1; perYear ≤ −1 → NaN (shrinking by 100 % or more has no compound form).
 */
export function growthFactor(perYear: number, seconds: number): number {
  if (!(perYear > -1)) return NaN;
  if (seconds <= 0) return 1;
  return Math.pow(1 + perYear, seconds / YEAR_SECONDS);
}

/**
 * Scale mean, lower and upper in place by the growth factor since `fromT`. The factor is positive,
 * so the order lower ≤ mean ≤ upper is kept. Edge cases: perYear = 0 → unchanged; perYear ≤ −1 →
 * unchanged (callers validate); overflow to Infinity is capped at ±Number.MAX_VALUE.
 */
export function applyGrowth(
  f: { t: ArrayLike<number>; mean: Float64Array; lower: Float64Array; upper: Float64Array },
  fromT: number,
  perYear: number,
): void {
  if (perYear === 0 || !(perYear > -1)) return;
  const cap = (v: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, v));
  for (let k = 0; k < f.mean.length; k++) {
    const g = growthFactor(perYear, f.t[k] - fromT);
    f.mean[k] = cap(f.mean[k] * g);
    f.lower[k] = cap(f.lower[k] * g);
    f.upper[k] = cap(f.upper[k] * g);
  }
}

/**
 * A growth scenario of a forecast fitted without growth: a copy whose mean and bounds are scaled
 * from its last observation as forecast() with `growthPerYear: perYear` would have (the same
 * applyGrowth, so the numbers are identical), the input left as it is. One fit, many scenarios.
 */
export function withGrowth<F extends { lastT: number; t: Float64Array; mean: Float64Array; lower: Float64Array; upper: Float64Array }>(f: F, perYear: number): F {
  const out = { ...f, mean: Float64Array.from(f.mean), lower: Float64Array.from(f.lower), upper: Float64Array.from(f.upper) };
  applyGrowth(out, f.lastT, perYear);
  return out;
}
