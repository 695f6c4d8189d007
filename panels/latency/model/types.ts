import { HistogramColumns, NativeHistogram } from '../../../core/histogram';

/** Everything the latency panel draws, in flat typed arrays (time-major, see HistogramColumns). */
export interface LatencyModel {
  /** Column timestamps in ms, ascending. */
  times: Float64Array;
  /** Cumulative counts per column, merged and repaired as histogram_quantile does. */
  cols: HistogramColumns;
  /** Per-bucket counts per column (de-accumulated), time-major: counts[t * size + j]. */
  counts: Float64Array;
  /** Upper and lower bound of every merged bucket (lower as histogram_quantile assumes it). */
  uppers: Float64Array;
  lowers: Float64Array;
  /** Native histograms per column when the input was heatmap cells; quantiles use them. */
  native?: Array<NativeHistogram | null>;
  /** What the bucket values measure (requests per second or per interval), when the query says. */
  valueKind: 'rate' | 'count' | 'unknown';
  /** Largest finite per-bucket count (colour scale). */
  maxCount: number;
  /** The unit from the field config, if any (e.g. "s"). */
  unit?: string;
  /** Things the operator should know that do not stop the drawing. */
  warnings: string[];
}

export type ModelResult = { model: LatencyModel } | { message: string };
