// What a scenario says and what the replay samples for it.
import { EventKind, IncidentKind, Occurrence } from '../../../stack/simulator/incidents';

export type Labels = Record<string, string>;
export interface InSeries {
  name: string;
  labels: Labels;
  text: string;
  values: number[];
}

export interface Expect {
  /** Static labels that pick the rule (besides alertname), e.g. severity, slo_tier. */
  rule: Labels;
  /** Labels of the result: these series labels kept by the expression ... */
  keep: string[];
  /** ... from the series this selects (name and label values) ... */
  from: { name: string; match?: Labels };
  /** ... plus these (label_replace). */
  extra?: Labels;
  /** The expression's value at the eval time ($value). */
  value: (w: Window, T: number) => number;
}

export interface Check {
  /** Seconds after the occurrence start (rounded down to the evaluation grid). */
  at: number;
  alertname: string;
  why: string;
  fire: Expect[];
}

export interface Scenario {
  kind: IncidentKind;
  /** Incidents and events that touch the same series: none may overlap the window (nor its hour before). */
  related: (IncidentKind | EventKind)[];
  /** The data is at rest from the window start to the silent check (so that check means something). */
  rest?: (w: Window, T: number) => boolean;
  /** Data before the occurrence: the rules' windows and `for:` are full at the silent check. */
  lead: number;
  /** The longest range the rules read (a related incident must end this long before the window). */
  reach: number;
  /** How far before START occurrences are looked for (default two days; a rare incident: its whole period). */
  within?: number;
  file: string;
  title: string;
  families: string[];
  /** Data after the occurrence start. */
  tail: number;
  checks: Check[];
  /** Numbers for the header comment and the index (at test time T). */
  notes: (w: Window, at: (off: number) => number) => string[];
}

export interface Window {
  occ: Occurrence<IncidentKind | EventKind>;
  /** Unix time of test time 0. */
  t0: number;
  n: number;
  series: InSeries[];
}
