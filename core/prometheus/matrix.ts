// Wire samples → numbers. Prometheus sends [unixSeconds, "value"] pairs; frames want unix ms and
// floats. Values "NaN", "+Inf", "-Inf" map to the JS numbers; anything unparseable becomes NaN.
import { Labels, MatrixSeries, NumericSeries, SamplePair, VectorSample } from './types';

export function sampleValue(s: string): number {
  // Number() handles "1e3", "NaN" and "Infinity" but not Prometheus' "+Inf"/"-Inf".
  if (s === '+Inf') {
    return Infinity;
  }
  if (s === '-Inf') {
    return -Infinity;
  }
  const x = Number(s);
  return s === '' ? NaN : x;
}

export function matrixToSeries(result: readonly MatrixSeries[]): NumericSeries[] {
  const out: NumericSeries[] = new Array(result.length);
  for (let k = 0; k < result.length; k++) {
    const values = result[k].values;
    const n = values.length;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = values[i];
      t[i] = p[0] * 1000;
      v[i] = sampleValue(p[1]);
    }
    out[k] = { labels: result[k].metric ?? {}, t, v };
  }
  return out;
}

export function vectorToSamples(result: readonly VectorSample[]): Array<{ labels: Labels; t: number; v: number }> {
  return result.map((s) => ({ labels: s.metric ?? {}, t: s.value[0] * 1000, v: sampleValue(s.value[1]) }));
}

/** A stable key for a label set (sorted names), to match one series across query chunks. */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}\u0001${labels[k]}`)
    .join('\u0002');
}

/**
 * Merges matrix results of consecutive time chunks into one result: samples of the same label set
 * are concatenated in time order; a sample repeated at a chunk boundary is kept once.
 */
export function mergeMatrices(chunks: readonly (readonly MatrixSeries[])[]): MatrixSeries[] {
  const byKey = new Map<string, MatrixSeries>();
  for (const chunk of chunks) {
    for (const s of chunk) {
      const key = labelsKey(s.metric ?? {});
      const prev = byKey.get(key);
      if (!prev) {
        byKey.set(key, { metric: s.metric ?? {}, values: s.values.slice() });
        continue;
      }
      const last = prev.values.length ? prev.values[prev.values.length - 1][0] : -Infinity;
      for (const p of s.values as SamplePair[]) {
        if (p[0] > last) {
          prev.values.push(p);
        }
      }
    }
  }
  return [...byKey.values()];
}

/**
 * Chunked matrix answers straight to numeric series (the fast path for long ranges): one typed
 * array per label set, filled once, no intermediate arrays; a sample repeated at a chunk boundary
 * (or any sample not after the previous one) is dropped. Chunks must be in time order.
 */
export function chunksToSeries(chunks: readonly (readonly MatrixSeries[])[]): NumericSeries[] {
  const groups = new Map<string, { labels: Labels; parts: SamplePair[][]; n: number }>();
  for (const chunk of chunks) {
    for (const s of chunk) {
      const labels = s.metric ?? {};
      const key = labelsKey(labels);
      let g = groups.get(key);
      if (!g) {
        g = { labels, parts: [], n: 0 };
        groups.set(key, g);
      }
      g.parts.push(s.values);
      g.n += s.values.length;
    }
  }
  const out: NumericSeries[] = [];
  for (const g of groups.values()) {
    const t = new Float64Array(g.n);
    const v = new Float64Array(g.n);
    let m = 0;
    let last = -Infinity;
    for (const part of g.parts) {
      for (let i = 0; i < part.length; i++) {
        const p = part[i];
        const ts = p[0] * 1000;
        if (ts <= last) {
          continue;
        }
        last = ts;
        t[m] = ts;
        const raw = p[1];
        v[m] = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw === '' ? NaN : +raw;
        m++;
      }
    }
    out.push({ labels: g.labels, t: m === g.n ? t : t.slice(0, m), v: m === g.n ? v : v.slice(0, m) });
  }
  return out;
}
