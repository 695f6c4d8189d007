// Ending a stack: every recorded process (its process group), then what a start wrote besides the
// state that is kept (logs, the history cache, Alertmanager's silences, the receiver's notifications).
// One place for the start's own abort, the keeper (keeper.ts) and `stop`.
import * as fs from 'node:fs';
import { statePaths } from './config';
import { isOurs, readRecords, removeRecord, signal, stopAll } from './procs';
import { stopDataTier, TIER_STOP_ORDER } from './datatier/index';
import { endUnrecorded } from './orphans';
import { LIVE_PARTS, stopStackLive } from './live/stack';

/**
 * Stop order: the supervising start first (so it does not report the others as crashed), the data
 * tier's workload before anything else of the tier; the live part (its load, then the autoscaler
 * and its replicas, stack/live/stack.ts) before the rest, as its replicas are clients of the tier.
 * The tier's servers and exporters come last, through stopDataTier (readers before the servers
 * they read, PostgreSQL with its fast shutdown).
 */
export const STOP_ORDER = ['cli', 'workload', 'prometheus', 'alertmanager', 'simulator', 'receiver'];

/**
 * Stops every recorded process but the caller and `except`, then removes config/ and work/ and the
 * pid folder when it is empty. Safe to run twice or at the same time as another teardown.
 */
export async function teardown(stateDir: string, except: string[] = []): Promise<{ stopped: string[]; killed: string[]; stale: string[] }> {
  const result: { stopped: string[]; killed: string[]; stale: string[] } = { stopped: [], killed: [], stale: [] };
  // Again while a pass found something: a start that is being stopped may have spawned meanwhile.
  for (let pass = 0; pass < 5; pass++) {
    // The start first (a foreground one would report the live part's end as a crash), then the live part.
    const others = readRecords(stateDir).map((x) => x.name).filter((n) => n !== 'cli');
    const first = await stopAll(stateDir, ['cli'], 15000, [...except, ...others]);
    const live = LIVE_PARTS.some((n) => !except.includes(n) && readRecords(stateDir).some((x) => x.name === n)) ? await stopStackLive(stateDir) : [];
    const rest = await stopAll(stateDir, STOP_ORDER, 15000, [...except, ...TIER_STOP_ORDER]);
    const r = { stopped: [...first.stopped, ...live, ...rest.stopped], killed: [...first.killed, ...rest.killed], stale: [...first.stale, ...rest.stale] };
    const tier = await stopDataTier(stateDir);
    result.stopped.push(...r.stopped, ...tier.stopped);
    result.killed.push(...r.killed, ...tier.killed);
    result.stale.push(...r.stale, ...tier.stale);
    if (r.stopped.length + r.killed.length + tier.stopped.length + tier.killed.length === 0) break;
  }
  // A process the start spawned but never recorded (killed in between) still names the folder;
  // what is still recorded here is kept on purpose (`except`: the keeper).
  const kept = readRecords(stateDir).map((r) => r.pid);
  result.killed.push(...endUnrecorded(stateDir, [...kept, process.pid]).map((pid) => `unrecorded pid ${pid}`));
  const p = statePaths(stateDir);
  for (const d of [p.config, p.work]) fs.rmSync(d, { recursive: true, force: true });
  removeIfEmpty(p.pids);
  return result;
}

/** Removes a folder that is empty (or absent); leaves one that holds anything. */
export function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    /* absent, or not empty */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the keeper of a start (keeper.ts) has ended, as it does once its start has ended
 * (after stopping what a killed start left); after `timeoutMs` it is killed. Nothing to wait for
 * without a keeper, or when its start still runs and `onlyOrphan` is set.
 */
export async function awaitKeeper(stateDir: string, onlyOrphan: boolean, timeoutMs = 20000): Promise<void> {
  const keeper = readRecords(stateDir).find((r) => r.name === 'keeper');
  if (!keeper) return;
  const start = readRecords(stateDir).find((r) => r.name === 'cli');
  if (onlyOrphan && start && isOurs(start)) return;
  const deadline = Date.now() + timeoutMs;
  while (isOurs(keeper) && Date.now() < deadline) await sleep(100);
  if (isOurs(keeper)) signal(keeper, 'SIGKILL');
  removeRecord(stateDir, 'keeper');
}
