// Bucket layout: the sort-and-coalesce part of Prometheus' histogram_quantile, done once per
// set of `le` bounds so that the per-time-column work is a plain pass over a Float64Array.

export interface BucketLayout {
  /** Number of input buckets (before merging duplicate `le`). */
  readonly inputSize: number;
  /** Input indices in sorted order (Go's sort.Sort order, see sortOrder). */
  readonly order: Int32Array;
  /** For merged bucket j, the inputs order[groupStart[j]] .. order[groupStart[j + 1] - 1]. */
  readonly groupStart: Int32Array;
  /** Merged upper bounds, ascending (the first input's bound of each group, as Go keeps it). */
  readonly bounds: Float64Array;
  /** Number of merged buckets. */
  readonly size: number;
  /** True when the highest sorted bound is +Inf (otherwise every quantile is NaN). */
  readonly hasInf: boolean;
}

/**
 * Order in which Go 1.19's sort.Sort (used by promtool/Prometheus 2.42) leaves the buckets.
 * For up to 12 elements Go runs a plain insertion sort with `a < b`, reproduced here exactly,
 * including NaN bounds (NaN never compares less, so it stays where it is and blocks others).
 * Longer inputs use the same stable insertion sort; Go's pdqsort agrees on distinct bounds, so
 * only NaN bounds or 3+ duplicates of one `le` with non-integer counts can differ in the last bit.
 */
export function sortOrder(upperBounds: ArrayLike<number>): Int32Array {
  const n = upperBounds.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 1; i < n; i++) {
    for (let j = i; j > 0 && upperBounds[order[j]] < upperBounds[order[j - 1]]; j--) {
      const t = order[j];
      order[j] = order[j - 1];
      order[j - 1] = t;
    }
  }
  return order;
}

/**
 * Sort bounds and group equal ones (Prometheus' coalesceBuckets). Edge cases: empty input →
 * size 0, hasInf false; NaN bounds never merge (NaN !== NaN, as in Go); 0 and -0 merge.
 */
export function createBucketLayout(upperBounds: ArrayLike<number>): BucketLayout {
  const n = upperBounds.length;
  const order = sortOrder(upperBounds);
  const starts: number[] = [];
  const bounds: number[] = [];
  for (let k = 0; k < n; k++) {
    const b = upperBounds[order[k]];
    if (k === 0 || b !== bounds[bounds.length - 1]) {
      starts.push(k);
      bounds.push(b);
    }
  }
  starts.push(n);
  return {
    inputSize: n,
    order,
    groupStart: Int32Array.from(starts),
    bounds: Float64Array.from(bounds),
    size: bounds.length,
    hasInf: n > 0 && upperBounds[order[n - 1]] === Infinity,
  };
}

/**
 * Merged cumulative counts in layout order: duplicates summed left to right in sort order, as
 * Go does. `get(i)` returns the count of input bucket i (lets callers read columns of a matrix
 * without copying). Writes layout.size values into `out` and returns it.
 */
export function mergeCountsWith(layout: BucketLayout, get: (inputIndex: number) => number, out: Float64Array): Float64Array {
  const { order, groupStart, size } = layout;
  for (let j = 0; j < size; j++) {
    const end = groupStart[j + 1];
    let k = groupStart[j];
    let sum = get(order[k]);
    for (k++; k < end; k++) sum += get(order[k]);
    out[j] = sum;
  }
  return out;
}

/** mergeCountsWith for counts given as an array indexed like the input bounds. */
export function mergeCounts(layout: BucketLayout, counts: ArrayLike<number>, out: Float64Array = new Float64Array(layout.size)): Float64Array {
  const { order, groupStart, size } = layout;
  for (let j = 0; j < size; j++) {
    const end = groupStart[j + 1];
    let k = groupStart[j];
    let sum = counts[order[k]];
    for (k++; k < end; k++) sum += counts[order[k]];
    out[j] = sum;
  }
  return out;
}
