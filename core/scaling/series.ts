import type { Series, SeriesInput } from './types';

const EMPTY: Series = { t: new Float64Array(0), v: new Float64Array(0) };

/**
 * True when `x` is already a normalised Series: Float64Array times and values are trusted to be
 * sorted, finite and deduplicated (no re-check, the hot path); plain arrays always get normalised.
 */
export function isSeries(x: unknown): x is Series {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Series).t instanceof Float64Array &&
    (x as Series).v instanceof Float64Array
  );
}

/**
 * Normalise raw points into a Series.
 * Edge cases: points whose time or value is null/undefined/NaN/±Inf are dropped; when lengths
 * differ only the common prefix is read; unsorted input is sorted (stable); duplicate
 * timestamps keep the last value; empty input gives an empty series (never throws).
 */
export function normaliseSeries(input: SeriesInput | Series | null | undefined): Series {
  if (!input || !input.t || !input.v) {
    return EMPTY;
  }
  const n = Math.min(input.t.length, input.v.length);
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let m = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const ti = input.t[i];
    const vi = input.v[i];
    if (ti == null || vi == null) {
      continue;
    }
    const tn = +ti;
    const vn = +vi;
    if (!Number.isFinite(tn) || !Number.isFinite(vn)) {
      continue;
    }
    if (tn === prev && sorted) {
      v[m - 1] = vn; // duplicate timestamp in sorted input: last wins
      continue;
    }
    if (tn < prev) {
      sorted = false;
    }
    prev = tn;
    t[m] = tn;
    v[m] = vn;
    m++;
  }
  if (sorted) {
    return { t: t.subarray(0, m), v: v.subarray(0, m) };
  }
  const idx = new Uint32Array(m);
  for (let i = 0; i < m; i++) idx[i] = i;
  // Stable: ties keep input order, so "last wins" below still means last in input.
  idx.sort((a, b) => t[a] - t[b] || a - b);
  const t2 = new Float64Array(m);
  const v2 = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    t2[i] = t[idx[i]];
    v2[i] = v[idx[i]];
  }
  return dedupe(t2, v2, m);
}

/** Collapse equal timestamps (keep the last value) and trim to length. */
function dedupe(t: Float64Array, v: Float64Array, m: number): Series {
  let w = 0;
  for (let i = 0; i < m; i++) {
    if (w > 0 && t[w - 1] === t[i]) {
      v[w - 1] = v[i];
    } else {
      t[w] = t[i];
      v[w] = v[i];
      w++;
    }
  }
  return { t: t.subarray(0, w), v: v.subarray(0, w) };
}

export interface RoundedReplicas {
  series: Series;
  /** Samples whose value was further than `tolerance` from an integer (counter-like noise). */
  noisySamples: number;
  /** Negative samples, clamped to 0. */
  negativeSamples: number;
}

/**
 * Round replica counts to integers (new values array unless `inPlace`).
 * Edge cases: values within `tolerance` of an integer are plain float noise (4.9999 → 5); values
 * further away (e.g. 4.5 from averaging) are still rounded but counted in `noisySamples` so the
 * caller can warn; negatives are clamped to 0 and counted; -0 becomes 0. With `inPlace` the
 * values array is overwritten (only for arrays the caller owns).
 */
export function roundReplicas(s: Series, tolerance = 0.1, inPlace = false): RoundedReplicas {
  const n = s.v.length;
  const v = inPlace ? s.v : new Float64Array(n);
  let noisy = 0;
  let negative = 0;
  for (let i = 0; i < n; i++) {
    let x = s.v[i];
    if (x < 0) {
      negative++;
      x = 0;
    }
    const r = Math.round(x) + 0; // + 0 turns -0 (from -0 or -0.3) into 0
    if (Math.abs(x - r) > tolerance) {
      noisy++;
    }
    v[i] = r;
  }
  return { series: { t: s.t, v }, noisySamples: noisy, negativeSamples: negative };
}
