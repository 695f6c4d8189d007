// Replay and sampling: the simulator replayed once from its anchor, one clear occurrence per scenario.
import { EventKind, IncidentKind, Occurrence, schedule } from '../../../stack/simulator/incidents';
import { DAY, Simulator } from '../../../stack/simulator/model';
import { SCRAPE_LABELS } from '../../../stack/simulator/series';
import { iso } from './format';
import { ANCHOR, BEFORE, EVAL, SEED, START, STEP } from './replaySettings';
import { InSeries, Labels, Scenario, Window } from './types';
import { range } from './windowSeries';

/**
 * Candidate occurrences of a scenario: those of the last two days (or `within`) before START, with the tail and the lead after the history's anchor,
 * that no related incident or event overlaps, from an hour before the window to its end. The
 * last candidate whose data is at rest before the silent check is the one written (see `sample`).
 */
function candidates(sc: Scenario): Occurrence<IncidentKind | EventKind>[] {
  const within = sc.within ?? 2 * DAY;
  const all = schedule(SEED, START - within - DAY, START + DAY);
  return all.filter((o) => {
    if (o.kind !== sc.kind || o.start < START - within || o.start - sc.lead - sc.reach < ANCHOR || o.start + sc.tail > START) return false;
    const from = o.start - sc.lead - sc.reach;
    const to = o.start + sc.tail;
    return !all.some((x) => x !== o && sc.related.includes(x.kind) && x.start < to && Math.max(x.end, x.start + 1) > from);
  });
}

function storedLabels(own: Readonly<Labels>): Labels {
  const l: Labels = { ...own };
  for (const [k, v] of Object.entries(SCRAPE_LABELS)) if (!(k in l)) l[k] = v;
  return l;
}

/** Replays the simulator once from its anchor and samples the candidate windows; picks one per scenario. */
export function sample(scenarios: Scenario[]): Window[] {
  const wins = scenarios.flatMap((sc, si) =>
    candidates(sc).map((occ) => {
      const t0 = Math.floor((occ.start - sc.lead) / EVAL) * EVAL;
      const n = Math.floor((occ.start + sc.tail - t0) / STEP) + 1;
      return { sc, si, w: { occ, t0, n, series: [] as InSeries[] } as Window, index: new Map<string, InSeries>() };
    }),
  );
  const from = Math.min(...wins.map((x) => x.w.t0));
  const to = Math.max(...wins.map((x) => x.w.t0 + (x.w.n - 1) * STEP));
  const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
  for (let t = from; t <= to; t += STEP) {
    sim.advanceToTime(t);
    if (sim.t !== t) throw new Error(`tick at ${sim.t}, wanted ${t}`);
    const live = wins.filter((x) => t >= x.w.t0 && t <= x.w.t0 + (x.w.n - 1) * STEP);
    if (!live.length) continue;
    sim.collect((s, v) => {
      for (const x of live) {
        if (!x.sc.families.includes(s.name)) continue;
        let is = x.index.get(s.stored);
        if (!is) {
          if (t !== x.w.t0) throw new Error(`${s.stored} appears in the middle of the ${x.sc.kind} window`);
          is = { name: s.name, labels: storedLabels(s.labels), text: s.stored, values: [] };
          x.index.set(s.stored, is);
          x.w.series.push(is);
        }
        is.values.push(v);
      }
    });
  }
  return scenarios.map((sc, si) => {
    const ok = wins.filter((x) => {
      if (x.si !== si) return false;
      for (const s of x.w.series) if (s.values.length !== x.w.n) throw new Error(`${s.text}: ${s.values.length} of ${x.w.n} samples`);
      const control = Math.floor((x.w.occ.start - BEFORE - x.w.t0) / EVAL) * EVAL;
      return !sc.rest || range(0, control + STEP, STEP).every((T) => sc.rest!(x.w, T));
    });
    if (!ok.length) throw new Error(`no occurrence of ${sc.kind} in the ${(sc.within ?? 2 * DAY) / DAY} days before ${iso(START)} is clear of related incidents`);
    const w = ok[ok.length - 1].w;
    w.series.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return w;
  });
}
