// Incidents produced for real on the running tier. Each `start...` leaves the fault in place and
// each matching `end...` repairs it, so a caller (the stack's schedule, a test) decides how long
// it lasts; the `...For` helpers do both around a bounded write load.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { HOST } from '../config';
import { isOurs, readRecords, removeRecord, signal } from '../procs';
import { CREDS } from './config';
import { MARIADB_MAX_CONNECTIONS, mariadbAdmin } from './mariadb';
import { PG_MAX_CONNECTIONS, psql } from './postgres';
import { REDIS_MAXCLIENTS, redisCli, startRedis } from './redis';
import { inOneSecondRounds } from './rounds';
import { run, writePrivate } from './run';
import { mysqlApp, mysqlLoad, pgbench } from './workload';
import type { DataTier } from './config';
import type { TierPrimary } from './hold';

/* PostgreSQL: replay paused on the replica while the primary keeps writing -> pg_replication_lag climbs 1 s/s. */
export async function pausePgReplay(tier: DataTier): Promise<void> {
  await psql(tier.bins, tier.ports.pgReplica.port, 'SELECT pg_wal_replay_pause()');
}
/**
 * Resumes replay. Replay may then cancel this very session (a recovery conflict: the WAL waited
 * longer than max_standby_streaming_delay), so a failed call counts when replay is no longer paused.
 */
export async function resumePgReplay(tier: DataTier): Promise<void> {
  const port = tier.ports.pgReplica.port;
  try {
    await psql(tier.bins, port, 'SELECT pg_wal_replay_resume()');
  } catch (e) {
    if ((await psql(tier.bins, port, 'SELECT pg_get_wal_replay_pause_state()')).trim() !== 'not paused') throw e;
  }
}
/** Replica lag for `seconds` (over 1 s: `seconds` = 5; over 60 s: 75), with writes on the primary throughout. */
export async function pgReplicaLagFor(tier: DataTier, seconds: number): Promise<void> {
  await pausePgReplay(tier);
  try {
    await pgbench(tier, tier.ports.pgPrimary.port, seconds, 10);
  } finally {
    await resumePgReplay(tier);
  }
}

/* MariaDB: the replica's SQL thread stopped (relay log grows, Slave_SQL_Running: No). */
export async function stopMysqlSqlThread(tier: DataTier): Promise<void> {
  await mariadbAdmin(tier.bins, tier.paths.mariadbReplica, 'STOP SLAVE SQL_THREAD');
}
export async function startMysqlSqlThread(tier: DataTier): Promise<void> {
  await mariadbAdmin(tier.bins, tier.paths.mariadbReplica, 'START SLAVE SQL_THREAD');
}
/** An intended delay: the replica applies each event `seconds` after the primary wrote it (0 ends it). */
export async function setMysqlDelay(tier: DataTier, seconds: number): Promise<void> {
  await mariadbAdmin(tier.bins, tier.paths.mariadbReplica, `STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=${Math.max(0, Math.round(seconds))}; START SLAVE`);
}
/**
 * A backup's read lock on the replica (FLUSH TABLES WITH READ LOCK, held by a session for at most
 * `seconds`): the SQL thread waits for it with Slave_SQL_Running still Yes, so Seconds_Behind_Master
 * grows 1 s/s from the oldest event not applied. Resolves once the lock is held, with a release
 * that ends the session (the lock goes with it) and resolves when it is gone.
 */
export async function lockMysqlReplica(tier: DataTier, seconds: number): Promise<() => Promise<void>> {
  const dir = tier.paths.mariadbReplica;
  const marker = `DO SLEEP(${Math.round(seconds)})`;
  const held = mariadbAdmin(tier.bins, dir, `FLUSH TABLES WITH READ LOCK; ${marker}`, (seconds + 30) * 1000).catch(() => undefined);
  const session = async () => (await mariadbAdmin(tier.bins, dir, `SELECT id FROM information_schema.PROCESSLIST WHERE INFO = '${marker}'`)).trim().split('\n')[0];
  const deadline = Date.now() + 30000;
  while (!(await session()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return async () => {
    const id = await session();
    if (/^\d+$/.test(id)) await mariadbAdmin(tier.bins, dir, `KILL ${id}`).catch(() => undefined);
    await held;
  };
}

export async function mysqlSqlStoppedFor(tier: DataTier, seconds: number): Promise<void> {
  await stopMysqlSqlThread(tier);
  try {
    await mysqlLoad(tier, seconds, 5);
  } finally {
    await startMysqlSqlThread(tier);
  }
}

/* MariaDB: slow statements beside the workload -> the server's query time P95 over the goal (100 ms). */
/** How long each slow statement takes: in the plugin's 0.125-0.25 s bucket (range base 2), above the goal. */
export const SLOW_STATEMENT_SECONDS = 0.2;
const SLOW_ROUND_STATEMENTS = 10; // 2 s a round: a stop is seen within one
/**
 * Slow statements on the MariaDB primary for `seconds` (or until `stop` aborts): one application
 * session running SELECT SLEEP(0.2) back to back, 5 statements/s, each counted by the
 * QUERY_RESPONSE_TIME plugin as the 0.2 s it took. Beside the stack's workload (~2 statements/s, all
 * under 62.5 ms) that is most of the server's statements: its P95 over 5m passes 100 ms once 5 %
 * of the window's statements are slow (~7 s; seen by the stack 30-45 s after the start) and falls
 * back once they leave the 5-minute window (~4.5 min after the end).
 */
export async function slowMysqlQueriesFor(tier: DataTier, seconds: number, stop?: AbortSignal): Promise<void> {
  const round = Array.from({ length: SLOW_ROUND_STATEMENTS }, () => `SELECT SLEEP(${SLOW_STATEMENT_SECONDS});`).join(' ');
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end && !stop?.aborted) {
    await mysqlApp(tier, tier.ports.mariadbPrimary.port, round, (SLOW_ROUND_STATEMENTS * SLOW_STATEMENT_SECONDS + 30) * 1000);
  }
}

/* Redis: the cache dropped (every key gone: GETs miss until refilled) or evicted under maxmemory. */
export async function flushCache(tier: DataTier): Promise<void> {
  await redisCli(tier.bins, tier.ports.redis.port, ['FLUSHALL']);
}
/**
 * The cache dropped as the application sees it: every key gone (FLUSHALL), then `reads` lookups of
 * keys that are no longer there (the reads that now go to the database), all misses.
 */
export async function dropCache(tier: DataTier, reads: number): Promise<void> {
  await flushCache(tier);
  await run(tier.bins.redisBenchmark, ['-h', HOST, '-p', String(tier.ports.redis.port), '-q', '-c', '4', '-n', String(reads), '-r', '1000000000', '-t', 'get'], { timeoutMs: 60000 });
}

/**
 * A cache that keeps missing: `perSecond` lookups a second of keys that are not there (random names
 * over a keyspace of 10^9; nothing is flushed or written, so a fill beside it stays), until `stop`
 * aborts or after `maxSeconds`.
 */
export async function missCache(tier: DataTier, perSecond: number, maxSeconds: number, stop: AbortSignal): Promise<void> {
  await inOneSecondRounds(maxSeconds, () => run(tier.bins.redisBenchmark, ['-h', HOST, '-p', String(tier.ports.redis.port), '-q', '-c', '1', '-n', String(perSecond), '-r', '1000000000', '-t', 'get'], { timeoutMs: 30000 }), stop);
}

/** Writes ~`megabytes` of 8 KiB values over a large keyspace: past maxmemory, allkeys-lru evicts. */
export async function fillCache(tier: DataTier, megabytes = 64): Promise<void> {
  const n = Math.round((megabytes * 1024) / 8);
  await run(tier.bins.redisBenchmark, ['-h', HOST, '-p', String(tier.ports.redis.port), '-q', '-c', '4', '-n', String(n), '-r', '10000000', '-t', 'set', '-d', '8192'], { timeoutMs: 60000 });
}

/**
 * A burst of connections past maxclients: REDIS_MAXCLIENTS + `extra` sockets at once. Redis answers
 * the ones over the limit with "-ERR max number of clients reached" and closes them (counted in
 * rejected_connections); once at least `extra` have been refused (the stack's own clients take
 * slots too, so more may be), or after 10 s, every socket is closed. Returns how many were refused.
 */
export async function refuseRedisConnections(tier: DataTier, extra = 16): Promise<number> {
  const refused = new Set<net.Socket>();
  const sockets = await holdSockets(tier.ports.redis.port, REDIS_MAXCLIENTS + extra, (s) =>
    s.on('data', (b: Buffer) => {
      if (b.toString().startsWith('-ERR max number of clients')) refused.add(s);
    }),
  );
  const deadline = Date.now() + 10000;
  while (refused.size < extra && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  sockets.forEach((s) => s.destroy());
  return refused.size;
}

/* Redis down: the stack's redis-server ended (as a crash or an operator would), then started again. */
const REDIS_PROC = 'redis';
/**
 * Ends the stack's Redis (its recorded process: SIGTERM, SIGKILL after 15 s) and removes its pid
 * file, as the stack's stop does; resolves once it has exited. Throws when the stack has no Redis
 * running, so a test never "stops" one that was not there.
 */
export async function stopRedisServer(tier: DataTier): Promise<void> {
  const r = readRecords(tier.stateDir).find((x) => x.name === REDIS_PROC && isOurs(x));
  if (!r) throw new Error(`no running Redis recorded in ${tier.stateDir}`);
  signal(r, 'SIGTERM');
  const deadline = Date.now() + 15000;
  while (isOurs(r) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
  if (isOurs(r)) signal(r, 'SIGKILL');
  while (isOurs(r)) await new Promise((res) => setTimeout(res, 50));
  removeRecord(tier.stateDir, REDIS_PROC);
}
/**
 * Starts the stack's Redis again exactly as the stack's start does (startRedis: same arguments,
 * pid file and log), so `stack/cli.ts status` and `stop` know it; empty (a cache keeps nothing).
 * Resolves once it answers PING.
 */
export async function startRedisServer(tier: DataTier): Promise<void> {
  fs.mkdirSync(tier.paths.redis, { recursive: true });
  await startRedis(tier.bins, tier.stateDir, tier.paths.redis, tier.ports.redis.port);
}

/**
 * Connection saturation for `seconds`: PostgreSQL and MariaDB held at ~90 % of max_connections by
 * sleeping sessions (pgbench, mariadb-slap), Redis past maxclients (idle sockets; the ones over the
 * limit are refused and counted in rejected_connections).
 */
export async function saturateConnectionsFor(tier: DataTier, seconds: number): Promise<void> {
  const pgClients = Math.floor(PG_MAX_CONNECTIONS * 0.85);
  const sleepSql = writePrivate(path.join(tier.paths.etc, 'pg-sleep.sql'), 'SELECT pg_sleep(1);\n');
  const mysqlClients = Math.floor(MARIADB_MAX_CONNECTIONS * 0.85);
  // A burst past maxclients (the surplus is refused), then 85 % held: the exporter's scrapes get through again.
  const sockets = await holdSockets(tier.ports.redis.port, REDIS_MAXCLIENTS + 16);
  sockets.splice(Math.floor(REDIS_MAXCLIENTS * 0.85)).forEach((s) => s.destroy());
  try {
    await Promise.all([
      pgbench(tier, tier.ports.pgPrimary.port, seconds, 1000, ['-f', sleepSql], pgClients),
      run(tier.bins.mariadbSlap, ['--no-defaults', '-h', HOST, '-P', String(tier.ports.mariadbPrimary.port), '-u', CREDS.mysqlApp.user, `-p${CREDS.mysqlApp.password}`, `--create-schema=${CREDS.mysqlDb}`, `--concurrency=${mysqlClients}`, '--iterations=1', `--query=SELECT SLEEP(${seconds})`], {
        timeoutMs: (seconds + 30) * 1000,
      }),
    ]);
  } finally {
    sockets.forEach((s) => s.destroy());
  }
}

async function holdSockets(port: number, n: number, each: (s: net.Socket) => void = () => undefined): Promise<net.Socket[]> {
  return Promise.all(
    Array.from({ length: n }, () => new Promise<net.Socket>((resolve) => {
      const s = net.connect(port, HOST, () => resolve(s));
      each(s);
      s.on('error', () => resolve(s)); // refused or reset over maxclients: that is the point
    })),
  );
}

/* Database saturation, one server at a time, until the caller ends it (HeadroomDatabaseQueriesHigh; the connections: hold.ts). */
const abortedQuietly = (stop: AbortSignal) => (e: unknown) => {
  if (!stop.aborted) throw e; // ended by `stop`: the tool's exit is the point
};

/**
 * PostgreSQL 15 counts a backend's transactions in pg_stat_database when it is idle for a moment or
 * ends: a pgbench session at 1,500 tx/s stayed uncounted for the 16 s it ran, and then all at once.
 * The load runs in pgbench rounds of this many seconds, so its count reaches the exporter each round.
 */
const PG_LOAD_ROUND_SECONDS = 2;
/**
 * Statements at `perSecond` on one primary until `stop` aborts (at most `maxSeconds`), rate-limited
 * by the client, each its own transaction: PostgreSQL `pgbench -R` (2 clients, rounds of 2 s) with SELECT 1,
 * each a committed transaction (pg_stat_database_xact_commit); MariaDB one `mariadb` client a
 * second sending `perSecond` statements `DO 1` (each counted in the Queries status counter),
 * paced as the workload's rounds are.
 */
export async function queryLoad(tier: DataTier, server: TierPrimary, perSecond: number, maxSeconds: number, stop: AbortSignal): Promise<void> {
  const port = tier.ports[server].port;
  const end = Date.now() + maxSeconds * 1000;
  if (server === 'pgPrimary') {
    const select1 = writePrivate(path.join(tier.paths.etc, 'pg-select1.sql'), 'SELECT 1;\n');
    while (Date.now() < end && !stop.aborted) await pgbench(tier, port, PG_LOAD_ROUND_SECONDS, perSecond, ['-f', select1], 2, stop).catch(abortedQuietly(stop));
    return;
  }
  const round = 'DO 1; '.repeat(Math.max(1, Math.round(perSecond)));
  await inOneSecondRounds(maxSeconds, () => mysqlApp(tier, port, round, 2 * 60000), stop); // ~0.3 s on a quiet machine; a loaded one stretches it
}
