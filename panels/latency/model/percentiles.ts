import { fractionBelowColumns, fractionOfMerged, nativeFraction, nativeQuantile, quantileColumns, sumColumns } from '../../../core/histogram';
import { LatencyModel } from './types';

/**
 * Percents from the panel option ("50, 90, 95, 99.9") as quantiles in (0, 1], sorted, distinct.
 * Edge cases: blanks and non-numbers are dropped; values outside (0, 100] are dropped; an empty
 * result falls back to P50/P90/P95/P99.
 */
export function parsePercentiles(text: string | undefined): number[] {
  const qs = (text ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim().replace(/^p/i, ''))
    .filter((s) => s !== '')
    .map(Number)
    .filter((p) => Number.isFinite(p) && p > 0 && p <= 100)
    .map((p) => p / 100);
  const distinct = Array.from(new Set(qs)).sort((a, b) => a - b);
  return distinct.length > 0 ? distinct : [0.5, 0.9, 0.95, 0.99];
}

/**
 * histogram_quantile(q) per column; native histograms when the model has them. A column whose
 * total is NaN had no samples at all (Prometheus would return no point there), so it is a gap
 * (NaN) rather than the highest finite bound that histogram_quantile gives for NaN counts.
 */
export function percentileSeries(model: LatencyModel, q: number): Float64Array {
  if (model.native) {
    return Float64Array.from(model.native, (h) => (h ? nativeQuantile(q, h) : NaN));
  }
  const out = quantileColumns(model.cols, q);
  const size = model.cols.layout.size;
  for (let t = 0; t < out.length; t++) {
    if (Number.isNaN(model.cols.merged[t * size + size - 1])) out[t] = NaN;
  }
  return out;
}

/** Share of requests ≤ threshold per column (NaN where a column has no requests). */
export function shareBelowSeries(model: LatencyModel, threshold: number): Float64Array {
  if (model.native) {
    return Float64Array.from(model.native, (h) => (h ? nativeFraction(-Infinity, threshold, h) : NaN));
  }
  return fractionBelowColumns(model.cols, threshold);
}

/**
 * Share of all requests in the range that were ≤ threshold: the buckets summed over every
 * column first (not an average of per-column shares, which would over-weight quiet times).
 * Edge cases: no requests → NaN.
 */
export function shareBelowOverRange(model: LatencyModel, threshold: number): number {
  const total = sumColumns(model.cols);
  return fractionOfMerged(-Infinity, threshold, total.layout.bounds, total.merged, total.layout.size);
}

/** Index of the last column with any finite count, or -1. */
export function lastFilledColumn(model: LatencyModel): number {
  const size = model.cols.layout.size;
  for (let t = model.cols.times - 1; t >= 0; t--) {
    const top = model.cols.merged[t * size + size - 1];
    if (Number.isFinite(top) && top > 0) {
      return t;
    }
  }
  return -1;
}
