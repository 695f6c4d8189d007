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
      t[i] = Math.round(p[0] * 1000);
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
