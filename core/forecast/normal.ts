// Standard normal distribution: CDF and quantile. Used to turn interval widths into probabilities.

/**
 * Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere.
 * Edge cases: NaN → NaN; ±Inf → 0 / 2.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Φ(x), the standard normal CDF. Edge cases: NaN → NaN; -Inf → 0; +Inf → 1. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Φ⁻¹(p) by bisection on normalCdf (absolute error < 1e-9 in x; used on a handful of values).
 * Edge cases: p ≤ 0 → -Inf; p ≥ 1 → +Inf; NaN → NaN.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
