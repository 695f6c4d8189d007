// Per-bucket (de-accumulated) counts and bucket ranges for display.

/**
 * Per-bucket counts from sorted, merged cumulative counts: out[0] = cum[0],
 * out[j] = cum[j] - cum[j-1]. Edge cases: run repairCounts first to guarantee no negative
 * differences (otherwise a decrease gives a negative count); NaN inputs give NaN for the
 * buckets on either side; size 0 → nothing written.
 */
export function deaccumulate(cum: ArrayLike<number>, size: number, out: Float64Array = new Float64Array(size)): Float64Array {
  let prev = 0;
  for (let j = 0; j < size; j++) {
    const c = cum[j];
    out[j] = j === 0 ? c : c - prev;
    prev = c;
  }
  return out;
}

/**
 * Lower bound of each merged bucket as histogram_quantile assumes it: the previous upper
 * bound, and for the lowest bucket 0 if its upper bound is > 0, else -Inf.
 * Edge case: size 0 → empty array.
 */
export function lowerBounds(bounds: ArrayLike<number>, size: number = bounds.length): Float64Array {
  const out = new Float64Array(size);
  for (let j = 0; j < size; j++) out[j] = j > 0 ? bounds[j - 1] : bounds[0] > 0 ? 0 : -Infinity;
  return out;
}

/**
 * Cumulative fields from per-bucket fields (Grafana's "heatmap" frame format de-accumulates
 * `le` series; histogram_quantile needs them cumulative). Fields must be in ascending `le`
 * order. Edge cases: a NaN cell makes the cells above it NaN in that column; fields shorter
 * than the longest read as NaN. Float rounding means the result can differ from the original
 * cumulative series in the last bits: use raw `le` series where exact Prometheus values matter.
 */
export function accumulateFields(fields: ArrayLike<ArrayLike<number>>): Float64Array[] {
  let times = 0;
  for (let i = 0; i < fields.length; i++) times = Math.max(times, fields[i].length);
  const out: Float64Array[] = [];
  const run = new Float64Array(times);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const o = new Float64Array(times);
    for (let t = 0; t < times; t++) {
      run[t] = (i === 0 ? 0 : run[t]) + (t < f.length ? f[t] : NaN);
      o[t] = run[t];
    }
    out.push(o);
  }
  return out;
}
