// History: replays the simulator from its anchor and writes the ticks of a time range as
// OpenMetrics, one file per TSDB block window, each turned into a block by
// `promtool tsdb create-blocks-from openmetrics` while the next window is being written.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertMayStart, removeRecord, writeRecord } from './procs';
import { renderStored } from './simulator/exposition';
import { DAY, Simulator, TICK } from './simulator/model';

/** Block length: the largest range Prometheus' own compactor makes with 45 d retention (54 h). */
export const BLOCK_SECONDS = 54 * 3600;

/**
 * Sample spacing of the backfill by the age of the sample: the live scrape interval (15 s) for the
 * last day, 1 min for the last week, 5 min before that. Aligned to absolute time, so the grid does
 * not depend on when the backfill ran.
 */
export function backfillStep(t: number, now: number): number {
  const age = now - t;
  if (age <= DAY) return TICK;
  if (age <= 7 * DAY) return 60;
  return 300;
}

export interface BackfillOptions {
  seed: number;
  anchor: number;
  /** Write ticks with from < t <= to (unix seconds). */
  from: number;
  to: number;
  /** Reference for the sample spacing (normally `to`). */
  now: number;
  /** Where the finished blocks go (the Prometheus data directory). */
  tsdbDir: string;
  /** Scratch directory for the OpenMetrics files (same file system as tsdbDir). */
  workDir: string;
  promtool: string;
  /** promtool processes at once. */
  parallel?: number;
  /** A simulator of the same seed and anchor at or before `from`, to continue instead of replaying. */
  sim?: Simulator;
}

export interface BackfillStats {
  samples: number;
  textBytes: number;
  blocks: number;
  files: number;
  ms: number;
}

/** promtool processes under way, so that an interrupted start can end them. */
const converting = new Set<ChildProcess>();
/** Bumped by abortBackfill: a backfill started before it stops at its next tick. */
let abortions = 0;
/** State folder whose pid files list the promtool processes (so that a stop ends them too), if any. */
let recordIn: string | null = null;

/** Ends the promtool processes of a backfill that is being abandoned, and the backfill itself. */
export function abortBackfill(): void {
  abortions++;
  for (const c of converting) c.kill('SIGTERM');
}

/** Records every promtool process of this process in `stateDir`'s pid files (null: no more). */
export function recordConversions(stateDir: string | null): void {
  recordIn = stateDir;
}

export function runPromtool(promtool: string, input: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    assertMayStart('promtool');
    const args = ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', `--max-block-duration=${BLOCK_SECONDS / 3600}h`, input, outDir];
    const child = spawn(promtool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    converting.add(child);
    const stateDir = recordIn;
    const name = `promtool-${child.pid}`;
    if (stateDir && child.pid !== undefined) writeRecord(stateDir, { name, pid: child.pid, marker: input, startedAt: new Date().toISOString() });
    child.on('close', () => {
      converting.delete(child);
      if (stateDir) removeRecord(stateDir, name);
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`promtool failed on ${input} (exit ${code}): ${err.trim().slice(-500)}`))));
  });
}

/** Replays the simulator from its anchor and writes the range as blocks into `tsdbDir`. */
export async function backfill(o: BackfillOptions): Promise<BackfillStats> {
  const started = Date.now();
  const parallel = o.parallel ?? 2;
  fs.mkdirSync(o.workDir, { recursive: true });
  fs.mkdirSync(o.tsdbDir, { recursive: true });
  const sim = o.sim ?? new Simulator({ seed: o.seed, anchor: o.anchor });
  if (sim.seed !== o.seed >>> 0 || sim.anchor !== o.anchor) throw new Error('backfill: simulator of another seed or anchor');
  const stats: BackfillStats = { samples: 0, textBytes: 0, blocks: 0, files: 0, ms: 0 };
  const running = new Set<Promise<void>>();
  let failure: Error | null = null;

  const convert = (file: string, window: number) => {
    const outDir = path.join(o.workDir, `blocks-${window}`);
    const job = runPromtool(o.promtool, file, outDir)
      .then(() => {
        for (const ulid of fs.readdirSync(outDir)) {
          fs.renameSync(path.join(outDir, ulid), path.join(o.tsdbDir, ulid));
          stats.blocks++;
        }
      })
      .catch((e: Error) => {
        failure ??= e;
      })
      .finally(() => {
        fs.rmSync(file, { force: true });
        fs.rmSync(outDir, { recursive: true, force: true });
        running.delete(job);
      });
    running.add(job);
  };

  let fd = -1;
  let file = '';
  let window = NaN;
  let buf: string[] = [];
  let linesInFile = 0;
  const flush = () => {
    if (buf.length === 0) return;
    const text = buf.join('');
    stats.textBytes += Buffer.byteLength(text);
    fs.writeSync(fd, text);
    buf = [];
  };
  const close = async () => {
    if (fd < 0) return;
    buf.push('# EOF\n');
    flush();
    fs.closeSync(fd);
    fd = -1;
    if (linesInFile > 0 && !failure) {
      stats.files++;
      convert(file, window);
    } else fs.rmSync(file, { force: true });
    while (running.size >= parallel) await Promise.race(running);
  };

  const firstTick = Math.max(0, Math.floor((o.from - o.anchor) / TICK) + 1);
  const lastTick = Math.floor((o.to - o.anchor) / TICK);
  const generation = abortions;
  let yielded = Date.now();
  for (let k = Math.max(firstTick, sim.k); k <= lastTick && !failure; k++) {
    // Let signals and timers in every ~20 ms, and stop at once when the backfill is abandoned.
    if (Date.now() - yielded > 20) {
      await new Promise((r) => setImmediate(r));
      yielded = Date.now();
      if (abortions !== generation) failure = new Error('backfill abandoned');
    }
    sim.advanceTo(k);
    const t = sim.t;
    if (t % backfillStep(t, o.now) !== 0) continue;
    const w = Math.floor(t / BLOCK_SECONDS);
    if (w !== window) {
      await close();
      window = w;
      file = path.join(o.workDir, `history-${w}.om`);
      fd = fs.openSync(file, 'w');
      linesInFile = 0;
    }
    const before = buf.length;
    renderStored(sim, buf);
    linesInFile += buf.length - before;
    stats.samples += buf.length - before;
    if (buf.length > 50000) flush();
  }
  await close();
  while (running.size > 0) await Promise.race(running);
  stats.ms = Date.now() - started;
  if (failure) throw failure;
  return stats;
}
