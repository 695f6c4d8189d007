// History for the recording rules the dashboards read. Prometheus evaluates rules only from the
// moment it starts, so without this every dashboard on a fresh demo shows minutes of history.
// `promtool tsdb create-blocks-from rules` does this but is slow here (127 s for one day of the
// whole rule set; 31 s for one day of only the dashboards' cheap rules, 247 tiny blocks), so we do
// what it does ourselves: one query_range per rule against a Prometheus that serves the backfilled
// raw history (no scrape, no rules, on the stack's own port before the real one starts), written
// as OpenMetrics and turned into a few blocks by `promtool tsdb create-blocks-from openmetrics`.
// The blocks land in the cached data directory, so a later start only fills the gap.
// The 30-day SLO rules read other recording rules (their 5 min rates), so evaluation goes in
// stages: the rules they read first (over the whole raw history), then, on a Prometheus restarted
// to see those blocks, the rules that read them (on a 5 min grid), and so on.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { BLOCK_SECONDS, runPromtool } from './backfill';
import { REPO_ROOT } from './config';
import { DAY } from './simulator/model';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** A recording rule picked for history, with how far back and on which grid it is evaluated. */
export interface PlannedRule extends RecordingRule {
  /** Days of history before now; Infinity: as far back as the raw history goes. */
  days: number;
  /** 'fine': 5 min steps, 1 min within the last day (ruleSegments); 'coarse': 5 min steps throughout (coarseSegments). */
  grid: 'fine' | 'coarse';
  /** 0: reads only raw series; n: reads rules of stages below n, one of them n - 1 (their history must be in the blocks first). */
  stage: number;
}

/** Rules whose longest range selector is above this are "long" (the 30-day SLO rules): coarse grid, whole history. */
const MAX_WINDOW_SECONDS = 3 * DAY;
/**
 * Step of the coarse grid. 5 min is the coarsest at which a range query still draws a line (the
 * lookback of an instant selector is 5 min), and the grid the raw history has beyond a week.
 */
export const COARSE_STEP = 300;
/** Points per query_range (Prometheus refuses more than 11,000). */
export const MAX_POINTS = 10000;
const UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: DAY, w: 7 * DAY, y: 365 * DAY };

/** Longest `[range]` or `[range:step]` in an expression, in seconds (0 without one). */
export function longestWindow(expr: string): number {
  let max = 0;
  for (const m of expr.matchAll(/\[((?:\d+(?:ms|[smhdwy]))+)(?::[^\]]*)?\]/g)) {
    let s = 0;
    for (const p of m[1].matchAll(/(\d+)(ms|[smhdwy])/g)) s += Number(p[1]) * UNIT[p[2]];
    max = Math.max(max, s);
  }
  return max;
}

const nameIn = (name: string, text: string) =>
  new RegExp(`(^|[^a-zA-Z0-9_:])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-zA-Z0-9_:])`).test(text);

/**
 * Which recording rules get history, how far back and on which grid:
 * - a rule a dashboard uses: `ruleDays` on the fine grid;
 * - a long rule (a range above 3 days, or reading a long rule, like the 30-day budgets) a
 *   dashboard uses, and every rule it reads (transitively): the whole raw history (a 30-day rule
 *   needs 30 days of its 5 min inputs), long ones on the coarse grid, the others on the fine grid;
 * - a rule that a picked rule reads gets at least the reader's days.
 * Stages order the evaluation: a rule comes after every rule it reads. Edge cases: several rules
 * with one record name (differing labels) are read together; a record name inside a string
 * (`{__name__="..."}`) also counts as a read (it only costs history); a cycle is cut where it
 * closes; ruleDays 0 leaves the short rules out unless a long one reads them.
 */
export function planRules(all: RecordingRule[], used: (record: string) => boolean, ruleDays: number): PlannedRule[] {
  const byRecord = new Map<string, RecordingRule[]>();
  for (const r of all) byRecord.set(r.record, [...(byRecord.get(r.record) ?? []), r]);
  const reads = (r: RecordingRule) => [...byRecord.keys()].filter((n) => n !== r.record && nameIn(n, r.expr)).flatMap((n) => byRecord.get(n)!);

  // Stage and length of each rule, from the rules it reads.
  const info = new Map<RecordingRule, { stage: number; long: boolean }>();
  const open = new Set<RecordingRule>();
  const describe = (r: RecordingRule): { stage: number; long: boolean } => {
    const known = info.get(r);
    if (known) return known;
    if (open.has(r)) return { stage: -1, long: false }; // a cycle: nothing to order
    open.add(r);
    const inputs = reads(r).map(describe);
    open.delete(r);
    const d = { stage: Math.max(-1, ...inputs.map((i) => i.stage)) + 1, long: longestWindow(r.expr) > MAX_WINDOW_SECONDS || inputs.some((i) => i.long) };
    info.set(r, d);
    return d;
  };

  const days = new Map<RecordingRule, number>();
  const need = (r: RecordingRule, d: number) => {
    if (d <= 0 || (days.get(r) ?? 0) >= d) return;
    days.set(r, d);
    for (const x of reads(r)) need(x, d);
  };
  for (const r of all) if (used(r.record)) need(r, describe(r).long ? Infinity : ruleDays);
  return all
    .filter((r) => days.has(r))
    .map((r) => ({ record: r.record, expr: r.expr, labels: r.labels, days: days.get(r)!, grid: describe(r).long ? 'coarse' : 'fine', stage: describe(r).stage }));
}

/** Every recording rule of the rule files, in file order. */
export function readRecordingRules(ruleFiles: string[]): RecordingRule[] {
  const rules: RecordingRule[] = [];
  for (const file of ruleFiles) {
    const doc = yaml.load(fs.readFileSync(file, 'utf8')) as { groups?: { rules?: Partial<RecordingRule>[] }[] } | null;
    for (const g of doc?.groups ?? []) {
      for (const r of g.rules ?? []) if (r.record && r.expr) rules.push({ record: r.record, expr: r.expr, labels: r.labels });
    }
  }
  return rules;
}

/**
 * The rules of `ruleFiles` to backfill for the dashboards of `dashboardsDir` (see planRules), with
 * a key for the history cache (a hash of the plan: names, expressions, labels, days, grids):
 * another plan means another history.
 */
export function historyRules(ruleFiles: string[], ruleDays: number, dashboardsDir = path.join(REPO_ROOT, 'dashboards', 'out')): { rules: PlannedRule[]; key: string } {
  const text = fs.existsSync(dashboardsDir)
    ? fs
        .readdirSync(dashboardsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => fs.readFileSync(path.join(dashboardsDir, f), 'utf8'))
        .join('\n')
    : '';
  const rules = planRules(readRecordingRules(ruleFiles), (record) => nameIn(record, text), ruleDays);
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify(rules.map((r) => ({ ...r, days: String(r.days) }))))
    .digest('hex')
    .slice(0, 12);
  return { rules, key };
}

export interface Segment {
  start: number;
  end: number;
  step: number;
}

const up = (t: number, step: number) => Math.floor(t / step) * step + step; // first grid point > t

/** Fine grid by age, like the raw backfill's spacing: 1 min for the last day, 5 min before. */
export function ruleSegments(from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const recent = Math.max(from, to - DAY);
  if (recent > from) {
    const start = up(from, 300);
    const end = Math.floor(recent / 300) * 300;
    if (end >= start) out.push({ start, end, step: 300 });
  }
  const start = up(out.length ? out[0].end : from, 60);
  const end = Math.floor(to / 60) * 60;
  if (end >= start) out.push({ start, end, step: 60 });
  return out;
}

/**
 * Coarse grid: every COARSE_STEP with from < t <= to, and `to` itself, so that the live
 * evaluation (which starts some seconds after `to`) joins on within the 5 min lookback. A later
 * gap starts after `to`, so the extra point is never evaluated twice; from >= to is nothing.
 */
export function coarseSegments(from: number, to: number): Segment[] {
  if (from >= to) return [];
  const start = up(from, COARSE_STEP);
  const end = Math.floor(to / COARSE_STEP) * COARSE_STEP;
  const out = end >= start ? [{ start, end, step: COARSE_STEP }] : [];
  return end === to ? out : [...out, { start: to, end: to, step: COARSE_STEP }];
}

/** Splits segments into consecutive pieces of at most `max` points each (same points, same order). */
export function splitSegments(segments: Segment[], max = MAX_POINTS): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    for (let start = s.start; start <= s.end; start += max * s.step) out.push({ start, end: Math.min(s.end, start + (max - 1) * s.step), step: s.step });
  }
  return out;
}

/** The query_range calls for one rule over (from, to]: its days back from `to`, on its grid. */
export function planSegments(rule: PlannedRule, from: number, to: number): Segment[] {
  const start = Math.max(from, to - rule.days * DAY);
  return splitSegments(rule.grid === 'coarse' ? coarseSegments(start, to) : ruleSegments(start, to));
}

interface Matrix {
  metric: Record<string, string>;
  values: [number, string][];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export interface RuleHistoryOptions {
  rules: PlannedRule[];
  /** Evaluate at grid points with from < t <= to (unix seconds), each rule at most its days back. */
  from: number;
  to: number;
  tsdbDir: string;
  workDir: string;
  promtool: string;
  /**
   * Starts a Prometheus that serves tsdbDir (no scrape, no rules) and resolves to its URL and a
   * stop function. Called once per stage, so that a stage reads the blocks of the stages before.
   */
  serve: () => Promise<{ url: string; stop: () => Promise<void> }>;
}

export interface RuleHistoryStats {
  rules: number;
  stages: number;
  samples: number;
  blocks: number;
  /** Time spent starting the serving Prometheus, querying, and converting to blocks. */
  serveMs: number;
  queryMs: number;
  convertMs: number;
  ms: number;
}

async function queryRange(base: string, expr: string, seg: Segment): Promise<Matrix[]> {
  const res = await fetch(`${base}/api/v1/query_range`, {
    method: 'POST',
    body: new URLSearchParams({ query: expr, start: String(seg.start), end: String(seg.end), step: String(seg.step), timeout: '120s' }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`query_range failed (HTTP ${res.status}): ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { data: { result: Matrix[] } }).data.result;
}

/** One rule's results over its segments, by series name (`record{labels}`), in time order. */
async function evaluate(url: string, rule: PlannedRule, from: number, to: number): Promise<Map<string, [number, string][]>> {
  const series = new Map<string, [number, string][]>();
  for (const seg of planSegments(rule, from, to)) {
    for (const s of await queryRange(url, rule.expr, seg)) {
      const labels = { ...s.metric, ...(rule.labels ?? {}) };
      delete labels.__name__;
      const name = `${rule.record}{${Object.keys(labels)
        .sort()
        .map((k) => `${k}="${escape(labels[k])}"`)
        .join(',')}}`;
      series.set(name, [...(series.get(name) ?? []), ...s.values]);
    }
  }
  return series;
}

/**
 * Evaluates one stage's rules into one OpenMetrics file per block window (`<prefix>-<window>.om`:
 * promtool reads its whole input once per window, so one big file would cost windows x size).
 * Returns the files and the number of samples.
 */
async function writeStage(url: string, rules: PlannedRule[], o: RuleHistoryOptions, prefix: string): Promise<{ files: string[]; samples: number }> {
  // One work item per record name, so that a metric family's lines stay together in each file.
  const records = [...new Set(rules.map((r) => r.record))].map((rec) => rules.filter((r) => r.record === rec));
  const fds = new Map<number, number>();
  let samples = 0;
  try {
    // Two queries at a time: Prometheus gets one core, node and the writing the other.
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const byWindow = new Map<number, string[]>();
        for (const rule of records[next++]) {
          for (const [name, values] of await evaluate(url, rule, o.from, o.to)) {
            samples += values.length;
            for (const [t, v] of values) {
              const w = Math.floor(t / BLOCK_SECONDS);
              const lines = byWindow.get(w) ?? [];
              lines.push(`${name} ${v} ${t}\n`);
              byWindow.set(w, lines);
            }
          }
        }
        for (const [w, lines] of byWindow) {
          if (!fds.has(w)) fds.set(w, fs.openSync(`${prefix}-${w}.om`, 'w'));
          fs.writeSync(fds.get(w)!, lines.join(''));
        }
      }
    };
    await Promise.all([worker(), worker()]);
    for (const fd of fds.values()) fs.writeSync(fd, '# EOF\n');
  } finally {
    for (const fd of fds.values()) fs.closeSync(fd);
  }
  return { files: [...fds.keys()].sort((a, b) => a - b).map((w) => `${prefix}-${w}.om`), samples };
}

/** Turns OpenMetrics files into blocks in tsdbDir, two promtool processes at a time; returns the block count. */
async function convert(files: string[], o: RuleHistoryOptions): Promise<number> {
  let blocks = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const outDir = `${file}.blocks`;
      try {
        await runPromtool(o.promtool, file, outDir);
        for (const ulid of fs.readdirSync(outDir)) {
          fs.renameSync(path.join(outDir, ulid), path.join(o.tsdbDir, ulid));
          blocks++;
        }
      } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
        fs.rmSync(file, { force: true });
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return blocks;
}

/**
 * Evaluates `rules` over (from, to] stage by stage, each on a freshly started Prometheus that
 * serves tsdbDir, and writes each stage's results as blocks into tsdbDir before the next.
 */
export async function ruleHistory(o: RuleHistoryOptions): Promise<RuleHistoryStats> {
  const t0 = Date.now();
  const stageCount = Math.max(-1, ...o.rules.map((r) => r.stage)) + 1;
  const stats: RuleHistoryStats = { rules: o.rules.length, stages: stageCount, samples: 0, blocks: 0, serveMs: 0, queryMs: 0, convertMs: 0, ms: 0 };
  if (o.rules.every((r) => planSegments(r, o.from, o.to).length === 0)) return stats;
  fs.mkdirSync(o.workDir, { recursive: true });
  for (let stage = 0; stage < stageCount; stage++) {
    const rules = o.rules.filter((r) => r.stage === stage && planSegments(r, o.from, o.to).length > 0);
    if (rules.length === 0) continue;
    let t = Date.now();
    const server = await o.serve();
    stats.serveMs += Date.now() - t;
    t = Date.now();
    let written: { files: string[]; samples: number };
    try {
      written = await writeStage(server.url, rules, o, path.join(o.workDir, `rules-${stage}`));
    } finally {
      await server.stop();
    }
    stats.queryMs += Date.now() - t;
    stats.samples += written.samples;
    t = Date.now();
    stats.blocks += await convert(written.files, o);
    stats.convertMs += Date.now() - t;
  }
  stats.ms = Date.now() - t0;
  return stats;
}
