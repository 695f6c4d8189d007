// Prometheus native histograms as the HTTP API returns them, with histogram_quantile and
// histogram_fraction as current Prometheus computes them (exponential interpolation inside the
// buckets of standard schemas, linear in the zero bucket and for custom buckets).
// Prometheus 2.42 still interpolated native histograms linearly; there is no promtool here that
// evaluates the newer rule, so these are checked against hand-computed values only.
import { goParseFloat } from './goParseFloat';
import { fractionOfWalk } from './fractionWalk';
import { goExp2, goLog2 } from './goMath';

/** API boundary rule: 0 (a,b], 1 [a,b), 2 (a,b), 3 [a,b]. */
export type BoundaryRule = 0 | 1 | 2 | 3;

export interface NativeBucket {
  rule: BoundaryRule;
  lower: number;
  upper: number;
  count: number;
}

export interface NativeHistogram {
  count: number;
  sum: number;
  /** Ascending by value (most negative first). */
  buckets: NativeBucket[];
  /** Custom bucket boundaries (schema -53, NHCB) rather than a standard exponential schema. */
  custom: boolean;
  /** Whether any negative / positive (non-zero) bucket is present. */
  hasNegative: boolean;
  hasPositive: boolean;
}

/** The JSON shape of one histogram in the API: `{"count": "12", "sum": "3.4", "buckets": [[0, "1", "2", "5"], ...]}`. */
export interface ApiHistogram {
  count: string | number;
  sum: string | number;
  buckets?: Array<[number, string | number, string | number, string | number]>;
}

export interface ApiHistogramSeries {
  metric: Record<string, string>;
  histogram?: [number, ApiHistogram];
  histograms?: Array<[number, ApiHistogram]>;
}

function num(v: string | number, what: string): number {
  if (typeof v === 'number') return v;
  const x = goParseFloat(v);
  if (x === null) throw new Error(`native histogram: ${what} "${v}" is not a number`);
  return x;
}

function isZeroBucket(b: NativeBucket): boolean {
  return b.lower <= 0 && b.upper >= 0;
}

/**
 * Convert one API histogram. Custom buckets are recognised by an infinite boundary or by
 * boundaries that are not powers of 2^(2^-schema) for a standard schema (-4..8); pass
 * `custom` to decide explicitly. Edge cases: missing buckets → none (quantiles are then 0 or
 * NaN as in Prometheus); a malformed number → Error naming the field; buckets are sorted.
 * Limitation: the API leaves out empty buckets, so "has negative/positive buckets" (which
 * Prometheus decides from all bucket slots, empty ones included) is decided from the non-empty ones.
 */
export function parseApiHistogram(h: ApiHistogram, options?: { custom?: boolean }): NativeHistogram {
  const buckets: NativeBucket[] = (h.buckets ?? []).map((b, i) => {
    if (!Array.isArray(b) || b.length < 4) throw new Error(`native histogram: bucket ${i} is not [rule, lower, upper, count]`);
    return { rule: (Number(b[0]) & 3) as BoundaryRule, lower: num(b[1], 'lower'), upper: num(b[2], 'upper'), count: num(b[3], 'count') };
  });
  buckets.sort((a, b) => a.lower - b.lower || a.upper - b.upper);
  const custom = options?.custom ?? detectCustom(buckets);
  let hasNegative = false;
  let hasPositive = false;
  for (const b of buckets) {
    if (custom) hasPositive = true;
    else if (!isZeroBucket(b)) {
      if (b.upper <= 0) hasNegative = true;
      else hasPositive = true;
    }
  }
  return { count: num(h.count, 'count'), sum: num(h.sum, 'sum'), buckets, custom, hasNegative, hasPositive };
}

/** True unless every non-zero bucket spans a standard exponential bucket of one schema. */
export function detectCustom(buckets: NativeBucket[]): boolean {
  let schema: number | null = null;
  for (const b of buckets) {
    if (!Number.isFinite(b.lower) || !Number.isFinite(b.upper)) return true;
    if (isZeroBucket(b)) continue;
    const width = Math.log2(Math.abs(b.upper) / Math.abs(b.lower)) * (b.upper > 0 ? 1 : -1);
    if (!(width > 0)) return true;
    const s = -Math.log2(width);
    const rs = Math.round(s);
    if (Math.abs(s - rs) > 1e-6 || rs < -4 || rs > 8) return true;
    if (schema !== null && schema !== rs) return true;
    schema = rs;
    // The upper bound must sit on the schema's grid: log2|upper| a multiple of the width.
    const idx = Math.log2(Math.abs(b.upper)) / width;
    if (Math.abs(idx - Math.round(idx)) > 1e-6) return true;
  }
  return false;
}

/** All histograms of an API query result (instant `histogram` or range `histograms`), timestamps in seconds. */
export function parseApiSeries(result: ApiHistogramSeries[]): Array<{ metric: Record<string, string>; points: Array<{ t: number; h: NativeHistogram }> }> {
  return result.map((s) => {
    const raw = s.histograms ?? (s.histogram ? [s.histogram] : []);
    return { metric: s.metric ?? {}, points: raw.map(([t, h]) => ({ t: Number(t), h: parseApiHistogram(h) })) };
  });
}

const EMPTY: NativeBucket = { rule: 0, lower: 0, upper: 0, count: 0 };

/**
 * histogram_quantile(q) of a native histogram. Edge cases: q < 0 → -Inf; q > 1 → +Inf;
 * count 0 or q NaN → NaN; q ≥ 0.5 walks from the top (rank (1-q)·count) unless the sum is NaN
 * (NaN observations), q < 0.5 from the bottom; empty buckets are skipped; a rank beyond all
 * buckets (NaN observations) → upper bound of the last bucket visited; the zero bucket gets
 * 0 as its lower (upper) bound when only positive (negative) buckets exist; custom buckets:
 * lowest bucket (-Inf, u] → u if u ≤ 0 else interpolated from 0, the +Inf bucket → its lower
 * bound. Interpolation: linear for custom buckets and the zero bucket, otherwise exponential.
 */
export function nativeQuantile(q: number, h: NativeHistogram): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (h.count === 0 || Number.isNaN(q)) return NaN;
  const forward = Number.isNaN(h.sum) || q < 0.5;
  let rank = forward ? q * h.count : (1 - q) * h.count;
  const bs = h.buckets;
  let bucket = EMPTY;
  let count = 0;
  for (let k = 0; k < bs.length; k++) {
    bucket = bs[forward ? k : bs.length - 1 - k];
    if (bucket.count === 0) continue;
    count += bucket.count;
    if (count >= rank) break;
  }
  let lower = bucket.lower;
  let upper = bucket.upper;
  if (!h.custom && lower < 0 && upper > 0) {
    if (!h.hasNegative && h.hasPositive) lower = 0;
    else if (!h.hasPositive && h.hasNegative) upper = 0;
  } else if (h.custom) {
    if (lower === -Infinity) {
      if (upper <= 0) return upper;
      lower = 0;
    } else if (upper === Infinity) {
      return lower;
    }
  }
  if (count > h.count) count = h.count;
  if (count < rank) return upper;
  if (forward) rank -= count - bucket.count;
  else rank = count - rank;
  const fraction = rank / bucket.count;
  if (h.custom || (lower <= 0 && upper >= 0)) return lower + (upper - lower) * fraction;
  const logLower = goLog2(Math.abs(lower));
  const logUpper = goLog2(Math.abs(upper));
  if (lower > 0) return goExp2(logLower + (logUpper - logLower) * fraction);
  return -goExp2(logUpper + (logLower - logUpper) * (1 - fraction));
}

/**
 * histogram_fraction(lower, upper) of a native histogram: share of observations between the
 * two values. Edge cases: count 0 or a NaN limit → NaN; lower ≥ upper → 0; limits on a bucket
 * boundary take the whole bucket on one side; the zero bucket (and a custom (-Inf, u] bucket)
 * starts at 0 when only positive buckets exist (ends at 0 when only negative ones); linear
 * interpolation for custom and zero buckets, exponential otherwise; ranks capped at count.
 */
export function nativeFraction(lower: number, upper: number, h: NativeHistogram): number {
  const n = h.buckets.length;
  const lows = new Float64Array(n);
  const highs = new Float64Array(n);
  const linear: boolean[] = [];
  h.buckets.forEach((raw, i) => {
    lows[i] = raw.lower;
    highs[i] = raw.upper;
    const zero = raw.lower <= 0 && raw.upper >= 0;
    if (zero) {
      if (!h.hasNegative && h.hasPositive) lows[i] = 0;
      else if (!h.hasPositive && h.hasNegative) highs[i] = 0;
    }
    linear.push(h.custom || zero);
  });
  return fractionOfWalk(lower, upper, h.count, {
    size: n,
    lower: (i) => lows[i],
    upper: (i) => highs[i],
    rankAfter: (i, rank) => rank + h.buckets[i].count,
    rankInside: (i, rank, v) => {
      const bl = lows[i];
      const bu = highs[i];
      const count = h.buckets[i].count;
      if (linear[i]) return rank + (count * (v - bl)) / (bu - bl);
      const logLower = goLog2(Math.abs(bl));
      const logUpper = goLog2(Math.abs(bu));
      const logV = goLog2(Math.abs(v));
      const f = v > 0 ? (logV - logLower) / (logUpper - logLower) : 1 - (logV - logUpper) / (logLower - logUpper);
      return rank + count * f;
    },
  });
}
