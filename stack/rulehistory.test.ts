/** @jest-environment node */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { BLOCK_SECONDS } from './backfill';
import {
  COARSE_STEP,
  coarseSegments,
  historyRules,
  longestWindow,
  MAX_POINTS,
  planRules,
  planSegments,
  PlannedRule,
  readRecordingRules,
  RecordingRule,
  ruleHistory,
  ruleSegments,
  splitSegments,
} from './rulehistory';
import { REPO_ROOT } from './config';

const DAY = 86400;
const to = 1_700_000_000;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rulehistory-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('longestWindow reads ranges and subqueries', () => {
  expect(longestWindow('sum(rate(x[5m]))')).toBe(300);
  expect(longestWindow('rate(x[1h30m]) / rate(y[3d])')).toBe(3 * 86400);
  expect(longestWindow('rate(x[1h30m])')).toBe(5400);
  expect(longestWindow('max_over_time(x[30d:5m])')).toBe(30 * 86400);
  expect(longestWindow('max by (a) (x)')).toBe(0);
});

test('ruleSegments: 5 min steps before the last day, 1 min within it, on an absolute grid, no overlap', () => {
  const segs = ruleSegments(to - 7 * 86400, to);
  expect(segs.map((s) => s.step)).toEqual([300, 60]);
  for (const s of segs) expect([s.start % s.step, s.end % s.step]).toEqual([0, 0]);
  expect(segs[0].start).toBeGreaterThan(to - 7 * 86400);
  expect(segs[1].start).toBeGreaterThan(segs[0].end);
  expect(segs[1].end).toBeLessThanOrEqual(to);
  expect(to - segs[1].start).toBeLessThanOrEqual(86400 + 300);
  // A short gap (a restart with the cached history) is one 1-minute segment.
  expect(ruleSegments(to - 600, to)).toEqual([{ start: Math.floor((to - 600) / 60) * 60 + 60, end: Math.floor(to / 60) * 60, step: 60 }]);
  expect(ruleSegments(to - 10, to)).toEqual([]);
});

test('coarseSegments: every 5 min on the absolute grid with from < t <= to, and a last point at `to`', () => {
  const [seg, last, ...rest] = coarseSegments(to - 30 * DAY, to);
  expect(rest).toEqual([]);
  expect(seg.step).toBe(COARSE_STEP);
  expect([seg.start % 300, seg.end % 300]).toEqual([0, 0]);
  expect(seg.start).toBeGreaterThan(to - 30 * DAY);
  expect(seg.start - (to - 30 * DAY)).toBeLessThanOrEqual(300);
  expect(to - seg.end).toBeLessThan(300);
  expect(last).toEqual({ start: to, end: to, step: COARSE_STEP });
  // A grid point at `from` is excluded, one at `to` is not doubled; a short gap is its end point.
  const g = Math.floor(to / 300) * 300;
  expect(coarseSegments(g, g + 300)).toEqual([{ start: g + 300, end: g + 300, step: 300 }]);
  expect(coarseSegments(g + 1, g + 299)).toEqual([{ start: g + 299, end: g + 299, step: 300 }]);
  expect(coarseSegments(g, g)).toEqual([]);
});

test('splitSegments keeps every point once, in order, at most MAX_POINTS per query', () => {
  const points = (segs: { start: number; end: number; step: number }[]) => segs.flatMap((s) => Array.from({ length: (s.end - s.start) / s.step + 1 }, (_, i) => s.start + i * s.step));
  const long = [{ start: 0, end: 40 * DAY, step: 60 }, { start: 40 * DAY + 300, end: 41 * DAY, step: 300 }];
  const split = splitSegments(long);
  for (const s of split) expect((s.end - s.start) / s.step + 1).toBeLessThanOrEqual(MAX_POINTS);
  expect(points(split)).toEqual(points(long));
  expect(splitSegments([{ start: 0, end: 9 * 60, step: 60 }], 5)).toEqual([
    { start: 0, end: 240, step: 60 },
    { start: 300, end: 540, step: 60 },
  ]);
  expect(splitSegments([{ start: 60, end: 60, step: 60 }], 5)).toEqual([{ start: 60, end: 60, step: 60 }]);
});

const rule = (record: string, expr: string, labels?: Record<string, string>): RecordingRule => ({ record, expr, labels });
// The shape of the pack's SLO rules: 5 min rates, 30-day ratios of them, budgets of the ratios.
const PACK: RecordingRule[] = [
  rule('ns:req:rate5m', 'sum(rate(req[5m]))'),
  rule('ns:err:rate5m', 'sum(rate(req{code=~"5.."}[5m]))'),
  rule('ns:err:ratio_rate1h', 'sum(rate(req{code=~"5.."}[1h])) / sum(rate(req[1h]))'),
  rule('ns:err:ratio_rate3d', 'sum(rate(req{code=~"5.."}[3d])) / sum(rate(req[3d]))'),
  rule('ns:err:ratio_rate30d', 'sum_over_time(ns:err:rate5m[30d]) / sum_over_time(ns:req:rate5m[30d])'),
  rule('ns:budget:ratio30d', '1 - ns:err:ratio_rate30d / 0.001', { slo: 'availability' }),
  rule('ns:budget:ratio30d', '1 - ns:slow:ratio_rate30d / 0.01', { slo: 'latency' }),
  rule('ns:slow:ratio_rate30d', '1 - sum_over_time(ns:fast:rate5m[30d]) / sum_over_time(ns:req:rate5m[30d])'),
  rule('ns:fast:rate5m', 'sum(rate(req_bucket{le="0.5"}[5m]))'),
  rule('ns:unused:rate5m', 'sum(rate(other[5m]))'),
  rule('ns:unused:ratio_rate30d', 'sum_over_time(ns:unused:rate5m[30d])'),
];
const plan = (used: string[], ruleDays = 7) =>
  Object.fromEntries(planRules(PACK, (r) => used.includes(r), ruleDays).map((r) => [`${r.record}${r.labels ? JSON.stringify(r.labels) : ''}`, `${r.days}d ${r.grid} stage ${r.stage}`]));

test('planRules: dashboard rules get ruleDays on the fine grid; the 30-day rules and what they read the whole history', () => {
  expect(plan(['ns:req:rate5m', 'ns:err:ratio_rate1h', 'ns:err:ratio_rate3d', 'ns:err:ratio_rate30d', 'ns:budget:ratio30d'])).toEqual({
    // read by a 30-day rule: the whole history, fine grid (also when a dashboard reads it too)
    'ns:req:rate5m': 'Infinityd fine stage 0',
    'ns:err:rate5m': 'Infinityd fine stage 0',
    'ns:fast:rate5m': 'Infinityd fine stage 0',
    // short dashboard rules (3 days is still short)
    'ns:err:ratio_rate1h': '7d fine stage 0',
    'ns:err:ratio_rate3d': '7d fine stage 0',
    // long: a 30-day range, or reading one (the budgets, through the ratios they read)
    'ns:err:ratio_rate30d': 'Infinityd coarse stage 1',
    'ns:slow:ratio_rate30d': 'Infinityd coarse stage 1',
    'ns:budget:ratio30d{"slo":"availability"}': 'Infinityd coarse stage 2',
    'ns:budget:ratio30d{"slo":"latency"}': 'Infinityd coarse stage 2',
  });
  // Without a dashboard reading the 30-day rules, their inputs keep ruleDays (or are left out).
  expect(plan(['ns:req:rate5m'], 3)).toEqual({ 'ns:req:rate5m': '3d fine stage 0' });
  expect(plan(['ns:nothing'])).toEqual({});
  // ruleDays 0: only what a long dashboard rule needs.
  expect(Object.keys(plan(['ns:req:rate5m', 'ns:err:ratio_rate30d'], 0)).sort()).toEqual(['ns:err:rate5m', 'ns:err:ratio_rate30d', 'ns:req:rate5m']);
});

test('planRules: a short rule read by a short dashboard rule gets its days; a cycle does not hang', () => {
  const rules = [rule('a:x:rate5m', 'sum(rate(x[5m]))'), rule('a:x:double', '2 * a:x:rate5m'), rule('c:one', 'c:two + 1'), rule('c:two', 'c:one + 1')];
  const p = planRules(rules, (r) => ['a:x:double', 'c:one'].includes(r), 2);
  expect(p.map((r) => `${r.record} ${r.days}d ${r.grid} ${r.stage}`)).toEqual(['a:x:rate5m 2d fine 0', 'a:x:double 2d fine 1', 'c:one 2d fine 1', 'c:two 2d fine 0']);
  // a name that only shares a prefix is not a read
  expect(planRules([rule('a:x', 'sum(x)'), rule('a:x:y', 'sum(a:x:z)')], (r) => r === 'a:x:y', 1).map((r) => r.record)).toEqual(['a:x:y']);
});

test('planSegments: each rule its days back on its grid, never before the history starts', () => {
  const from = to - 30 * DAY - 3600;
  const seg = (days: number, grid: 'fine' | 'coarse') => planSegments({ record: 'r', expr: 'x', days, grid, stage: 0 }, from, to);
  const week = seg(7, 'fine');
  expect(week[0].start).toBeGreaterThan(to - 7 * DAY);
  expect(week[0].start - (to - 7 * DAY)).toBeLessThanOrEqual(300);
  const all = seg(Infinity, 'fine');
  expect(all[0]).toMatchObject({ start: Math.floor(from / 300) * 300 + 300, step: 300 });
  expect(all.at(-1)).toMatchObject({ end: Math.floor(to / 60) * 60, step: 60 });
  expect(new Set(seg(Infinity, 'coarse').map((s) => s.step))).toEqual(new Set([COARSE_STEP]));
  // A cached start fills only the gap, whatever the days.
  expect(planSegments({ record: 'r', expr: 'x', days: Infinity, grid: 'coarse', stage: 1 }, to - 900, to)).toEqual([
    { start: 1699999200, end: 1699999800, step: 300 },
    { start: to, end: to, step: 300 },
  ]);
});

test('historyRules reads the rule files and the dashboards; the key follows the plan', () => {
  const rules = path.join(dir, 'rules.yaml');
  fs.writeFileSync(
    rules,
    `groups:
  - name: a
    rules:
      - record: a:x:rate5m
        expr: sum(rate(x[5m]))
      - record: a:x:rate5m_unused
        expr: sum(rate(x[5m]))
      - record: a:x:rate30d
        expr: sum_over_time(a:x:rate5m[30d])
      - alert: A
        expr: a:x:rate5m > 1
`,
  );
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'out', 'd.json'), JSON.stringify({ expr: 'sum(a:x:rate5m{a="b"}) + a:x:rate30d' }));
  const first = historyRules([rules], 7, path.join(dir, 'out'));
  expect(first.rules.map((r) => `${r.record} ${r.days} ${r.grid}`)).toEqual(['a:x:rate5m Infinity fine', 'a:x:rate30d Infinity coarse']);
  expect(historyRules([rules], 7, path.join(dir, 'out')).key).toBe(first.key);
  expect(historyRules([rules], 3, path.join(dir, 'out')).key).toBe(first.key); // no rule has ruleDays here
  fs.writeFileSync(path.join(dir, 'out', 'd.json'), JSON.stringify({ expr: 'sum(a:x:rate5m{a="b"})' }));
  const short = historyRules([rules], 7, path.join(dir, 'out'));
  expect(short.rules.map((r) => `${r.record} ${r.days}`)).toEqual(['a:x:rate5m 7']);
  expect(short.key).not.toBe(first.key);
  expect(historyRules([rules], 3, path.join(dir, 'out')).key).not.toBe(short.key);
  fs.writeFileSync(rules, fs.readFileSync(rules, 'utf8').replace('sum(rate(x[5m]))', 'max(rate(x[5m]))'));
  expect(historyRules([rules], 7, path.join(dir, 'out')).key).not.toBe(short.key);
});

test('the rules pack: every 30-day rule a dashboard shows, and every rule it reads, gets the whole history', () => {
  const files = ['prometheus_rules.yaml', 'prometheus_alerts.yaml'].map((f) => path.join(REPO_ROOT, 'alerts', f)).filter((f) => fs.existsSync(f));
  const all = readRecordingRules(files);
  const { rules } = historyRules(files, 7);
  const long = rules.filter((r) => longestWindow(r.expr) > 3 * DAY);
  expect(long.map((r) => r.record)).toEqual(expect.arrayContaining(['namespace_service:http_requests_errors:ratio_rate30d', 'namespace_service:http_requests_slow:ratio_rate30d']));
  expect(rules.filter((r) => r.record === 'namespace_service:slo_error_budget_remaining:ratio30d').map((r) => `${r.days} ${r.grid} ${r.stage}`)).toEqual([
    'Infinity coarse 2',
    'Infinity coarse 2',
  ]);
  for (const l of long) {
    expect(l).toMatchObject({ days: Infinity, grid: 'coarse' });
    const inputs = all.filter((r) => l.expr.includes(r.record));
    expect(inputs.length).toBeGreaterThan(0);
    for (const i of inputs) expect(rules.find((r) => r.record === i.record)).toMatchObject({ days: Infinity, grid: 'fine', stage: 0 });
  }
});

describe('ruleHistory', () => {
  // A stand-in for promtool: a block directory holding a copy of the input (the last two arguments).
  const fakePromtool = `#!/bin/sh
for out; do :; done
eval "input=\\\${$(($# - 1))}"
mkdir -p "$out/block-$$" && cp "$input" "$out/block-$$/input.om"
`;
  // A stand-in for Prometheus' query_range: one series per query, value 1 at every step.
  const queries: { query: string; start: number; end: number; step: number }[] = [];
  const fakePrometheus = () =>
    http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const p = new URLSearchParams(body);
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(p.get(k)));
        queries.push({ query: p.get('query')!, start, end, step });
        const values = Array.from({ length: (end - start) / step + 1 }, (_, i) => [start + i * step, '1']);
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'x', job: 'j' }, values }] } }));
      });
    });

  test('evaluates stage by stage, each stage on a server started after the blocks of the one before', async () => {
    const promtool = path.join(dir, 'promtool');
    fs.writeFileSync(promtool, fakePromtool, { mode: 0o755 });
    const tsdbDir = path.join(dir, 'tsdb');
    fs.mkdirSync(tsdbDir);
    const blocks = () => fs.readdirSync(tsdbDir).map((b) => fs.readFileSync(path.join(tsdbDir, b, 'input.om'), 'utf8'));
    const seen: string[][] = [];
    const serve = async () => {
      seen.push(blocks());
      const server = fakePrometheus();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address() as { port: number };
      return { url: `http://127.0.0.1:${port}`, stop: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections(); // fetch keeps its connections alive
          }),
      };
    };
    const rules: PlannedRule[] = planRules(PACK, (r) => ['ns:err:ratio_rate1h', 'ns:budget:ratio30d'].includes(r), 7);
    const from = to - 10 * DAY;
    const stats = await ruleHistory({ rules, from, to, tsdbDir, workDir: path.join(dir, 'work'), promtool, serve });

    // Three stages: three servers, each seeing the blocks of every stage before it, and no OpenMetrics left over.
    expect(seen).toHaveLength(3);
    expect(seen[0]).toEqual([]);
    expect(seen[1].length).toBeGreaterThan(0);
    expect(seen[2].length).toBeGreaterThan(seen[1].length);
    expect(blocks().length).toBe(stats.blocks);
    expect(seen[1].join('')).toContain('ns:err:rate5m{');
    expect(seen[1].join('')).not.toContain('ns:err:ratio_rate30d{');
    expect(seen[2].join('')).toContain('ns:err:ratio_rate30d{');
    expect(seen[2].join('')).not.toContain('ns:budget:ratio30d{');
    expect(fs.readdirSync(path.join(dir, 'work'))).toEqual([]);

    // One block per 54 h window, holding only that window; every line a sample with the rule's labels.
    const lines = blocks().flatMap((text) => {
      const body = text.trimEnd().split('\n');
      expect(body.pop()).toBe('# EOF');
      const windows = new Set(body.map((l) => Math.floor(Number(l.split(' ')[2]) / BLOCK_SECONDS)));
      expect(windows.size).toBe(1);
      return body;
    });
    expect(lines).toHaveLength(stats.samples);
    const byRecord = new Map<string, number[]>();
    const values = new Set<string>();
    for (const l of lines) {
      const [name, value, t] = l.split(' ');
      values.add(value);
      if (!byRecord.has(name)) byRecord.set(name, []);
      byRecord.get(name)!.push(Number(t));
    }
    expect([...values]).toEqual(['1']);
    expect([...byRecord.keys()].sort()).toEqual([
      'ns:budget:ratio30d{job="j",slo="availability"}',
      'ns:budget:ratio30d{job="j",slo="latency"}',
      'ns:err:rate5m{job="j"}',
      'ns:err:ratio_rate1h{job="j"}',
      'ns:err:ratio_rate30d{job="j"}',
      'ns:fast:rate5m{job="j"}',
      'ns:req:rate5m{job="j"}',
      'ns:slow:ratio_rate30d{job="j"}',
    ]);
    const span = (name: string) => {
      const ts = byRecord.get(name)!;
      return { first: ts.reduce((a, b) => Math.min(a, b)) - from, last: to - ts.reduce((a, b) => Math.max(a, b)), coarse: ts.every((t) => t % COARSE_STEP === 0) };
    };
    // The inputs of the 30-day rules from the start of the history (fine grid), a dashboard rule 7 days.
    expect(span('ns:err:rate5m{job="j"}')).toEqual({ first: 300 - (from % 300), last: to % 60, coarse: false });
    expect(span('ns:err:ratio_rate1h{job="j"}').first).toBeGreaterThan(3 * DAY - 300);
    expect(span('ns:budget:ratio30d{job="j",slo="latency"}')).toEqual({ first: 300 - (from % 300), last: 0, coarse: false });
    expect(byRecord.get('ns:budget:ratio30d{job="j",slo="latency"}')!.filter((t) => t % COARSE_STEP !== 0)).toEqual([to]);
    // The query went out verbatim, at most MAX_POINTS points at a time.
    expect(queries.every((q) => (q.end - q.start) / q.step + 1 <= MAX_POINTS)).toBe(true);
    expect(queries.map((q) => q.query)).toContain(PACK[4].expr);
  });

  test('does nothing without a grid point to evaluate', async () => {
    const serve = jest.fn();
    const stats = await ruleHistory({ rules: planRules(PACK, (r) => r === 'ns:err:ratio_rate1h', 7), from: to - 10, to, tsdbDir: dir, workDir: path.join(dir, 'work'), promtool: 'false', serve });
    expect(serve).not.toHaveBeenCalled();
    expect(stats.samples).toBe(0);
  });
});
