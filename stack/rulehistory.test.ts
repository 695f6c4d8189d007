import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dashboardRules, longestWindow, ruleSegments } from './rulehistory';

test('longestWindow reads ranges and subqueries', () => {
  expect(longestWindow('sum(rate(x[5m]))')).toBe(300);
  expect(longestWindow('rate(x[1h30m]) / rate(y[3d])')).toBe(3 * 86400);
  expect(longestWindow('rate(x[1h30m])')).toBe(5400);
  expect(longestWindow('max_over_time(x[30d:5m])')).toBe(30 * 86400);
  expect(longestWindow('max by (a) (x)')).toBe(0);
});

test('ruleSegments: 5 min steps before the last day, 1 min within it, on an absolute grid, no overlap', () => {
  const to = 1_700_000_000;
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

test('dashboardRules keeps the recording rules a dashboard uses, up to 3-day windows, with a key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rulehistory-'));
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
        expr: sum(rate(x[30d]))
      - alert: A
        expr: a:x:rate5m > 1
`,
  );
  fs.mkdirSync(path.join(dir, 'out'));
  fs.writeFileSync(path.join(dir, 'out', 'd.json'), JSON.stringify({ expr: 'sum(a:x:rate5m{a="b"}) + a:x:rate30d' }));
  const first = dashboardRules([rules], path.join(dir, 'out'));
  expect(first.rules.map((r) => r.record)).toEqual(['a:x:rate5m']);
  fs.writeFileSync(rules, fs.readFileSync(rules, 'utf8').replace('sum(rate(x[5m]))', 'max(rate(x[5m]))'));
  expect(dashboardRules([rules], path.join(dir, 'out')).key).not.toBe(first.key);
  fs.rmSync(dir, { recursive: true, force: true });
});
