// The state timeline's segments: each sample's value holds from its time until the next sample,
// as Grafana's state-timeline draws Prometheus series. Pure.
// Edge cases: a gap longer than twice the step (a missing series) ends the segment one step after
// its sample (Grafana inserts a null there); a null/NaN value draws nothing; with merge, equal
// neighbours join into one segment; the last sample holds for one step (not to the range end).

export interface StateSegment {
  start: number;
  end: number;
  value: number | string | boolean;
}

export function stateSegments(
  times: ArrayLike<number>,
  values: ArrayLike<unknown>,
  options: { merge: boolean; stepMs?: number }
): StateSegment[] {
  const n = Math.min(times.length, values.length);
  let step = options.stepMs && options.stepMs > 0 ? options.stepMs : Infinity;
  if (!Number.isFinite(step)) {
    // Without a declared step: the smallest spacing of the samples.
    for (let i = 1; i < n; i++) {
      const d = times[i] - times[i - 1];
      if (d > 0 && d < step) {
        step = d;
      }
    }
  }
  const out: StateSegment[] = [];
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
      continue;
    }
    const start = times[i];
    const next = i + 1 < n ? times[i + 1] : Infinity;
    const end = Number.isFinite(step) ? (next - start > 2 * step ? start + step : next) : next === Infinity ? start : next;
    const last = out[out.length - 1];
    if (options.merge && last && last.value === value && last.end === start) {
      last.end = end;
    } else {
      out.push({ start, end: end === Infinity ? start : end, value: value as StateSegment['value'] });
    }
  }
  return out;
}
