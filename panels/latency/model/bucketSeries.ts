import { DataFrame, DataFrameType, Field, FieldType } from '@grafana/data';
import { parseLe } from './parseLe';

/** One `le` series (or heatmap row) on its own timestamps. */
export interface BucketSeries {
  upper: number;
  times: ArrayLike<number>;
  values: ArrayLike<number>;
  /** Labels other than le and __name__, as a key: series with different keys are summed. */
  groupKey: string;
  unit?: string;
  /** Values are raw counter samples (a `_bucket` metric without rate()). */
  counter: boolean;
  /** Values are per-bucket counts (Grafana's heatmap-rows frames), not cumulative. */
  perBucket: boolean;
  /** What the values measure, as the query says it: see valueKindOf. */
  kind: BucketValueKind;
}

/** Requests per second (rate/irate), requests per interval (increase, raw counters), or not known. */
export type BucketValueKind = 'rate' | 'count' | 'unknown';

/**
 * What a bucket series' values measure, from what the query says (never from the values): raw
 * `_bucket` counters (turned into increases) and increase() are requests per interval; rate() and
 * irate() are requests per second. Edge cases: no executed query, or one with neither (a
 * recording rule) → 'unknown' (the panel's "Bucket values" option then says).
 */
export function valueKindOf(counter: boolean, executedQuery: string | undefined): BucketValueKind {
  if (counter) return 'count';
  const q = executedQuery ?? '';
  const rate = /\b(i?rate)\s*\(/.test(q);
  const increase = /\b(increase|delta)\s*\(/.test(q);
  return rate === increase ? 'unknown' : rate ? 'rate' : 'count';
}

function groupKeyOf(labels: Record<string, string> | undefined): string {
  if (!labels) {
    return '';
  }
  return Object.keys(labels)
    .filter((k) => k !== 'le' && k !== '__name__')
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function boundOf(field: Field): number | null {
  return parseLe(field.labels?.le) ?? parseLe(field.config?.displayNameFromDS) ?? parseLe(field.config?.displayName) ?? parseLe(field.name);
}

function numeric(values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

/**
 * Every bucket series in the frames, with what kind of values it holds. Fields that are not
 * numbers, or whose bound cannot be read, are counted in `skipped`.
 */
export function bucketSeries(frames: DataFrame[]): { series: BucketSeries[]; skipped: number; noTime: boolean } {
  const series: BucketSeries[] = [];
  let skipped = 0;
  let noTime = false;
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const numbers = frame.fields.filter((f) => f.type === FieldType.number);
    if (numbers.length === 0) {
      continue;
    }
    if (!time) {
      noTime = true;
      continue;
    }
    const perBucket = frame.meta?.type === DataFrameType.HeatmapRows;
    for (const field of numbers) {
      const upper = boundOf(field);
      if (upper === null || Number.isNaN(upper)) {
        skipped++;
        continue;
      }
      const name = field.labels?.__name__ ?? frame.name ?? field.name;
      const counter = !perBucket && /_bucket$/.test(name ?? '');
      series.push({
        upper,
        times: numeric(time.values),
        values: numeric(field.values),
        groupKey: groupKeyOf(field.labels),
        unit: field.config?.unit,
        counter,
        perBucket,
        kind: valueKindOf(counter, frame.meta?.executedQueryString),
      });
    }
  }
  return { series, skipped, noTime };
}
