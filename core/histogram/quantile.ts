// histogram_quantile for classic (`le`) histograms, bit for bit as Prometheus/promtool 2.42.
import { createBucketLayout, mergeCounts } from './layout';
import { ensureMonotonic, ensureMonotonicIgnoringSmallDeltas } from './monotonic';
import { goSearchAtLeast } from '../series/search';

export interface ClassicQuantileOptions {
  /**
   * Relative tolerance below which bucket differences are ignored before the monotonicity fix.
   * 0 (default) is Prometheus 2.42 behaviour; PROMETHEUS_SMALL_DELTA_TOLERANCE (1e-12) is what
   * later Prometheus versions use.
   */
  smallDeltaTolerance?: number;
}

/**
 * Repair merged cumulative counts cum[offset .. offset + size - 1] in place, as Prometheus does
 * before searching them.
 * Returns FORCED_MONOTONIC / FIXED_PRECISION flags (see monotonic.ts).
 */
export function repairCounts(cum: Float64Array, size: number, options?: ClassicQuantileOptions, offset = 0): number {
  if (size < 2) return 0;
  const tol = options?.smallDeltaTolerance ?? 0;
  return tol > 0 ? ensureMonotonicIgnoringSmallDeltas(cum, tol, size, offset) : ensureMonotonic(cum, size, offset);
}

/**
 * Quantile from sorted, merged and repaired buckets (bounds ascending, cum cumulative).
 * Edge cases, in Prometheus' order: q NaN → NaN; q < 0 → -Inf; q > 1 → +Inf; highest bound
 * not +Inf → NaN; fewer than 2 buckets → NaN; total (the +Inf count) 0 → NaN; rank in the +Inf
 * bucket → upper bound of the second highest bucket; rank in the lowest bucket whose upper
 * bound is ≤ 0 → that bound; otherwise linear interpolation within the bucket, from 0 for a
 * positive lowest bucket. A NaN total gives a NaN rank, which Go's binary search sends to the
 * +Inf bucket (→ second highest bound); NaN counts elsewhere behave as in Go's sort.Search.
 */
export function quantileOfRepaired(q: number, bounds: ArrayLike<number>, cum: ArrayLike<number>, size: number): number {
  return quantileOfRepairedAt(q, bounds, cum, 0, size);
}

/** quantileOfRepaired reading the counts at cum[offset .. offset + size - 1] (one column of a matrix). */
export function quantileOfRepairedAt(q: number, bounds: ArrayLike<number>, cum: ArrayLike<number>, offset: number, size: number): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (size < 2 || bounds[size - 1] !== Infinity) return NaN;
  const observations = cum[offset + size - 1];
  if (observations === 0) return NaN;
  let rank = q * observations;
  // Go's sort.Search(size-1, cum[i] >= rank): the same halving, so NaNs land where Go's do.
  const b = goSearchAtLeast(cum, rank, offset, offset + size - 1) - offset;
  if (b === size - 1) return bounds[size - 2];
  if (b === 0 && bounds[0] <= 0) return bounds[0];
  let start = 0;
  const end = bounds[b];
  let count = cum[offset + b];
  if (b > 0) {
    const below = cum[offset + b - 1];
    start = bounds[b - 1];
    count -= below;
    rank -= below;
  }
  return start + (end - start) * (rank / count);
}

/**
 * Prometheus' histogram_quantile(q, buckets) for one classic histogram given as parallel
 * arrays of `le` upper bounds (any order, duplicates allowed) and cumulative counts (or rates).
 * Edge cases: see quantileOfRepaired (no buckets at all → NaN); buckets with the same
 * upper bound are summed (Prometheus' coalescing) before the monotonicity fix.
 */
export function bucketQuantile(q: number, upperBounds: ArrayLike<number>, counts: ArrayLike<number>, options?: ClassicQuantileOptions): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const layout = createBucketLayout(upperBounds);
  if (!layout.hasInf) return NaN;
  const cum = mergeCounts(layout, counts);
  repairCounts(cum, layout.size, options);
  return quantileOfRepaired(q, layout.bounds, cum, layout.size);
}

/** bucketQuantile for several quantiles at once (one sort, merge and repair). */
export function bucketQuantiles(qs: ArrayLike<number>, upperBounds: ArrayLike<number>, counts: ArrayLike<number>, options?: ClassicQuantileOptions): Float64Array {
  const out = new Float64Array(qs.length);
  const layout = createBucketLayout(upperBounds);
  const cum = mergeCounts(layout, counts);
  repairCounts(cum, layout.size, options);
  for (let i = 0; i < qs.length; i++) {
    out[i] = quantileOfRepaired(qs[i], layout.bounds, cum, layout.size);
  }
  return out;
}
