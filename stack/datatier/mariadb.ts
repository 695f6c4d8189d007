// MariaDB 10.11 primary + replica with GTID replication (CHANGE MASTER ... MASTER_USE_GTID), as plain
// processes on 127.0.0.1 with their data folders in the state folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST } from '../config';
import { spawnService, Spawned, waitFor } from '../procs';
import { CREDS, TierBins } from './config';
import { QRT_BASE } from '../simulator/querytime';
import { buildDataDir, run } from './run';

/** Small on purpose: the connection-saturation incident fills it. */
export const MARIADB_MAX_CONNECTIONS = 40;

export const socketOf = (dataDir: string) => path.join(dataDir, 'mysqld.sock');
const osUser = () => os.userInfo().username;

/**
 * glibc's malloc gives each thread that allocates at once an arena of its own (up to 8 per core)
 * and keeps what is freed in them: after the saturation incident (34-37 sessions held, 3,000
 * statements a second) the primary stayed at 155 MiB of RSS, 63 before; with two arenas, 77 MiB
 * (measured on the same stack, saturation.itest.ts alone, each time after a fresh start).
 */
const SERVER_ENV = { ...process.env, MALLOC_ARENA_MAX: '2' };

function serverArgs(dataDir: string, port: number, serverId: number, replica: boolean): string[] {
  return [
    '--no-defaults', // not /etc/mysql: nothing of a system instance
    `--datadir=${dataDir}`,
    `--socket=${socketOf(dataDir)}`,
    `--pid-file=${path.join(dataDir, 'mysqld.pid')}`,
    `--port=${port}`,
    `--bind-address=${HOST}`,
    `--user=${osUser()}`,
    '--skip-name-resolve',
    `--server-id=${serverId}`,
    '--log-bin=mariadb-bin',
    '--binlog-format=ROW',
    '--gtid-strict-mode=ON',
    '--log-slave-updates=ON',
    `--max-connections=${MARIADB_MAX_CONNECTIONS}`,
    // Small caches and buffers: the demo's tables are a few MB, and each of these becomes resident
    // as it is used (the defaults, 128M key and Aria caches and a 16M log buffer, grow the RSS).
    '--innodb-buffer-pool-size=16M',
    '--innodb-log-buffer-size=2M',
    '--innodb-log-file-size=16M',
    '--key-buffer-size=1M',
    '--aria-pagecache-buffer-size=8M',
    '--table-open-cache=256',
    '--innodb-use-native-aio=OFF',
    '--performance-schema=OFF',
    // The query time distribution (information_schema.QUERY_RESPONSE_TIME), read by mysqld_exporter's
    // info_schema.query_response_time. Buckets at powers of 2 (…, 31 ms, 62.5 ms, 125 ms, …): with
    // the default powers of 10 a P95 between 10 and 100 ms is interpolated over the whole decade
    // and reads ~95 ms for queries of 20-30 ms. The plugin lays its buckets out with base 10 when
    // it loads and with this base at the first flush (QRT_FLUSH, on every start).
    '--plugin-load-add=query_response_time',
    '--query-response-time-stats=ON',
    `--query-response-time-range-base=${QRT_BASE}`,
    ...(replica ? ['--read-only=ON', '--relay-log=relay-bin', '--skip-slave-start=ON'] : []),
  ];
}

/** SQL as the admin (unix socket, the OS user's account), tab-separated rows without headers. */
export function mariadbAdmin(bins: TierBins, dataDir: string, sql: string, timeoutMs = 30000): Promise<string> {
  return run(bins.mariadb, ['--no-defaults', `--socket=${socketOf(dataDir)}`, '-u', osUser(), '-N', '-B', '-e', sql], { timeoutMs });
}

/** A row of SHOW SLAVE STATUS as a map (vertical output parsed). */
export async function slaveStatus(bins: TierBins, dataDir: string): Promise<Record<string, string>> {
  const out = await run(bins.mariadb, ['--no-defaults', `--socket=${socketOf(dataDir)}`, '-u', osUser(), '-E', '-e', 'SHOW SLAVE STATUS'], { timeoutMs: 10000 });
  const row: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^\s*(\w+): ?(.*)$/.exec(line);
    if (m) row[m[1]] = m[2];
  }
  return row;
}

/** The client options file of mysqld_exporter 0.14 (--config.my-cnf): user, password, server on loopback. */
export function mysqlExporterCnf(port: number): string {
  return `[client]\nuser=${CREDS.mysqlExporter.user}\npassword=${CREDS.mysqlExporter.password}\nhost=${HOST}\nport=${port}\n`;
}

/** Lays the query time buckets out with the configured range base (and empties them). */
const QRT_FLUSH = 'SET GLOBAL query_response_time_flush = ON';

async function startOne(bins: TierBins, stateDir: string, name: string, dataDir: string, port: number, serverId: number, replica: boolean): Promise<{ proc: Spawned; fresh: boolean }> {
  const fresh = !fs.existsSync(path.join(dataDir, 'mysql'));
  await buildDataDir(dataDir, 'mysql', async (partial) => {
    fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
    await run(bins.mariadbInstallDb, ['--no-defaults', `--datadir=${partial}`, `--user=${osUser()}`, '--auth-root-authentication-method=socket', `--auth-root-socket-user=${osUser()}`, '--skip-test-db', '--skip-name-resolve'], { timeoutMs: 120000 });
  });
  const proc = spawnService(stateDir, name, bins.mariadbd, serverArgs(dataDir, port, serverId, replica), dataDir, `mysql://${HOST}:${port}`, stateDir, false, SERVER_ENV);
  await waitFor(`${name} (port ${port})`, async () => (await mariadbAdmin(bins, dataDir, 'SELECT 1', 3000)).trim() === '1', 90000, () =>
    proc.exited() != null ? `${name} exited while starting; see ${proc.log}` : null,
  );
  await mariadbAdmin(bins, dataDir, QRT_FLUSH);
  return { proc, fresh };
}

/** The accounts (created on the primary, replicated) and the application schema. */
const PRIMARY_SETUP = [
  `CREATE USER IF NOT EXISTS '${CREDS.mysqlRepl.user}'@'${HOST}' IDENTIFIED BY '${CREDS.mysqlRepl.password}'`,
  `GRANT REPLICATION SLAVE ON *.* TO '${CREDS.mysqlRepl.user}'@'${HOST}'`,
  `CREATE USER IF NOT EXISTS '${CREDS.mysqlExporter.user}'@'${HOST}' IDENTIFIED BY '${CREDS.mysqlExporter.password}' WITH MAX_USER_CONNECTIONS 3`,
  `GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO '${CREDS.mysqlExporter.user}'@'${HOST}'`,
  `CREATE DATABASE IF NOT EXISTS ${CREDS.mysqlDb}`,
  `CREATE USER IF NOT EXISTS '${CREDS.mysqlApp.user}'@'${HOST}' IDENTIFIED BY '${CREDS.mysqlApp.password}'`,
  `GRANT ALL ON ${CREDS.mysqlDb}.* TO '${CREDS.mysqlApp.user}'@'${HOST}'`,
  `CREATE TABLE IF NOT EXISTS ${CREDS.mysqlDb}.orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer INT NOT NULL, amount DECIMAL(10,2) NOT NULL, created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), KEY (customer)) ENGINE=InnoDB`,
].join(';\n');

export async function startMariadbPrimary(bins: TierBins, stateDir: string, dataDir: string, port: number): Promise<Spawned> {
  const { proc } = await startOne(bins, stateDir, 'mariadb-primary', dataDir, port, 1, false);
  await mariadbAdmin(bins, dataDir, PRIMARY_SETUP); // every start (IF NOT EXISTS): an interrupted first start may have missed it
  return proc;
}

/** Starts the replica and points it at the primary by GTID (again on every start: the primary's port may have moved). */
export async function startMariadbReplica(bins: TierBins, stateDir: string, dataDir: string, port: number, primaryPort: number): Promise<Spawned> {
  const { proc } = await startOne(bins, stateDir, 'mariadb-replica', dataDir, port, 2, true);
  await mariadbAdmin(bins, dataDir, [
    'STOP SLAVE',
    `CHANGE MASTER TO MASTER_HOST='${HOST}', MASTER_PORT=${primaryPort}, MASTER_USER='${CREDS.mysqlRepl.user}', MASTER_PASSWORD='${CREDS.mysqlRepl.password}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1`,
    'START SLAVE',
  ].join(';\n'));
  await waitFor('the MariaDB replica to replicate from the primary', async () => {
    const s = await slaveStatus(bins, dataDir);
    return s.Slave_IO_Running === 'Yes' && s.Slave_SQL_Running === 'Yes';
  }, 60000, () => (proc.exited() != null ? `the MariaDB replica exited while starting; see ${proc.log}` : null));
  return proc;
}
