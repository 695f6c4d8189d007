// The Prometheus data directory with the simulator's history, cached in the state folder under a
// key of seed + simulator version + history length. A first start backfills the whole history; a
// later one keeps the blocks (backfilled or compacted from the live scrape), drops the WAL, and
// backfills only from the newest block to now, replaying the same model from the same anchor, so
// the series continue without a step.
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

export function historyKey(seed: number, days: number): string {
  return `seed${seed}-v${SIM_VERSION}-${days}d`;
}

/** Newest sample time (unix s) over the blocks of a data directory, or null without blocks. */
export function newestBlockTime(tsdbDir: string): number | null {
  let max: number | null = null;
  if (!fs.existsSync(tsdbDir)) return null;
  for (const entry of fs.readdirSync(tsdbDir)) {
    const metaFile = path.join(tsdbDir, entry, 'meta.json');
    if (!fs.existsSync(metaFile)) continue;
    const maxTime = (JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { maxTime: number }).maxTime;
    const t = Math.floor((maxTime - 1) / 1000);
    if (max === null || t > max) max = t;
  }
  return max;
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
    let meta: HistoryMeta | null = null;
    if (fs.existsSync(this.metaFile)) meta = JSON.parse(fs.readFileSync(this.metaFile, 'utf8')) as HistoryMeta;
    let from = meta ? newestBlockTime(this.tsdbDir) : null;
    const reused = !!meta && from !== null && now - meta.anchor <= MAX_ANCHOR_AGE && meta.version === SIM_VERSION && meta.rulesKey === this.o.rulesKey;
    if (!reused || !meta || from === null) {
      fs.rmSync(this.tsdbDir, { recursive: true, force: true });
      const anchor = Math.floor((now - this.o.days * DAY) / 3600) * 3600;
      meta = { seed: this.o.seed, version: SIM_VERSION, days: this.o.days, anchor, rulesKey: this.o.rulesKey, createdAt: new Date().toISOString() };
      from = anchor - TICK;
    } else {
      // The WAL would only be dropped by Prometheus (its samples predate the new blocks); the
      // backfill below writes the same samples again from the model.
      for (const f of ['wal', 'chunks_head', 'lock', 'queries.active']) fs.rmSync(path.join(this.tsdbDir, f), { recursive: true, force: true });
    }
    fs.mkdirSync(this.tsdbDir, { recursive: true });
    fs.writeFileSync(this.metaFile, JSON.stringify(meta, null, 2));
    this.sim = new Simulator({ seed: meta.seed, anchor: meta.anchor });
    return { tsdbDir: this.tsdbDir, meta, reused, from, removed };
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
