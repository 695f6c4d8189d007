// Fraction of observations between two values for classic histograms, as newer Prometheus'
// BucketFraction (histogram_fraction on classic buckets); Prometheus 2.42 has no classic
// histogram_fraction, so this follows the later definition.
import { fractionOfWalk } from './fractionWalk';
import { createBucketLayout, mergeCounts } from './layout';

/**
 * Fraction of observations in (lower, upper] from sorted, merged cumulative counts, linearly
 * interpolated inside a bucket. Counts are used as given (no monotonicity fix, like Prometheus).
 * Edge cases: no buckets, highest bound not +Inf, total 0, or a NaN limit → NaN;
 * lower ≥ upper → 0; the lowest bucket starts at 0 when its upper bound is > 0, otherwise at
 * -Inf (then a limit inside it counts the whole bucket); a finite limit inside the +Inf bucket
 * counts none of it (interpolation over an infinite width); ranks above the total are capped.
 */
export function fractionOfMerged(lower: number, upper: number, bounds: ArrayLike<number>, cum: ArrayLike<number>, size: number): number {
  if (size === 0 || bounds[size - 1] !== Infinity) return NaN;
  const lowerOf = (i: number): number => (i > 0 ? bounds[i - 1] : bounds[0] <= 0 ? -Infinity : 0);
  return fractionOfWalk(lower, upper, cum[size - 1], {
    size,
    lower: lowerOf,
    upper: (i) => bounds[i],
    rankAfter: (i) => cum[i],
    rankInside: (i, rank, v) => {
      const lo = lowerOf(i);
      return lo === -Infinity ? cum[i] : rank + ((cum[i] - rank) * (v - lo)) / (bounds[i] - lo);
    },
  });
}

/**
 * Share of observations ≤ threshold (fractionOfMerged(-Inf, threshold)). Edge cases: as
 * fractionOfMerged; threshold +Inf → 1; threshold -Inf → 0 (when the total is non-zero).
 */
export function fractionBelowMerged(threshold: number, bounds: ArrayLike<number>, cum: ArrayLike<number>, size: number): number {
  return fractionOfMerged(-Infinity, threshold, bounds, cum, size);
}

/** fractionOfMerged for raw parallel arrays of `le` bounds (any order, duplicates allowed) and cumulative counts. */
export function bucketFraction(lower: number, upper: number, upperBounds: ArrayLike<number>, counts: ArrayLike<number>): number {
  const layout = createBucketLayout(upperBounds);
  return fractionOfMerged(lower, upper, layout.bounds, mergeCounts(layout, counts), layout.size);
}

/** Share of observations ≤ threshold for raw parallel arrays of bounds and cumulative counts. */
export function fractionBelow(threshold: number, upperBounds: ArrayLike<number>, counts: ArrayLike<number>): number {
  return bucketFraction(-Infinity, threshold, upperBounds, counts);
}
