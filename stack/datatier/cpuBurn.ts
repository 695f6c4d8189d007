// Database CPU produced for real (HeadroomDatabaseCPUHigh): queries on the PostgreSQL primary that
// only compute, one core each, until the caller ends them.
import * as os from 'node:os';
import { waitFor } from '../procs';
import { psql } from './postgres';
import type { DataTier } from './config';

/** The sessions' application_name: how they are found (their pids) and cancelled. */
const BURN_APPLICATION = 'headroom-cpu-burn';
/** The lowest CPU priority: a burning backend takes only the time no other process wants. */
const NICEST = 19;

const activeBurners = (tier: DataTier) =>
  psql(tier.bins, tier.ports.pgPrimary.port, `SELECT pid FROM pg_stat_activity WHERE application_name = '${BURN_APPLICATION}' AND state = 'active'`).then((out) =>
    out.split('\n').filter(Boolean).map(Number),
  );

/**
 * `sessions` PostgreSQL sessions on the primary, each running one query that only computes (a
 * count over a series streamed row by row from the select list: no table, no WAL, no memory that
 * grows) until `stop` aborts: then they are cancelled (pg_cancel_backend). statement_timeout ends
 * them after `maxSeconds` whatever happens to the caller. Each backend gets nice 19 once it runs
 * (os.setPriority on its pid; allowed to root, and to the servers' own user when not root): the
 * host's cores are then ~100 % busy (node_exporter counts `nice` time as busy, as the kernel does),
 * while every other process keeps its share, so the tests beside it keep their timings.
 * Resolves once every session has ended.
 */
export async function burnDatabaseCpu(tier: DataTier, sessions: number, maxSeconds: number, stop: AbortSignal): Promise<void> {
  const port = tier.ports.pgPrimary.port;
  const sql = `SET application_name = '${BURN_APPLICATION}'; SET statement_timeout = '${Math.round(maxSeconds)}s'; SELECT count(*) FROM (SELECT generate_series(1, 1000000000000000::bigint)) AS busy`;
  const running = Array.from({ length: sessions }, () => psql(tier.bins, port, sql, undefined, (maxSeconds + 30) * 1000));
  // Each ends in an error (cancelled, or the timeout): expected once stopped or over time.
  const ended = Promise.allSettled(running);
  const cancel = () => psql(tier.bins, port, `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '${BURN_APPLICATION}'`).catch(() => undefined);
  let pids: number[] = [];
  try {
    await waitFor(`${sessions} burning sessions on the PostgreSQL primary`, async () => (pids = await activeBurners(tier)).length === sessions, 30000);
    for (const pid of pids) os.setPriority(pid, NICEST);
    // Until stopped, or until statement_timeout ended them all.
    if (!stop.aborted) await Promise.race([new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true })), ended]);
  } finally {
    await cancel();
    await ended;
  }
}
