import { DataFrame, DataFrameType, Field, FieldType } from '@grafana/data';
import { detectCustom, NativeBucket, NativeHistogram, prepareColumns } from '../../../core/histogram';
import { columnsModel } from './columnsModel';
import { valueKindOf } from './bucketSeries';
import { ModelResult } from './types';

function numberAt(field: Field | undefined, i: number): number {
  const v = field?.values[i];
  return typeof v === 'number' ? v : NaN;
}

/**
 * Native histograms as Grafana's heatmap cells (fields x/xMax time, yMin, yMax, count): one
 * NativeHistogram per time for the percentiles (exponential interpolation for standard
 * schemas), plus classic-style columns on the distinct upper bounds for the heatmap.
 * Returns null when the frames are not heatmap cells. Edge cases: cells with a NaN bound or
 * count are skipped; a time with no cells gets a null histogram (NaN percentiles).
 */
export function nativeFromCells(frames: DataFrame[]): ModelResult | null {
  const frame = frames.find(
    (f) => f.meta?.type === DataFrameType.HeatmapCells || (f.fields.some((x) => x.name === 'yMin') && f.fields.some((x) => x.name === 'yMax'))
  );
  if (!frame) {
    return null;
  }
  const time = frame.fields.find((f) => f.type === FieldType.time) ?? frame.fields.find((f) => f.name === 'xMax' || f.name === 'x');
  const yMin = frame.fields.find((f) => f.name === 'yMin');
  const yMax = frame.fields.find((f) => f.name === 'yMax');
  const count = frame.fields.find((f) => f.name === 'count' || f.name === 'value');
  if (!time || !yMin || !yMax || !count) {
    return { message: 'Heatmap cells need x (time), yMin, yMax and count fields.' };
  }
  const byTime = new Map<number, NativeBucket[]>();
  const uppers = new Set<number>();
  for (let i = 0; i < frame.length; i++) {
    const t = numberAt(time, i);
    const lower = numberAt(yMin, i);
    const upper = numberAt(yMax, i);
    const c = numberAt(count, i);
    if ([t, lower, upper, c].some(Number.isNaN)) {
      continue;
    }
    const list = byTime.get(t) ?? [];
    list.push({ rule: 0, lower, upper, count: c });
    byTime.set(t, list);
    uppers.add(upper);
  }
  if (byTime.size === 0) {
    return { message: 'Every heatmap cell is empty (NaN) in this time range.' };
  }
  const times = Float64Array.from(byTime.keys()).sort();
  const bounds = Float64Array.from(uppers).sort();
  const position = new Map(Array.from(bounds, (b, j) => [b, j]));
  const perBucket = bounds.length;
  const fields = Array.from(bounds, () => new Float64Array(times.length));
  const native: Array<NativeHistogram | null> = [];
  times.forEach((t, ti) => {
    const buckets = byTime.get(t)!.sort((a, b) => a.lower - b.lower || a.upper - b.upper);
    for (const b of buckets) {
      fields[position.get(b.upper)!][ti] += b.count;
    }
    const total = buckets.reduce((s, b) => s + b.count, 0);
    const custom = detectCustom(buckets);
    native.push({
      count: total,
      sum: 0,
      buckets,
      custom,
      hasNegative: buckets.some((b) => b.upper <= 0 && !(b.lower <= 0 && b.upper >= 0)),
      hasPositive: custom || buckets.some((b) => b.lower >= 0 && b.upper > 0 && !(b.lower <= 0 && b.upper >= 0)),
    });
  });
  // Cumulative over ascending upper bounds, for the classic columns the heatmap draws.
  for (let j = 1; j < perBucket; j++) {
    for (let t = 0; t < times.length; t++) {
      fields[j][t] += fields[j - 1][t];
    }
  }
  return {
    model: {
      times,
      ...columnsModel(prepareColumns(bounds, fields)),
      native,
      valueKind: valueKindOf(false, frame.meta?.executedQueryString),
      unit: count.config?.unit ?? yMax.config?.unit,
      warnings: [],
    },
  };
}
