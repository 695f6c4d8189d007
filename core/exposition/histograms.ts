// Group parsed samples into classic histogram series: `<name>_bucket` samples with an `le`
// label, keyed by name (without `_bucket`) and the other labels.
import { goParseFloat } from '../histogram/goParseFloat';
import { Label, Sample } from './types';

export interface ClassicBucket {
  /** The `le` label exactly as written. */
  le: string;
  /** The bound as histogram_quantile reads it (Go's ParseFloat); null when it cannot be read. */
  upperBound: number | null;
  count: number;
  line: number;
}

export interface ClassicHistogramSeries {
  /** Metric name without the `_bucket` suffix. */
  metric: string;
  /** Labels without `le`, sorted by name (as Prometheus orders them). */
  labels: Label[];
  /** Buckets in input order; duplicate series (same `le` text) already resolved. */
  buckets: ClassicBucket[];
  /** Line of the first bucket. */
  line: number;
}

const labelKey = (labels: Label[]): string => labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(',');

/**
 * Classic histogram series in order of first appearance. Edge cases: buckets whose `le`
 * Prometheus cannot parse are kept with upperBound null (histogram_quantile skips them);
 * the same bucket series twice (same name, labels and `le` text): the one with the later
 * timestamp wins, else the first (a scrape rejects the repeat); `le="1"` and `le="1.0"` are
 * different series and both kept (histogram_quantile sums them); samples without `le` or
 * not named `*_bucket` are ignored.
 */
export function classicHistograms(samples: Sample[]): ClassicHistogramSeries[] {
  const series = new Map<string, ClassicHistogramSeries>();
  const seen = new Map<string, { bucket: ClassicBucket; ts?: number }>();
  for (const s of samples) {
    if (!s.name.endsWith('_bucket')) continue;
    const le = s.labels.find((l) => l.name === 'le');
    if (!le) continue;
    const metric = s.name.slice(0, -'_bucket'.length);
    const rest = s.labels.filter((l) => l.name !== 'le').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const key = `${metric}{${labelKey(rest)}}`;
    let hs = series.get(key);
    if (!hs) {
      hs = { metric, labels: rest, buckets: [], line: s.line };
      series.set(key, hs);
    }
    const bucketKey = `${key}le=${JSON.stringify(le.value)}`;
    const prev = seen.get(bucketKey);
    const bucket: ClassicBucket = { le: le.value, upperBound: goParseFloat(le.value), count: s.value, line: s.line };
    if (!prev) {
      hs.buckets.push(bucket);
      seen.set(bucketKey, { bucket, ts: s.timestampMs });
    } else if (s.timestampMs !== undefined && (prev.ts === undefined || s.timestampMs > prev.ts)) {
      Object.assign(prev.bucket, bucket);
      prev.ts = s.timestampMs;
    }
  }
  return [...series.values()];
}

/** Bounds and counts of the buckets histogram_quantile would use (unparseable `le` dropped). */
export function usableBuckets(h: ClassicHistogramSeries): { upperBounds: number[]; counts: number[] } {
  const upperBounds: number[] = [];
  const counts: number[] = [];
  for (const b of h.buckets) {
    if (b.upperBound === null) continue;
    upperBounds.push(b.upperBound);
    counts.push(b.count);
  }
  return { upperBounds, counts };
}
