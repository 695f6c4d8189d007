// Classic histogram over time: one array of values per `le` bucket, all on the same timestamps
// (Grafana's heatmap frame or raw `le` series). Everything is computed into flat Float64Arrays,
// time-major (column t, bucket j at t * size + j), with no per-cell objects.
import { BucketLayout, createBucketLayout } from './layout';
import { ClassicQuantileOptions, quantileOfRepairedAt, repairCounts } from './quantile';
import { fractionOfMerged } from './fraction';
import { FORCED_MONOTONIC } from './monotonic';
import { goParseFloat } from './goParseFloat';

export interface HistogramColumns {
  readonly layout: BucketLayout;
  /** Number of time columns. */
  readonly times: number;
  /** Merged cumulative counts as given (duplicates summed), time-major. */
  readonly merged: Float64Array;
  /** Merged counts after Prometheus' monotonicity repair, time-major. */
  readonly repaired: Float64Array;
  /** Per column: FORCED_MONOTONIC / FIXED_PRECISION flags from the repair. */
  readonly flags: Uint8Array;
}

/**
 * Merge and repair every time column once. `fields[i]` holds the values of the bucket whose
 * upper bound is `upperBounds[i]`. Edge cases: the column count is the longest field; a field
 * shorter than that reads as NaN beyond its end; no fields → 0 columns.
 */
export function prepareColumns(upperBounds: ArrayLike<number>, fields: ArrayLike<ArrayLike<number>>, options?: ClassicQuantileOptions): HistogramColumns {
  const layout = createBucketLayout(upperBounds);
  let times = 0;
  let ragged = false;
  for (let i = 0; i < fields.length; i++) times = Math.max(times, fields[i].length);
  for (let i = 0; i < fields.length; i++) ragged = ragged || fields[i].length !== times;
  const { size, order, groupStart } = layout;
  // Inputs in sorted order, so the inner loop walks them in sequence.
  const src: Array<ArrayLike<number>> = [];
  for (let k = 0; k < order.length; k++) src.push(fields[order[k]]);
  const merged = new Float64Array(times * size);
  const repaired = new Float64Array(times * size);
  const flags = new Uint8Array(times);
  const envelope = !((options?.smallDeltaTolerance ?? 0) > 0);
  for (let t = 0; t < times; t++) {
    const base = t * size;
    let max = NaN;
    let forced = 0;
    for (let j = 0; j < size; j++) {
      const end = groupStart[j + 1];
      let k = groupStart[j];
      let v = ragged && t >= src[k].length ? NaN : src[k][t];
      for (k++; k < end; k++) v += ragged && t >= src[k].length ? NaN : src[k][t];
      merged[base + j] = v;
      // Prometheus 2.42's envelope (ensureMonotonic), fused into the merge.
      if (j === 0) max = v;
      else if (v > max) max = v;
      else if (v < max) {
        v = max;
        forced = FORCED_MONOTONIC;
      }
      repaired[base + j] = v;
    }
    flags[t] = size < 2 ? 0 : forced;
  }
  if (!envelope) {
    repaired.set(merged);
    for (let t = 0; t < times; t++) flags[t] = repairCounts(repaired, size, options, t * size);
  }
  return { layout, times, merged, repaired, flags };
}

/** histogram_quantile(q) for every column (Prometheus edge cases, see quantileOfRepaired). */
export function quantileColumns(cols: HistogramColumns, q: number, out: Float64Array = new Float64Array(cols.times)): Float64Array {
  const { bounds, size } = cols.layout;
  for (let t = 0; t < cols.times; t++) out[t] = quantileOfRepairedAt(q, bounds, cols.repaired, t * size, size);
  return out;
}

/**
 * Per-bucket counts for every column (repaired counts de-accumulated, so never negative unless
 * the lowest bucket itself is), time-major like `repaired`. NaN in, NaN out.
 */
export function bucketCountColumns(cols: HistogramColumns, out: Float64Array = new Float64Array(cols.repaired.length)): Float64Array {
  const { size } = cols.layout;
  const r = cols.repaired;
  for (let t = 0; t < cols.times; t++) {
    const base = t * size;
    let prev = 0;
    for (let j = 0; j < size; j++) {
      const c = r[base + j];
      out[base + j] = j === 0 ? c : c - prev;
      prev = c;
    }
  }
  return out;
}

/**
 * Share of observations ≤ threshold in every column (fractionOfMerged on the merged counts, as
 * Prometheus' histogram_fraction does for classic buckets). Edge cases as fractionOfMerged.
 */
export function fractionBelowColumns(cols: HistogramColumns, threshold: number, out: Float64Array = new Float64Array(cols.times)): Float64Array {
  const { bounds, size } = cols.layout;
  const scratch = new Float64Array(size);
  for (let t = 0; t < cols.times; t++) {
    for (let j = 0; j < size; j++) scratch[j] = cols.merged[t * size + j];
    out[t] = fractionOfMerged(-Infinity, threshold, bounds, scratch, size);
  }
  return out;
}

/**
 * Columns summed over a time range [from, to) (e.g. per-interval increases summed for the
 * whole dashboard range), as a one-column HistogramColumns. NaN cells are skipped; a bucket
 * with no finite value in the range is NaN.
 */
export function sumColumns(cols: HistogramColumns, from = 0, to = cols.times, options?: ClassicQuantileOptions): HistogramColumns {
  const { size } = cols.layout;
  const merged = new Float64Array(size);
  for (let j = 0; j < size; j++) {
    let sum = 0;
    let seen = false;
    for (let t = Math.max(0, from); t < Math.min(to, cols.times); t++) {
      const v = cols.merged[t * size + j];
      if (!Number.isNaN(v)) {
        sum += v;
        seen = true;
      }
    }
    merged[j] = seen ? sum : NaN;
  }
  const repaired = merged.slice();
  const flags = Uint8Array.of(repairCounts(repaired, size, options));
  return { layout: cols.layout, times: 1, merged, repaired, flags };
}

/**
 * prepareColumns from `le` label texts as they arrive in frames ("0.1", "+Inf", "1e-3", or
 * numbers). Labels Go's ParseFloat cannot read are skipped, as histogram_quantile skips them;
 * their indices are returned in `skipped` so a caller can say so.
 */
export function prepareColumnsFromLabels(
  leLabels: ArrayLike<string | number>,
  fields: ArrayLike<ArrayLike<number>>,
  options?: ClassicQuantileOptions,
): HistogramColumns & { skipped: number[]; fieldIndex: number[] } {
  const bounds: number[] = [];
  const used: Array<ArrayLike<number>> = [];
  const fieldIndex: number[] = [];
  const skipped: number[] = [];
  for (let i = 0; i < leLabels.length; i++) {
    const le = leLabels[i];
    const ub = typeof le === 'number' ? le : goParseFloat(le);
    if (ub === null || i >= fields.length) skipped.push(i);
    else {
      bounds.push(ub);
      used.push(fields[i]);
      fieldIndex.push(i);
    }
  }
  return { ...prepareColumns(bounds, used, options), skipped, fieldIndex };
}
