// Reading a sampled window: its series by name and labels, a value at a test time, test times.
import { STEP } from './replaySettings';
import { InSeries, Labels, Window } from './types';

export const find = (w: Window, name: string, match: Labels = {}): InSeries[] =>
  w.series.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
export const one = (w: Window, name: string, match: Labels = {}): InSeries => {
  const s = find(w, name, match);
  if (s.length !== 1) throw new Error(`${name}${JSON.stringify(match)}: ${s.length} series`);
  return s[0];
};
/** Instant value at test time T (a sample lies on every STEP). */
export const instant = (s: InSeries, T: number): number => s.values[Math.floor(T / STEP)];

/** from, from + step, ... below to. */
export function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v < to; v += step) out.push(v);
  return out;
}
