// PostgreSQL 15 primary + streaming replica (pg_basebackup on loopback, a physical replication
// slot), as plain processes on 127.0.0.1 with their data folders in the state folder.
import * as path from 'node:path';
import { HOST } from '../config';
import { spawnService, Spawned, waitFor } from '../procs';
import { CREDS, TierBins } from './config';
import { asPgUser, buildDataDir, prepareForPgUser, run } from './run';

export const REPLICATION_SLOT = 'headroom_replica_1';
/** Small on purpose: the connection-saturation incident fills it. */
export const PG_MAX_CONNECTIONS = 40;

/** Server settings (command line, so they are the same for a fresh or a kept data folder). */
function serverArgs(dataDir: string, port: number, extra: Record<string, string>): string[] {
  const settings: Record<string, string> = {
    listen_addresses: HOST,
    port: String(port),
    unix_socket_directories: '', // TCP on loopback only: no socket in /run/postgresql
    max_connections: String(PG_MAX_CONNECTIONS),
    shared_buffers: '8MB', // the demo's database is ~24 MB; each long-lived process maps the buffers it touched (issue 19's RSS budget)
    wal_level: 'replica',
    max_wal_senders: '4',
    max_replication_slots: '4',
    hot_standby: 'on',
    shared_preload_libraries: 'pg_stat_statements',
    track_io_timing: 'on',
    logging_collector: 'off',
    log_min_messages: 'warning',
    ...extra,
  };
  return ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

/** psql on loopback; returns the unaligned, tuples-only output. */
export function psql(bins: TierBins, port: number, sql: string, db = CREDS.pgDb, timeoutMs = 30000): Promise<string> {
  return run(path.join(bins.pgBin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', HOST, '-p', String(port), '-U', CREDS.pgUser, '-d', db, '-c', sql], { timeoutMs });
}

export function pgDsn(port: number): string {
  return `postgresql://${CREDS.pgUser}@${HOST}:${port}/${CREDS.pgDb}?sslmode=disable`;
}

function spawnPg(bins: TierBins, stateDir: string, name: string, dataDir: string, port: number, extra: Record<string, string> = {}): Spawned {
  const [cmd, args] = asPgUser(bins.setpriv, path.join(bins.pgBin, 'postgres'), serverArgs(dataDir, port, extra));
  return spawnService(stateDir, name, cmd, args, dataDir, `postgresql://${HOST}:${port}`, stateDir);
}

async function ready(bins: TierBins, name: string, proc: Spawned, port: number, db: string): Promise<void> {
  await waitFor(`${name} (port ${port})`, async () => (await psql(bins, port, 'SELECT 1', db, 3000)).trim() === '1', 60000, () =>
    proc.exited() != null ? `${name} exited while starting; see ${proc.log}` : null,
  );
}

/** initdb (trust on loopback: a demo bound to 127.0.0.1), start, and the database + pg_stat_statements. */
export async function startPgPrimary(bins: TierBins, stateDir: string, dataDir: string, port: number): Promise<Spawned> {
  await buildDataDir(dataDir, 'PG_VERSION', async (partial) => {
    prepareForPgUser(partial, stateDir);
    const [cmd, args] = asPgUser(bins.setpriv, path.join(bins.pgBin, 'initdb'), ['-D', partial, '-U', CREDS.pgUser, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    await run(cmd, args, { timeoutMs: 90000, cwd: '/' });
  });
  const proc = spawnPg(bins, stateDir, 'pg-primary', dataDir, port);
  await ready(bins, 'the PostgreSQL primary', proc, port, 'postgres');
  // Every start, not only after initdb: a start interrupted between the two left a cluster without them.
  if ((await psql(bins, port, `SELECT count(*) FROM pg_database WHERE datname = '${CREDS.pgDb}'`, 'postgres')).trim() === '0') {
    await psql(bins, port, `CREATE DATABASE ${CREDS.pgDb}`, 'postgres');
  }
  await psql(bins, port, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return proc;
}

/** pg_basebackup from the primary (creating the slot, -R writes primary_conninfo), then start it as a hot standby. */
export async function startPgReplica(bins: TierBins, stateDir: string, dataDir: string, port: number, primaryPort: number): Promise<Spawned> {
  await buildDataDir(dataDir, 'PG_VERSION', async (partial) => {
    prepareForPgUser(partial, stateDir);
    const slots = await psql(bins, primaryPort, `SELECT count(*) FROM pg_replication_slots WHERE slot_name = '${REPLICATION_SLOT}'`);
    const slotArgs = slots.trim() === '1' ? ['-S', REPLICATION_SLOT] : ['-C', '-S', REPLICATION_SLOT];
    const [cmd, args] = asPgUser(bins.setpriv, path.join(bins.pgBin, 'pg_basebackup'), ['-h', HOST, '-p', String(primaryPort), '-U', CREDS.pgUser, '-D', partial, '-R', '-X', 'stream', '-c', 'fast', '--no-sync', ...slotArgs]);
    await run(cmd, args, { timeoutMs: 120000, cwd: '/' });
  });
  // The primary's address on the command line (it wins over what -R wrote), so a kept replica follows a moved port.
  const proc = spawnPg(bins, stateDir, 'pg-replica', dataDir, port, {
    primary_conninfo: `host=${HOST} port=${primaryPort} user=${CREDS.pgUser} application_name=pg-replica`,
    primary_slot_name: REPLICATION_SLOT,
    // The primary keeps the row versions the replica's queries still read: after a long pause of
    // replay, resuming does not cancel them (a recovery conflict), as on most production replicas.
    hot_standby_feedback: 'on',
  });
  await ready(bins, 'the PostgreSQL replica', proc, port, CREDS.pgDb);
  await waitFor('the PostgreSQL replica to stream from the primary', async () =>
    (await psql(bins, primaryPort, `SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'`)).trim() === '1', 60000, () =>
    proc.exited() != null ? `the PostgreSQL replica exited while starting; see ${proc.log}` : null,
  );
  return proc;
}
