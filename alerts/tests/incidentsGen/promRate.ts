// Prometheus 2.x rate() over a sampled window, to compute the $value an alert shows.
import { STEP } from './replaySettings';
import { InSeries } from './types';

/** Prometheus 2.x extrapolatedRate (promql/functions.go) over [T - range, T], samples every STEP. */
export function rate(s: InSeries, T: number, range: number): number {
  const pts: [number, number][] = [];
  for (let i = 0; i < s.values.length; i++) {
    const ts = i * STEP;
    if (ts >= T - range && ts <= T) pts.push([ts, s.values[i]]);
  }
  if (pts.length < 2) return NaN;
  let result = pts[pts.length - 1][1] - pts[0][1];
  let last = 0;
  for (const [, v] of pts) {
    if (v < last) result += last;
    last = v;
  }
  const rangeStart = T - range;
  let durationToStart = pts[0][0] - rangeStart;
  const durationToEnd = T - pts[pts.length - 1][0];
  const sampled = pts[pts.length - 1][0] - pts[0][0];
  const avg = sampled / (pts.length - 1);
  if (result > 0 && pts[0][1] >= 0) {
    const durationToZero = sampled * (pts[0][1] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = avg * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += durationToStart < threshold ? durationToStart : avg / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : avg / 2;
  return (result * (extrapolateTo / sampled)) / range;
}
export const sumRate = (list: InSeries[], T: number, range: number): number => list.reduce((a, s) => a + rate(s, T, range), 0);
