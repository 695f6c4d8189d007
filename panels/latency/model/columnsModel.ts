import { bucketCountColumns, HistogramColumns, lowerBounds } from '../../../core/histogram';
import { LatencyModel } from './types';

/**
 * The parts of a LatencyModel that follow from the bucket columns alone: per-bucket counts, the
 * bounds and the largest finite count. Edge cases: no finite count → maxCount 0.
 */
export function columnsModel(cols: HistogramColumns): Pick<LatencyModel, 'cols' | 'counts' | 'uppers' | 'lowers' | 'maxCount'> {
  const counts = bucketCountColumns(cols);
  let maxCount = 0;
  for (let i = 0; i < counts.length; i++) {
    if (Number.isFinite(counts[i]) && counts[i] > maxCount) {
      maxCount = counts[i];
    }
  }
  return { cols, counts, uppers: cols.layout.bounds, lowers: lowerBounds(cols.layout.bounds), maxCount };
}
