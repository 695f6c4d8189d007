// The model the generated SLO-spec tests (testgen.ts) are checked against, independent of the
// PromQL: which burn tiers and outage alerts of a resolved SLO must fire, or stay silent, at an
// evaluation time, for steady traffic with a constant bad share that starts with the data.
// Anything the model cannot call with a margin is an error, so no assertion sits on an edge.
import { splitMatchers } from './spec';

export interface Tier {
  name: string;
  longWindow: string;
  shortWindow: string;
  factor: number;
  severity: string;
  for: string;
  history: boolean;
  minRequestRate: number;
}

export interface ResolvedSlo {
  name: string;
  service: string;
  sli: { kind: 'availability'; counter: string; selector: string; errorSelector: string } | { kind: 'latency'; histogram: string; selector: string; thresholdSeconds: number };
  objective: number;
  period: string;
  le: string | null;
  buckets: string[] | null;
  tiers: Tier[];
  outage: { window: string; errorRatio: number; minErrors: number; severity: string; for: string } | null;
}

/** A series of the scenario: its labels (with __name__) and its increase per second. */
export interface Series {
  labels: Record<string, string>;
  perSecond: number;
}

export const seconds = (d: string): number => Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[d.slice(-1) as 's']!;

/** Whether labels satisfy a matcher list such as `code=~"5..", handler="/api"` (absent label = ""). */
export function matches(labels: Record<string, string>, selector: string): boolean {
  const ms = splitMatchers(selector);
  if (ms === null) throw new Error(`unreadable selector ${selector}`);
  return ms.every((m) => {
    const [, name, op, raw] = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(".*")$/.exec(m)!;
    const value = JSON.parse(raw) as string;
    const v = labels[name] ?? '';
    if (op === '=') return v === value;
    if (op === '!=') return v !== value;
    const hit = new RegExp(`^(?:${value})$`).test(v);
    return op === '=~' ? hit : !hit;
  });
}

const sum = (series: Series[], name: string, selector: string): number =>
  series.filter((s) => s.labels.__name__ === name && matches(s.labels, selector)).reduce((a, s) => a + s.perSecond, 0);

const base = (slo: ResolvedSlo): string => [`service="${slo.service}"`, slo.sli.selector].filter((p) => p !== '').join(', ');

/** Requests per second and the bad share the SLO sees in the scenario (0 without its series). */
export function sliOf(slo: ResolvedSlo, series: Series[]): { rps: number; bad: number } {
  if (slo.sli.kind === 'availability') {
    const rps = sum(series, slo.sli.counter, base(slo));
    const bad = sum(series, slo.sli.counter, [base(slo), slo.sli.errorSelector].join(', '));
    return { rps, bad: rps > 0 ? bad / rps : 0 };
  }
  const bucket = slo.sli.histogram + '_bucket';
  const rps = sum(series, bucket, `${base(slo)}, le="+Inf"`);
  const hasThreshold = series.some((s) => s.labels.__name__ === bucket && s.labels.le === slo.le && matches(s.labels, base(slo)));
  const fast = sum(series, bucket, `${base(slo)}, le="${slo.le}"`);
  // Without the threshold bucket the recorded slow ratio is 0 (HeadroomSLOSpecBucketMissing says so).
  return { rps, bad: rps > 0 && hasThreshold ? (rps - fast) / rps : 0 };
}

/** Margin (seconds) kept from every edge the model predicts. */
const MARGIN = 8 * 60;

/**
 * Whether a tier fires at `at` seconds after the data started: the condition holds from t0 (the
 * long window's traffic reaches minRequestRate, with `history` its bad ratio times the covered
 * share t/longWindow exceeds the line) and must have held for `for`. null when too close to call.
 */
export function tierFires(slo: ResolvedSlo, t: Tier, rps: number, bad: number, at: number): boolean | null {
  const burn = bad / (1 - slo.objective);
  if (!(burn > t.factor) || rps === 0) return false;
  if (burn < t.factor * 1.05) return null;
  const lw = seconds(t.longWindow);
  const tRatio = t.history ? (lw * t.factor) / burn : 0;
  const tTraffic = (lw * t.minRequestRate) / rps;
  const t0 = Math.max(tRatio, tTraffic) + seconds(t.for);
  if (t0 + MARGIN <= at) return true;
  if (t0 - MARGIN > at) return false;
  return null;
}

/** Whether the outage path fires at `at`: the share over its window and the failed count. */
export function outageFires(slo: ResolvedSlo, rps: number, bad: number, at: number): boolean | null {
  const o = slo.outage;
  if (!o || rps === 0) return false;
  const failed = rps * bad * seconds(o.window);
  if (bad < o.errorRatio - 0.05 || failed < o.minErrors - 1) return false;
  if (bad >= o.errorRatio + 0.05 && failed >= o.minErrors + 1) {
    const t0 = seconds(o.window) + seconds(o.for);
    if (t0 + MARGIN <= at) return true;
    if (t0 - MARGIN > at) return false;
  }
  return null;
}
