// Group parsed samples into classic histogram series: `<name>_bucket` samples with an `le`
// label, keyed by name (without `_bucket`) and the other labels.
import { goParseFloat } from '../histogram/goParseFloat';
import { ExpositionParseError, Label, Sample } from './types';

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

const byName = (a: Label, b: Label) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A bucket sample's series: metric, labels without `le` (sorted), its key; null when not a bucket. */
function bucketSeriesOf(s: Sample): { metric: string; rest: Label[]; key: string; le: string } | null {
  if (!s.name.endsWith('_bucket')) return null;
  const le = s.labels.find((l) => l.name === 'le');
  if (!le) return null;
  const metric = s.name.slice(0, -'_bucket'.length);
  const rest = s.labels.filter((l) => l.name !== 'le').sort(byName);
  return { metric, rest, key: `${metric}{${labelKey(rest)}}`, le: le.value };
}

/**
 * Adds bucket sample `s` to series `hs`. The same bucket series twice (same `le` text): the one
 * with the later timestamp wins, else the first. `seen` maps the series' `le` texts to their bucket.
 */
function addBucket(hs: ClassicHistogramSeries, seen: Map<string, { bucket: ClassicBucket; ts?: number }>, bucketKey: string, le: string, s: Sample): void {
  const prev = seen.get(bucketKey);
  const bucket: ClassicBucket = { le, upperBound: goParseFloat(le), count: s.value, line: s.line };
  if (!prev) {
    hs.buckets.push(bucket);
    seen.set(bucketKey, { bucket, ts: s.timestampMs });
  } else if (s.timestampMs !== undefined && (prev.ts === undefined || s.timestampMs > prev.ts)) {
    Object.assign(prev.bucket, bucket);
    prev.ts = s.timestampMs;
  }
}

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
    const b = bucketSeriesOf(s);
    if (!b) continue;
    let hs = series.get(b.key);
    if (!hs) {
      hs = { metric: b.metric, labels: b.rest, buckets: [], line: s.line };
      series.set(b.key, hs);
    }
    addBucket(hs, seen, `${b.key}le=${JSON.stringify(b.le)}`, b.le, s);
  }
  return [...series.values()];
}

/**
 * classicHistograms for a stream of samples, in one pass and with the memory of one series: a
 * series is handed to `done` when a bucket of another series comes (or at `end`). Every
 * exposition lists a series' samples together (OpenMetrics requires it; client libraries write
 * so), and then the series and their order are classicHistograms'. Edge cases: a series or a
 * histogram family whose buckets come back after those of another is refused (an
 * ExpositionParseError naming the line and where the series began) rather than split in two.
 * What it remembers of finished series: a 53-bit hash of the key of each of the current family's
 * (8 bytes or so a series, where the keys themselves doubled the memory and took a third more
 * time on a million series), and the finished families' names. Two series of one family whose
 * keys hash alike (about 1 in 2 million with 100 000 series in the family) would be refused as
 * one series resumed.
 */
export class ClassicHistogramStream {
  private current: ClassicHistogramSeries | null = null;
  private currentKey = '';
  /** The sample name and labels (as written) of the current series' last bucket. */
  private currentName = '';
  private currentLabels: Label[] = [];
  private seen = new Map<string, { bucket: ClassicBucket; ts?: number }>();
  /** First lines of the finished series of the current family, by the hash of their key. */
  private finished = new Map<number, number>();
  private family = '';
  private familyLine = 0;
  /** First lines of the finished histogram families, by metric name. */
  private finishedFamilies = new Map<string, number>();

  constructor(private readonly done: (h: ClassicHistogramSeries) => void) {}

  add(s: Sample): void {
    // The usual case first: the next bucket of the current series, its labels written alike.
    if (this.current && s.name === this.currentName && sameExceptLe(s.labels, this.currentLabels)) {
      const le = s.labels.find((l) => l.name === 'le');
      if (le) {
        addBucket(this.current, this.seen, le.value, le.value, s);
        return;
      }
    }
    const b = bucketSeriesOf(s);
    if (!b) return;
    this.currentName = s.name;
    this.currentLabels = s.labels;
    if (b.key !== this.currentKey || !this.current) {
      this.flush();
      if (b.metric !== this.family) {
        if (this.family !== '') this.finishedFamilies.set(detached(this.family), this.familyLine);
        const again = this.finishedFamilies.get(b.metric);
        if (again !== undefined) throw resumed(s.line, `histogram ${b.metric}`, again);
        this.family = b.metric;
        this.familyLine = s.line;
        this.finished.clear();
      }
      const began = this.finished.get(keyHash(b.key));
      if (began !== undefined) throw resumed(s.line, `series ${b.key}`, began);
      this.current = { metric: b.metric, labels: b.rest, buckets: [], line: s.line };
      this.currentKey = b.key;
    }
    addBucket(this.current, this.seen, b.le, b.le, s);
  }

  /** After the last sample: hands over the last series. */
  end(): void {
    this.flush();
  }

  private flush(): void {
    if (!this.current) return;
    this.finished.set(keyHash(this.currentKey), this.current.line);
    const h = this.current;
    this.current = null;
    this.currentKey = '';
    this.seen.clear();
    this.done(h);
  }
}

/** 53 bits from two 32-bit FNV-1a hashes with different seeds (a murmur3 finish each). */
function keyHash(s: string): number {
  return hash32(s, 0) * 2 ** 21 + (hash32(s, 0x9e3779b9) >>> 11);
}

function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A copy of `s` that holds on to nothing else: a key made of slices of the input would keep the
 * whole block of input they were cut from alive as long as the key is remembered.
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** The same labels but `le`, in the same order (then the same series key). */
function sameExceptLe(a: Label[], b: Label[]): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i].name === 'le') i++;
    while (j < b.length && b[j].name === 'le') j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i].name !== b[j].name || a[i].value !== b[j].value) return false;
    i++;
    j++;
  }
}

function resumed(line: number, what: string, began?: number): ExpositionParseError {
  return new ExpositionParseError(
    line,
    1,
    `the buckets of ${what} resume here after those of other series${began ? ` (it began on line ${began})` : ''}; an exposition lists each series' samples together`
  );
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
