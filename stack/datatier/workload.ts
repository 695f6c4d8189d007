// A small, bounded write/read load on the tier so the servers' statistics move: pgbench (TPC-B
// like writes on the primary, selects on the replica, both rate-limited), order entry on the
// MariaDB primary with reads on its replica (paced by the client), and GET/SET on Redis over a
// fixed keyspace. Every part stops by itself after `seconds`.
import * as path from 'node:path';
import { HOST } from '../config';
import { CREDS } from './config';
import { psql } from './postgres';
import { inOneSecondRounds } from './rounds';
import { run } from './run';
import type { DataTier } from './config';

export interface WorkloadOptions {
  seconds: number;
  /** PostgreSQL transactions per second on the primary (and as many selects on the replica). */
  pgTps?: number;
  /** MariaDB iterations per second (an INSERT on the primary + a SELECT on each server). */
  mysqlPerSecond?: number;
  /** Redis commands per second (half GET, half SET). */
  redisPerSecond?: number;
}

/** pgbench's tables in the application database (scale 1: 100,000 accounts), once. */
export async function initPgbench(tier: DataTier): Promise<void> {
  const has = await psql(tier.bins, tier.ports.pgPrimary.port, "SELECT count(*) FROM pg_tables WHERE tablename = 'pgbench_accounts'");
  if (has.trim() === '1') return;
  await run(path.join(tier.bins.pgBin, 'pgbench'), ['-i', '-s', '1', '-q', '-h', HOST, '-p', String(tier.ports.pgPrimary.port), '-U', CREDS.pgUser, CREDS.pgDb], { timeoutMs: 120000 });
}

/** pgbench for `seconds` at `tps` (-R), `clients` connections; `script` replaces the built-in TPC-B; `signal` ends it early. */
export function pgbench(tier: DataTier, port: number, seconds: number, tps: number, extra: string[] = [], clients = 2, signal?: AbortSignal): Promise<string> {
  return run(path.join(tier.bins.pgBin, 'pgbench'), ['-n', '-c', String(clients), '-j', '1', '-T', String(Math.max(1, Math.round(seconds))), '-R', String(tps), ...extra, '-h', HOST, '-p', String(port), '-U', CREDS.pgUser, CREDS.pgDb], {
    timeoutMs: (seconds + 30) * 1000,
    signal,
  });
}

/** SQL through the mariadb client as the application user, over TCP on loopback. */
export function mysqlApp(tier: DataTier, port: number, sql: string, timeoutMs = 30000): Promise<string> {
  return run(tier.bins.mariadb, ['--no-defaults', '-h', HOST, '-P', String(port), '-u', CREDS.mysqlApp.user, `-p${CREDS.mysqlApp.password}`, '-N', '-B', CREDS.mysqlDb, '-e', sql], { timeoutMs });
}

/**
 * One round's statements: `n` iterations from `first` (an INSERT when `write`, a SELECT each), with
 * no pause inside: the pacing is the client's, since a server-side SLEEP is a statement of its own,
 * as slow as the pause, and would fill the server's query time histogram (QUERY_RESPONSE_TIME).
 */
function mysqlRound(first: number, n: number, write: boolean): string {
  const lines: string[] = [];
  for (let i = first; i < first + n; i++) {
    const customer = (i * 7919) % 1000;
    if (write) lines.push(`INSERT INTO orders (customer, amount) VALUES (${customer}, ${((i * 37) % 10000) / 100});`);
    lines.push(`SELECT count(*), coalesce(sum(amount), 0) FROM orders WHERE customer = ${customer};`);
  }
  return lines.join(' ');
}

/** Writes (and reads) on the MariaDB primary and reads on the replica for `seconds`, in one-second rounds of `perSecond` iterations. */
export async function mysqlLoad(tier: DataTier, seconds: number, perSecond: number): Promise<void> {
  const n = Math.max(1, Math.round(perSecond));
  await inOneSecondRounds(seconds, (i) =>
    Promise.all([
      mysqlApp(tier, tier.ports.mariadbPrimary.port, mysqlRound(i * n, n, true)),
      mysqlApp(tier, tier.ports.mariadbReplica.port, mysqlRound(i * n, n, false)),
    ]),
  );
}

/** redis-benchmark in one-second rounds: `perSecond` GET/SET over 2,000 keys (so GETs both hit and miss). */
export async function redisLoad(tier: DataTier, seconds: number, perSecond: number): Promise<void> {
  await inOneSecondRounds(seconds, () =>
    run(tier.bins.redisBenchmark, ['-h', HOST, '-p', String(tier.ports.redis.port), '-q', '-c', '1', '-n', String(Math.max(2, Math.round(perSecond / 2))), '-r', '2000', '-t', 'set,get', '-d', '256'], { timeoutMs: 30000 }),
  );
}

/** A round in which parts failed; `allFailed` when none ran through (the tier does not answer). */
export class WorkloadError extends Error {
  constructor(message: string, readonly allFailed: boolean) {
    super(message);
  }
}

/** Everything at once, for `seconds`; resolves when all parts have ended, rejects (WorkloadError) when one failed. */
export async function runWorkload(tier: DataTier, opts: WorkloadOptions): Promise<void> {
  const { seconds } = opts;
  const pgTps = opts.pgTps ?? 20;
  // Every part runs its time even when another fails (a replica query cancelled by a recovery
  // conflict, a server paused or stopped by an incident); the first failure is reported after.
  const pgReady = initPgbench(tier);
  const parts = await Promise.allSettled([
    pgReady.then(() => pgbench(tier, tier.ports.pgPrimary.port, seconds, pgTps)),
    pgReady.then(() => pgbench(tier, tier.ports.pgReplica.port, seconds, pgTps, ['-S'])),
    mysqlLoad(tier, seconds, opts.mysqlPerSecond ?? 10),
    redisLoad(tier, seconds, opts.redisPerSecond ?? 400),
  ]);
  const failed = parts.filter((p): p is PromiseRejectedResult => p.status === 'rejected');
  if (failed.length) throw new WorkloadError((failed[0].reason as Error).message, failed.length === parts.length);
}
