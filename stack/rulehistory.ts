// History for the recording rules the dashboards read. Prometheus evaluates rules only from the
// moment it starts, so without this every dashboard on a fresh demo shows minutes of history.
// `promtool tsdb create-blocks-from rules` does this but is slow here (127 s for one day of the
// whole rule set; 31 s for one day of only the dashboards' cheap rules, 247 tiny blocks), so we do
// what it does ourselves: one query_range per rule against a Prometheus that serves the backfilled
// raw history (no scrape, no rules, on the stack's own port before the real one starts), written
// as OpenMetrics and turned into a few blocks by `promtool tsdb create-blocks-from openmetrics`.
// The blocks land in the cached data directory, so a later start only fills the gap.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { runPromtool } from './backfill';
import { REPO_ROOT } from './config';
import { DAY } from './simulator/model';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** Rules whose longest range selector is above this are left out (30d budgets: one instant value). */
const MAX_WINDOW_SECONDS = 3 * DAY;
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

/**
 * The recording rules of `ruleFiles` whose record name a dashboard of `dashboardsDir` uses, with a
 * range of at most 3 days. Returns them with a key (a hash of names, expressions and labels) for
 * the history cache: another rule set means another history.
 */
export function dashboardRules(ruleFiles: string[], dashboardsDir = path.join(REPO_ROOT, 'dashboards', 'out')): { rules: RecordingRule[]; key: string } {
  const text = fs.existsSync(dashboardsDir)
    ? fs
        .readdirSync(dashboardsDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => fs.readFileSync(path.join(dashboardsDir, f), 'utf8'))
        .join('\n')
    : '';
  const used = (record: string) => new RegExp(`(^|[^a-zA-Z0-9_:])${record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-zA-Z0-9_:])`).test(text);
  const rules: RecordingRule[] = [];
  for (const file of ruleFiles) {
    const doc = yaml.load(fs.readFileSync(file, 'utf8')) as { groups?: { rules?: Partial<RecordingRule>[] }[] } | null;
    for (const g of doc?.groups ?? []) {
      for (const r of g.rules ?? []) {
        if (!r.record || !r.expr || !used(r.record) || longestWindow(r.expr) > MAX_WINDOW_SECONDS) continue;
        rules.push({ record: r.record, expr: r.expr, labels: r.labels });
      }
    }
  }
  const key = crypto.createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 12);
  return { rules, key };
}

/** Evaluation step by age, like the raw backfill's spacing: 1 min for the last day, 5 min before. */
export function ruleSegments(from: number, to: number): { start: number; end: number; step: number }[] {
  const out: { start: number; end: number; step: number }[] = [];
  const recent = Math.max(from, to - DAY);
  const up = (t: number, step: number) => Math.floor(t / step) * step + step; // first grid point > t
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

interface Matrix {
  metric: Record<string, string>;
  values: [number, string][];
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export interface RuleHistoryOptions {
  prometheusUrl: string;
  rules: RecordingRule[];
  /** Evaluate at grid points with from < t <= to (unix seconds). */
  from: number;
  to: number;
  tsdbDir: string;
  workDir: string;
  promtool: string;
}

export interface RuleHistoryStats {
  rules: number;
  samples: number;
  blocks: number;
  queryMs: number;
  ms: number;
}

async function queryRange(base: string, expr: string, start: number, end: number, step: number): Promise<Matrix[]> {
  const res = await fetch(`${base}/api/v1/query_range`, {
    method: 'POST',
    body: new URLSearchParams({ query: expr, start: String(start), end: String(end), step: String(step), timeout: '60s' }),
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`query_range failed (HTTP ${res.status}): ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { data: { result: Matrix[] } }).data.result;
}

/** Evaluates `rules` over (from, to] on `prometheusUrl` and writes the results as blocks into tsdbDir. */
export async function ruleHistory(o: RuleHistoryOptions): Promise<RuleHistoryStats> {
  const t0 = Date.now();
  const stats: RuleHistoryStats = { rules: o.rules.length, samples: 0, blocks: 0, queryMs: 0, ms: 0 };
  const segments = ruleSegments(o.from, o.to);
  if (segments.length === 0 || o.rules.length === 0) return stats;
  fs.mkdirSync(o.workDir, { recursive: true });
  const file = path.join(o.workDir, 'rules.om');
  const fd = fs.openSync(file, 'w');
  try {
    // Two queries at a time: Prometheus gets one core, node and the writing the other.
    let next = 0;
    const worker = async () => {
      while (next < o.rules.length) {
        const rule = o.rules[next++];
        const series = new Map<string, string[]>();
        for (const seg of segments) {
          for (const s of await queryRange(o.prometheusUrl, rule.expr, seg.start, seg.end, seg.step)) {
            const labels = { ...s.metric, ...(rule.labels ?? {}) };
            delete labels.__name__;
            const name = `${rule.record}{${Object.keys(labels)
              .sort()
              .map((k) => `${k}="${escape(labels[k])}"`)
              .join(',')}}`;
            const lines = series.get(name) ?? [];
            for (const [t, v] of s.values) lines.push(`${name} ${v} ${t}\n`);
            series.set(name, lines);
          }
        }
        const text = [...series.values()].map((l) => l.join('')).join('');
        stats.samples += [...series.values()].reduce((a, l) => a + l.length, 0);
        fs.writeSync(fd, text);
      }
    };
    const tq = Date.now();
    await Promise.all([worker(), worker()]);
    stats.queryMs = Date.now() - tq;
    fs.writeSync(fd, '# EOF\n');
  } finally {
    fs.closeSync(fd);
  }
  if (stats.samples > 0) {
    const outDir = path.join(o.workDir, 'rule-blocks');
    await runPromtool(o.promtool, file, outDir);
    for (const ulid of fs.readdirSync(outDir)) {
      fs.renameSync(path.join(outDir, ulid), path.join(o.tsdbDir, ulid));
      stats.blocks++;
    }
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.rmSync(file, { force: true });
  stats.ms = Date.now() - t0;
  return stats;
}
