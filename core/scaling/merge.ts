import type { Series, SeriesInput } from './types';
import { normaliseSeries } from './series';

export type MergeHow = 'mean' | 'max' | 'sum';

/**
 * Combine several series into one by timestamp (e.g. per-pod utilisation → workload mean,
 * duplicate replica series from HA exporters → max).
 * Edge cases: each timestamp combines only the series that have a valid value there (pods that
 * come and go); invalid points are skipped; one input is returned normalised; none → empty.
 * Timestamps must match exactly to combine (Prometheus range queries align them to the step).
 */
export function mergeSeries(list: readonly (SeriesInput | Series)[], how: MergeHow): Series {
  const parts = list.map((s) => normaliseSeries(s));
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.t.length;
  const t = new Float64Array(total);
  const v = new Float64Array(total);
  let k = 0;
  for (const p of parts) {
    t.set(p.t, k);
    v.set(p.v, k);
    k += p.t.length;
  }
  const idx = new Uint32Array(total);
  for (let i = 0; i < total; i++) idx[i] = i;
  idx.sort((a, b) => t[a] - t[b]);
  const ot = new Float64Array(total);
  const ov = new Float64Array(total);
  let w = -1;
  let count = 0;
  for (let i = 0; i < total; i++) {
    const ti = t[idx[i]];
    const vi = v[idx[i]];
    if (w >= 0 && ot[w] === ti) {
      count++;
      ov[w] = how === 'max' ? Math.max(ov[w], vi) : ov[w] + vi;
    } else {
      if (w >= 0 && how === 'mean') ov[w] /= count;
      w++;
      ot[w] = ti;
      ov[w] = vi;
      count = 1;
    }
  }
  if (w >= 0 && how === 'mean') ov[w] /= count;
  return { t: ot.subarray(0, w + 1), v: ov.subarray(0, w + 1) };
}
