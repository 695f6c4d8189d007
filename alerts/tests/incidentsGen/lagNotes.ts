// The header notes of a replication lag scenario: the lag before, its peak, and when it was above each line.
import { BEFORE, STEP } from './replaySettings';
import { fmt } from './format';
import { InSeries, Window } from './types';
import { instant } from './windowSeries';

export function lagNotes(w: Window, at: (off: number) => number, s: InSeries, line: number): string[] {
  const rel = (i: number) => fmt((i * STEP + w.t0 - w.occ.start) / 60, 1);
  const above = (l: number) => s.values.map((v, i) => (v > l ? i : -1)).filter((i) => i >= 0);
  const peak = Math.max(...s.values);
  const out = [`${s.text}: ${fmt(instant(s, at(-BEFORE)))} s before, peak ${fmt(peak)} s at ${rel(s.values.indexOf(peak))} min`];
  for (const l of line === 1 ? [1] : [1, line]) {
    const a = above(l);
    out.push(a.length ? `above ${l} s from ${rel(a[0])} to ${rel(a[a.length - 1])} min after the start` : `never above ${l} s`);
  }
  return out;
}
