import { WorkloadAnalysis } from '../../../core/scaling';
import { BREAK, decimateColumns, PixelColumns } from '../../../core/series/decimate';

/**
 * The samples each line of a row is drawn through (decimateColumns: per device-pixel column the
 * first, lowest, highest and last, BREAK where the pen lifts); null for a line the row lacks.
 * Only drawing uses these: hover and tooltips read the analysis itself.
 */
export interface RowLines {
  current: Int32Array;
  desired: Int32Array | null;
  min: Int32Array | null;
  max: Int32Array | null;
  metric: Int32Array | null;
  target: Int32Array | null;
}

export function rowLines(a: WorkloadAnalysis, columns: PixelColumns): RowLines {
  const t = a.current.t;
  const onReplicas = (v: Float64Array | null) => v && decimateColumns(t, v, a.maxGapMs, columns);
  const m = a.metric;
  return {
    current: decimateColumns(t, a.current.v, a.maxGapMs, columns),
    desired: onReplicas(a.desired),
    min: onReplicas(a.min),
    max: onReplicas(a.max),
    metric: m && decimateColumns(m.s.t, m.s.v, m.lookbackMs, columns),
    target: m && decimateColumns(m.s.t, m.target, m.lookbackMs, columns),
  };
}

/**
 * The highest finite value among the kept samples, and at least `start`. The same as over every
 * sample, since each column keeps its highest; a missing line gives `start`.
 */
export function keptMax(values: ArrayLike<number> | null, keep: Int32Array | null, start = 0): number {
  let m = start;
  if (!values || !keep) return m;
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k];
    if (i !== BREAK && values[i] > m) m = values[i];
  }
  return m;
}
