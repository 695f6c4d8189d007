/** @jest-environment node */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backfill, backfillStep, BLOCK_SECONDS } from './backfill';
import { HistoryBuilder, historyIdentity, newestBlockTime } from './history';
import { DAY, Simulator, TICK } from './simulator/model';

// A stand-in for promtool: keeps a copy of each input and writes a block directory whose
// meta.json spans the input's timestamps, as `promtool tsdb create-blocks-from openmetrics` does.
const fakePromtool = (record: string) => `#!/bin/sh
RECORD=${record}
for a; do :; done
out="$a"
eval "input=\\\${$(($# - 1))}"
mkdir -p "$out/block-$$" "$RECORD"
cp "$input" "$RECORD/$(date +%s%N)-$(basename "$input")"
awk '!/^#/ { t = $NF; if (min == "" || t < min) min = t; if (t > max) max = t } END { printf "{\\"minTime\\": %.0f, \\"maxTime\\": %.0f}\\n", min * 1000, max * 1000 + 1 }' "$input" > "$out/block-$$/meta.json"
`;

let dir: string;
let promtool: string;
let record: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-backfill-'));
  promtool = path.join(dir, 'promtool');
  record = path.join(dir, 'record');
  fs.writeFileSync(promtool, fakePromtool(record), { mode: 0o755 });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Recorded {
  window: number;
  min: number;
  max: number;
  /** Timestamps of `series` in this input. */
  ts: number[];
}

/** What promtool was given: per input its block window, time span, and the timestamps of one series. */
function recorded(series: string): Recorded[] {
  const out: Recorded[] = [];
  for (const f of fs.existsSync(record) ? fs.readdirSync(record) : []) {
    const text = fs.readFileSync(path.join(record, f), 'utf8');
    expect(text.endsWith('# EOF\n')).toBe(true);
    const r: Recorded = { window: Number(f.match(/history-(\d+)/)![1]), min: Infinity, max: -Infinity, ts: [] };
    for (const line of text.split('\n')) {
      if (!line || line[0] === '#') continue;
      const t = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (t < r.min) r.min = t;
      if (t > r.max) r.max = t;
      if (line.startsWith(series + '{')) r.ts.push(t);
    }
    out.push(r);
  }
  return out;
}

const timestamps = (series: string) => recorded(series).flatMap((r) => r.ts).sort((a, b) => a - b);

test('sample spacing: 15 s for the last day, 1 min for the last week, 5 min before', () => {
  const now = 1_800_000_000;
  expect(backfillStep(now - 3600, now)).toBe(TICK);
  expect(backfillStep(now - 2 * DAY, now)).toBe(60);
  expect(backfillStep(now - 10 * DAY, now)).toBe(300);
});

test('writes each tick of (from, to] once, one file per aligned block window, and a second pass continues exactly', async () => {
  const anchor = 1_700_000_000 - (1_700_000_000 % 3600);
  const now = anchor + 1.5 * DAY;
  const sim = new Simulator({ seed: 3, anchor });
  const o = { seed: 3, anchor, now, tsdbDir: path.join(dir, 'tsdb'), workDir: path.join(dir, 'work'), promtool, sim };
  // Up to 22 h before `now`: the last 2 h of it at 15 s, the rest at 1 min (keeps the test small).
  const end = now - 22 * 3600;
  const first = await backfill({ ...o, from: anchor - TICK, to: end - 600 });
  const second = await backfill({ ...o, from: end - 600, to: end });
  // Every tick on the grid its age asks for, in order, once, across both passes.
  const expected: number[] = [];
  for (let t = anchor; t <= end; t += TICK) if (t % backfillStep(t, now) === 0) expected.push(t);
  expect(expected.filter((t) => t % 60 !== 0).length).toBeGreaterThan(300); // both spacings are in it
  const inputs = recorded('kube_horizontalpodautoscaler_spec_max_replicas');
  expect(inputs.flatMap((r) => r.ts).sort((a, b) => a - b)).toEqual(expected);
  expect(first.files).toBe(Math.floor((end - 600) / BLOCK_SECONDS) - Math.floor(anchor / BLOCK_SECONDS) + 1);
  expect(second.files).toBe(1);
  expect(fs.readdirSync(o.tsdbDir)).toHaveLength(first.blocks + second.blocks);
  expect(newestBlockTime(o.tsdbDir)).toBe(end);
  // Each input stays inside its block window (aligned to BLOCK_SECONDS, as promtool's ranges are).
  for (const r of inputs) {
    expect(r.min).toBeGreaterThanOrEqual(r.window * BLOCK_SECONDS);
    expect(r.max).toBeLessThan((r.window + 1) * BLOCK_SECONDS);
  }
  expect(fs.existsSync(o.workDir) ? fs.readdirSync(o.workDir) : []).toEqual([]);
});

test('the history cache: fresh, then reused from its newest block with the WAL dropped, rebuilt for another seed', async () => {
  let clock = 1_750_000_000;
  const state = path.join(dir, 'state');
  const builder = (seed: number) => new HistoryBuilder({ stateDir: state, seed, days: 0.5, promtool, now: () => clock });

  const a = builder(1);
  const plan = a.prepare();
  expect(plan.reused).toBe(false);
  expect(plan.meta.anchor % 3600).toBe(0);
  expect(plan.meta.anchor).toBeLessThanOrEqual(clock - 0.5 * DAY);
  const { until } = await a.extend(plan, plan.from);
  expect(until).toBe(clock - (clock % TICK));
  a.markComplete(plan);
  fs.mkdirSync(path.join(plan.tsdbDir, 'wal'));

  clock += 3600;
  const b = builder(1);
  const again = b.prepare();
  expect(again.reused).toBe(true);
  expect(again.meta.anchor).toBe(plan.meta.anchor);
  expect(again.from).toBe(until);
  expect(historyIdentity(again.meta)).toBe(historyIdentity(plan.meta)); // the same build, continued
  expect(fs.existsSync(path.join(plan.tsdbDir, 'wal'))).toBe(false);
  fs.rmSync(record, { recursive: true });
  await b.extend(again, again.from);
  const ts = timestamps('kube_horizontalpodautoscaler_spec_max_replicas');
  expect(ts[0]).toBe(until + TICK);

  const other = builder(2).prepare();
  expect(other.reused).toBe(false);
  expect(other.removed).toEqual([path.basename(plan.tsdbDir)]);
  expect(fs.existsSync(plan.tsdbDir)).toBe(false);
});

test('an interrupted first start (no completion marker) leaves a cache that the next start rebuilds', async () => {
  let clock = 1_750_000_000;
  const state = path.join(dir, 'state');
  const builder = () => new HistoryBuilder({ stateDir: state, seed: 1, days: 0.5, promtool, now: () => clock });
  const a = builder();
  const plan = a.prepare();
  // The raw history of the first window is in, then the start is interrupted (no markComplete).
  await a.extend(plan, plan.from);
  expect(newestBlockTime(plan.tsdbDir)).not.toBeNull();
  clock += 600;
  const again = builder().prepare();
  expect(again.reused).toBe(false);
  expect(again.tsdbDir).toBe(plan.tsdbDir);
  // Rebuilt under the same folder name: another build, which the second engine must not mistake for the first.
  expect(historyIdentity(again.meta)).not.toBe(historyIdentity(plan.meta));
  expect(again.from).toBe(again.meta.anchor - TICK);
  expect(newestBlockTime(again.tsdbDir)).toBeNull(); // the damaged blocks are gone
  // A damaged meta file (cut off by the interruption) is no cache either.
  fs.writeFileSync(path.join(state, 'tsdb', `${path.basename(plan.tsdbDir)}.json`), '{"seed": 1, "vers');
  expect(builder().prepare().reused).toBe(false);
});

test('an interrupted gap pass of a complete cache: its blocks are dropped and the gap is filled again', async () => {
  let clock = 1_750_000_000;
  const state = path.join(dir, 'state');
  const builder = () => new HistoryBuilder({ stateDir: state, seed: 1, days: 0.5, promtool, now: () => clock });
  const a = builder();
  const plan = a.prepare();
  const { until } = await a.extend(plan, plan.from);
  a.markComplete(plan);
  const completeBlocks = fs.readdirSync(plan.tsdbDir).sort();

  clock += 3600;
  const b = builder();
  const gap = b.prepare();
  expect(gap.reused).toBe(true);
  expect(gap.from).toBe(until);
  await b.extend(gap, gap.from); // the gap's raw blocks are in; interrupted before its rule history
  expect(newestBlockTime(plan.tsdbDir)).toBeGreaterThan(until);

  clock += 600;
  const c = builder().prepare();
  expect(c.reused).toBe(true);
  expect(c.from).toBe(until);
  expect(fs.readdirSync(plan.tsdbDir).sort()).toEqual(completeBlocks);

  // A block across the cut (merged by a compaction) cannot be cut: the cache is rebuilt.
  fs.mkdirSync(path.join(plan.tsdbDir, 'merged'));
  fs.writeFileSync(path.join(plan.tsdbDir, 'merged', 'meta.json'), JSON.stringify({ minTime: (until - 60) * 1000, maxTime: (until + 60) * 1000 }));
  expect(builder().prepare().reused).toBe(false);
});
