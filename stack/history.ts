// The Prometheus data directory with the simulator's history, cached in the state folder under a
// key of seed + simulator version + history length. A first start backfills the whole history; a
// later one keeps the blocks (backfilled or compacted from the live scrape), drops the WAL, and
// backfills only from the newest block to now, replaying the same model from the same anchor, so
// the series continue without a step.
// The cache is complete only once its meta file says so (`complete: true`, written last, by rename,
// after the raw and the rule history of a start are in): a cache without that marker is rebuilt,
// except after an interrupted gap pass of a cache that was complete before it (`completeUntil`):
// then the blocks that pass wrote are dropped and the gap is filled again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backfill, BackfillStats } from './backfill';
import { statePaths } from './config';
import { DAY, SIM_VERSION, Simulator, TICK } from './simulator/model';

/** Beyond this age of the anchor the cache is rebuilt (retention is 45 d). */
const MAX_ANCHOR_AGE = 44 * DAY;

export interface HistoryMeta {
  seed: number;
  version: number;
  days: number;
  anchor: number;
  /** Key of the recording rules whose history the cache holds (see rulehistory.ts). */
  rulesKey?: string;
  createdAt: string;
  /** The marker: raw and rule history are complete (written last, by markComplete). */
  complete?: boolean;
  /** While a pass fills the gap of a complete cache: blocks before this time (unix s) are complete. */
  completeUntil?: number;
}

export interface HistoryPlan {
  tsdbDir: string;
  meta: HistoryMeta;
  /** True when cached blocks are kept and only the gap to now is backfilled. */
  reused: boolean;
  /** Unix seconds up to which blocks exist (the backfill writes what comes after). */
  from: number;
  /** Cached data directories of other seeds or versions that were deleted. */
  removed: string[];
}

export function historyKey(seed: number, days: number, version = SIM_VERSION): string {
  return `seed${seed}-v${version}-${days}d`;
}

/**
 * Which build of the history a cache holds: its key (seed, simulator version, days), its anchor and
 * when it was built. A rebuild under the same key (another anchor, a `--fresh` start, another rule
 * key, an incomplete cache) gets another identity; a start that reuses the cache keeps it.
 */
export function historyIdentity(meta: HistoryMeta): string {
  return `${historyKey(meta.seed, meta.days, meta.version)}@${meta.anchor}@${meta.createdAt}`;
}

interface BlockSpan {
  dir: string;
  /** Milliseconds, as in meta.json: samples t with minTime <= t < maxTime. */
  minTime: number;
  maxTime: number;
}

/** The blocks of a data directory with their time spans (directories with a readable meta.json). */
function blocks(tsdbDir: string): BlockSpan[] {
  if (!fs.existsSync(tsdbDir)) return [];
  const out: BlockSpan[] = [];
  for (const entry of fs.readdirSync(tsdbDir)) {
    const metaFile = path.join(tsdbDir, entry, 'meta.json');
    if (!fs.existsSync(metaFile)) continue;
    const m = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { minTime: number; maxTime: number };
    out.push({ dir: path.join(tsdbDir, entry), minTime: m.minTime, maxTime: m.maxTime });
  }
  return out;
}

/** Newest sample time (unix s) over the blocks of a data directory, or null without blocks. */
export function newestBlockTime(tsdbDir: string): number | null {
  let max: number | null = null;
  for (const b of blocks(tsdbDir)) {
    const t = Math.floor((b.maxTime - 1) / 1000);
    if (max === null || t > max) max = t;
  }
  return max;
}

/**
 * Drops the blocks an interrupted pass wrote after `until` (unix s): every sample of a pass lies
 * after the newest block it started from. False when a block holds samples on both sides (a
 * compaction merged them), so the cache cannot be cut there and must be rebuilt.
 */
export function dropBlocksAfter(tsdbDir: string, until: number): boolean {
  const cut = until * 1000;
  const all = blocks(tsdbDir);
  if (all.some((b) => b.minTime <= cut && b.maxTime - 1 > cut)) return false;
  for (const b of all) if (b.minTime > cut) fs.rmSync(b.dir, { recursive: true, force: true });
  return true;
}

/** Writes a JSON file so that a reader sees the old or the new content, never a part (rename). */
function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

function readMeta(file: string): HistoryMeta | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as HistoryMeta;
  } catch {
    return null; // absent or damaged: no cache
  }
}

export interface HistoryOptions {
  stateDir: string;
  seed: number;
  days: number;
  promtool: string;
  /** Key of the recording rules backfilled into the cache: another key rebuilds the cache. */
  rulesKey?: string;
  now?: () => number;
}

export class HistoryBuilder {
  private sim: Simulator | null = null;
  readonly tsdbDir: string;
  private readonly metaFile: string;

  constructor(private readonly o: HistoryOptions) {
    const root = statePaths(o.stateDir).tsdbRoot;
    const key = historyKey(o.seed, o.days);
    this.tsdbDir = path.join(root, key);
    this.metaFile = path.join(root, `${key}.json`);
  }

  private now(): number {
    return Math.floor((this.o.now ? this.o.now() : Date.now() / 1000) / TICK) * TICK;
  }

  /** Decides between reusing the cache and a fresh history, and clears what will not be kept. */
  prepare(): HistoryPlan {
    const root = path.dirname(this.tsdbDir);
    fs.mkdirSync(root, { recursive: true });
    const removed: string[] = [];
    for (const entry of fs.readdirSync(root)) {
      const name = entry.replace(/\.json$/, '');
      if (name !== path.basename(this.tsdbDir)) {
        fs.rmSync(path.join(root, entry), { recursive: true, force: true });
        if (!entry.endsWith('.json')) removed.push(entry);
      }
    }
    const now = this.now();
    let meta = readMeta(this.metaFile);
    const fits = !!meta && now - meta.anchor <= MAX_ANCHOR_AGE && meta.version === SIM_VERSION && meta.rulesKey === this.o.rulesKey;
    // Complete, or an interrupted gap pass over a complete cache whose own blocks can be dropped.
    const usable = fits && (meta!.complete === true || (meta!.completeUntil !== undefined && dropBlocksAfter(this.tsdbDir, meta!.completeUntil)));
    let from = usable ? newestBlockTime(this.tsdbDir) : null;
    const reused = usable && from !== null;
    if (!reused || !meta || from === null) {
      fs.rmSync(this.tsdbDir, { recursive: true, force: true });
      const anchor = Math.floor((now - this.o.days * DAY) / 3600) * 3600;
      meta = { seed: this.o.seed, version: SIM_VERSION, days: this.o.days, anchor, rulesKey: this.o.rulesKey, createdAt: new Date().toISOString() };
      from = anchor - TICK;
    } else {
      // The WAL would only be dropped by Prometheus (its samples predate the new blocks); the
      // backfill below writes the same samples again from the model.
      for (const f of ['wal', 'chunks_head', 'lock', 'queries.active']) fs.rmSync(path.join(this.tsdbDir, f), { recursive: true, force: true });
      meta = { ...meta, completeUntil: from };
    }
    delete meta.complete;
    fs.mkdirSync(this.tsdbDir, { recursive: true });
    writeJsonAtomic(this.metaFile, meta);
    this.sim = new Simulator({ seed: meta.seed, anchor: meta.anchor });
    return { tsdbDir: this.tsdbDir, meta, reused, from, removed };
  }

  /** The marker: the cache holds the complete raw and rule history up to now (call it last). */
  markComplete(plan: HistoryPlan): void {
    const meta: HistoryMeta = { ...plan.meta, complete: true };
    delete meta.completeUntil;
    writeJsonAtomic(this.metaFile, meta);
  }

  /** Backfills (from, now] with the simulator kept from the previous call; returns now. */
  async extend(plan: HistoryPlan, from: number): Promise<{ until: number; stats: BackfillStats | null }> {
    const now = this.now();
    if (!this.sim) throw new Error('prepare() first');
    if (now <= from) return { until: from, stats: null };
    const work = statePaths(this.o.stateDir).work;
    const stats = await backfill({
      seed: plan.meta.seed,
      anchor: plan.meta.anchor,
      from,
      to: now,
      now,
      tsdbDir: this.tsdbDir,
      workDir: work,
      promtool: this.o.promtool,
      sim: this.sim,
    });
    fs.rmSync(work, { recursive: true, force: true });
    return { until: now, stats };
  }
}
