// The real data tier on its own (temp folder, free ports): PostgreSQL primary + streaming replica,
// MariaDB primary + GTID replica, Redis and the Debian exporters. Under a bounded workload it checks
// what the exporters show during real incidents (replay paused, SQL thread stopped, MASTER_DELAY,
// cache flush and eviction, connection saturation), that the series names and label names the
// exporters emit include those in exporter-series.json (HEADROOM_UPDATE_FIXTURES=1 rewrites it
// from this run), and that a stop leaves no process and no open port.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Sample } from '../../core/exposition/types';
import { isOurs, readRecords } from '../procs';
import { TIER_PORTS, TIER_STOP_ORDER } from './config';
import { DataTier, fillCache, flushCache, pausePgReplay, resumePgReplay, runWorkload, saturateConnectionsFor, setMysqlDelay, startDataTier, startMysqlSqlThread, stopDataTier, stopMysqlSqlThread } from './index';
import { MARIADB_MAX_CONNECTIONS } from './mariadb';
import { PG_MAX_CONNECTIONS } from './postgres';
import { REDIS_MAXCLIENTS } from './redis';
import { addSeriesNames, formatSeriesFile, scrape, SeriesNames, sumOf, valueOf } from './series';

const FIXTURE = path.join(__dirname, 'exporter-series.json');
const KIND: Record<string, string> = {
  'pg-primary-exporter': 'postgres_exporter',
  'pg-replica-exporter': 'postgres_exporter',
  'mysqld-primary-exporter': 'mysqld_exporter',
  'mysqld-replica-exporter': 'mysqld_exporter',
  'redis-exporter': 'redis_exporter',
  'node-exporter': 'node_exporter',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let stateDir: string;
let tier: DataTier;
let workload: Promise<void>;
const seen: Record<string, SeriesNames> = {};

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise<net.Server>((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => resolve(s)); })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Scrapes one exporter and remembers its names for the fixture. */
async function metrics(name: string): Promise<Sample[]> {
  const e = tier.exporters.find((x) => x.name === name);
  if (!e) throw new Error(`no exporter ${name}`);
  const samples = await scrape(e.url);
  seen[KIND[name]] = addSeriesNames(seen[KIND[name]] ?? {}, samples);
  return samples;
}

async function until(what: string, ok: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(500);
  }
}

beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-datatier-itest-'));
  const ports = await freePorts(TIER_PORTS.length);
  const env: NodeJS.ProcessEnv = { ...process.env };
  TIER_PORTS.forEach(([, , envVar], i) => (env[envVar] = String(ports[i])));
  tier = await startDataTier({ stateDir, env });
  workload = runWorkload(tier, { seconds: 30 });
}, 120000);

afterAll(async () => {
  await workload?.catch(() => undefined);
  if (stateDir) {
    await stopDataTier(stateDir);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}, 60000);

test('every exporter reaches its server', async () => {
  expect(tier.startMs).toBeLessThan(90000);
  for (const [name, up] of [['pg-primary-exporter', 'pg_up'], ['pg-replica-exporter', 'pg_up'], ['mysqld-primary-exporter', 'mysql_up'], ['mysqld-replica-exporter', 'mysql_up'], ['redis-exporter', 'redis_up']]) {
    expect([name, valueOf(await metrics(name), up)]).toEqual([name, 1]);
  }
  expect(sumOf(await metrics('node-exporter'), 'node_cpu_seconds_total')).toBeGreaterThan(0);
  const primary = await metrics('pg-primary-exporter');
  expect(valueOf(primary, 'pg_replication_is_replica')).toBe(0);
  expect(sumOf(primary, 'pg_stat_statements_calls_total', { datname: 'headroom' })).toBeGreaterThan(0);
  expect(sumOf(primary, 'pg_stat_statements_seconds_total', { datname: 'headroom' })).toBeGreaterThan(0);
  expect(valueOf(primary, 'pg_stat_replication_pg_wal_lsn_diff', { state: 'streaming' })).toBeGreaterThanOrEqual(0);
  expect(valueOf(await metrics('pg-replica-exporter'), 'pg_replication_is_replica')).toBe(1);
});

test('PostgreSQL: replay paused under writes -> pg_replication_lag over 1 s and rising; resumed -> back under 1 s', async () => {
  await sleep(2000); // the workload writes
  expect(valueOf(await metrics('pg-replica-exporter'), 'pg_replication_lag')).toBeLessThan(1);
  await pausePgReplay(tier);
  try {
    await sleep(3500);
    const first = valueOf(await metrics('pg-replica-exporter'), 'pg_replication_lag');
    await sleep(2000);
    const replica = await metrics('pg-replica-exporter');
    const second = valueOf(replica, 'pg_replication_lag');
    expect(first).toBeGreaterThan(1);
    expect(second).toBeGreaterThan(first + 1);
    // the primary sees the same from its side: WAL sent but not replayed
    expect(valueOf(await metrics('pg-primary-exporter'), 'pg_stat_replication_pg_wal_lsn_diff', { state: 'streaming' })).toBeGreaterThan(0);
  } finally {
    await resumePgReplay(tier);
  }
  await until('lag back under 1 s', async () => valueOf(await metrics('pg-replica-exporter'), 'pg_replication_lag') < 1, 15000);
});

test('MariaDB: SQL thread stopped -> slave_sql_running 0 (IO still 1, seconds_behind_master absent); MASTER_DELAY -> sql_delay', async () => {
  const labels = { master_host: '127.0.0.1' };
  await stopMysqlSqlThread(tier);
  try {
    const r = await metrics('mysqld-replica-exporter');
    expect(valueOf(r, 'mysql_slave_status_slave_sql_running', labels)).toBe(0);
    expect(valueOf(r, 'mysql_slave_status_slave_io_running', labels)).toBe(1);
    expect(valueOf(r, 'mysql_slave_status_seconds_behind_master', labels)).toBeNaN(); // NULL while stopped: no sample
  } finally {
    await startMysqlSqlThread(tier);
  }
  expect(valueOf(await metrics('mysqld-replica-exporter'), 'mysql_slave_status_slave_sql_running', labels)).toBe(1);
  await setMysqlDelay(tier, 20);
  try {
    const r = await metrics('mysqld-replica-exporter');
    expect(valueOf(r, 'mysql_slave_status_sql_delay', labels)).toBe(20);
    expect(valueOf(r, 'mysql_slave_status_slave_sql_running', labels)).toBe(1);
  } finally {
    await setMysqlDelay(tier, 0);
  }
  expect(valueOf(await metrics('mysqld-replica-exporter'), 'mysql_slave_status_sql_delay', labels)).toBe(0);
  const primary = await metrics('mysqld-primary-exporter');
  expect(valueOf(primary, 'mysql_global_status_queries')).toBeGreaterThan(0);
  // The query time histogram (QUERY_RESPONSE_TIME plugin, --collect.info_schema.query_response_time):
  // buckets at powers of 2 (no 0.1 s bound, which base 10 has), and the workload's statements (paced
  // by the client, no server-side SLEEP) under 62.5 ms.
  const count = valueOf(primary, 'mysql_info_schema_query_response_time_seconds_count');
  expect(count).toBeGreaterThan(100);
  const bucket = (le: string) => valueOf(primary, 'mysql_info_schema_query_response_time_seconds_bucket', { le });
  expect(bucket('+Inf')).toBe(count);
  expect(bucket('0.1')).toBeNaN();
  expect(bucket('0.0625') / count).toBeGreaterThan(0.95);
});

test('Redis: hits and misses move under the workload; a flush empties the keyspace; filling past maxmemory evicts', async () => {
  const a = await metrics('redis-exporter');
  await sleep(3000);
  const b = await metrics('redis-exporter');
  expect(valueOf(b, 'redis_keyspace_hits_total')).toBeGreaterThan(valueOf(a, 'redis_keyspace_hits_total'));
  expect(valueOf(b, 'redis_keyspace_misses_total')).toBeGreaterThan(valueOf(a, 'redis_keyspace_misses_total'));
  expect(valueOf(b, 'redis_db_keys', { db: 'db0' })).toBeGreaterThan(0);
  await flushCache(tier);
  expect(valueOf(await metrics('redis-exporter'), 'redis_db_keys', { db: 'db0' })).toBeLessThan(valueOf(b, 'redis_db_keys', { db: 'db0' }) / 2); // refilling already
  await fillCache(tier, 48);
  const c = await metrics('redis-exporter');
  expect(valueOf(c, 'redis_evicted_keys_total')).toBeGreaterThan(valueOf(b, 'redis_evicted_keys_total'));
  expect(valueOf(c, 'redis_memory_max_bytes')).toBe(24 * 1024 * 1024);
});

test('connection saturation: PostgreSQL and MariaDB over 80 % of max_connections, Redis refuses clients past maxclients', async () => {
  await workload; // its connections would take the last free slots
  const redisBefore = valueOf(await metrics('redis-exporter'), 'redis_rejected_connections_total');
  const incident = saturateConnectionsFor(tier, 8);
  try {
    await until('PostgreSQL connections over 80 %', async () => {
      const m = await metrics('pg-primary-exporter');
      expect(valueOf(m, 'pg_settings_max_connections')).toBe(PG_MAX_CONNECTIONS);
      return sumOf(m, 'pg_stat_activity_count') > 0.8 * PG_MAX_CONNECTIONS;
    }, 8000);
    await until('MariaDB connections over 80 %', async () => {
      const m = await metrics('mysqld-primary-exporter');
      expect(valueOf(m, 'mysql_global_variables_max_connections')).toBe(MARIADB_MAX_CONNECTIONS);
      return valueOf(m, 'mysql_global_status_threads_connected') > 0.8 * MARIADB_MAX_CONNECTIONS;
    }, 8000);
    const r = await metrics('redis-exporter');
    expect(valueOf(r, 'redis_rejected_connections_total')).toBeGreaterThan(redisBefore);
    expect(valueOf(r, 'redis_config_maxclients')).toBe(REDIS_MAXCLIENTS);
  } finally {
    await incident;
  }
}, 60000);

test('the MariaDB servers run with two malloc arenas (MALLOC_ARENA_MAX=2: what their threads free goes back to a shared arena, not one each)', () => {
  const servers = readRecords(stateDir).filter((r) => r.name === 'mariadb-primary' || r.name === 'mariadb-replica');
  expect(servers.map((r) => r.name).sort()).toEqual(['mariadb-primary', 'mariadb-replica']);
  for (const r of servers) {
    const environ = fs.readFileSync(`/proc/${r.pid}/environ`, 'utf8').split('\0');
    expect([r.name, environ.filter((kv) => kv.startsWith('MALLOC_ARENA_MAX='))]).toEqual([r.name, ['MALLOC_ARENA_MAX=2']]);
  }
});

test('the exporters emit every series (name + label names) of exporter-series.json', () => {
  const live = seen;
  if (process.env.HEADROOM_UPDATE_FIXTURES === '1') fs.writeFileSync(FIXTURE, formatSeriesFile(live));
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, SeriesNames>;
  const missing: string[] = [];
  const meminfo = hostMeminfoMetrics();
  for (const [kind, series] of Object.entries(fixture)) {
    for (const [name, labels] of Object.entries(series)) {
      const got = live[kind]?.[name];
      // node_exporter's meminfo collector has one series per line of this host's /proc/meminfo
      // (DirectMap1G exists only where the CPU has 1 GiB pages): a line this host lacks is no miss.
      if (!got && kind === 'node_exporter' && name.startsWith('node_memory_') && !meminfo.has(name)) continue;
      if (!got) missing.push(`${kind}: ${name}`);
      else if (labels.some((l) => !got.includes(l))) missing.push(`${kind}: ${name}{${labels.join(',')}} emitted with {${got.join(',')}}`);
    }
  }
  expect(missing).toEqual([]);
  expect(Object.keys(fixture).sort()).toEqual(['mysqld_exporter', 'node_exporter', 'postgres_exporter', 'redis_exporter']);
});

/** The node_memory_* names node_exporter's meminfo collector makes of this host's /proc/meminfo ("Active(anon): 1 kB" -> node_memory_Active_anon_bytes). */
function hostMeminfoMetrics(): Set<string> {
  const names = new Set<string>();
  for (const line of fs.readFileSync('/proc/meminfo', 'utf8').split('\n')) {
    const m = /^([^:]+):\s+\d+(\s+kB)?/.exec(line);
    if (m) names.add(`node_memory_${m[1].replace(/\((\w+)\)/, '_$1')}${m[2] ? '_bytes' : ''}`);
  }
  return names;
}

test('stop ends every process of the tier and closes its ports', async () => {
  await workload;
  const pids = readRecords(stateDir).filter((r) => TIER_STOP_ORDER.includes(r.name));
  expect(pids.map((r) => r.name).sort()).toEqual([...TIER_STOP_ORDER].sort());
  await stopDataTier(stateDir);
  expect(pids.filter((r) => isOurs(r)).map((r) => r.name)).toEqual([]);
  expect(readRecords(stateDir)).toEqual([]);
  const open = await Promise.all(Object.values(tier.ports).map((p) => new Promise<string | null>((resolve) => {
    const s = net.connect(p.port, '127.0.0.1', () => { s.destroy(); resolve(`${p.env}=${p.port}`); });
    s.on('error', () => resolve(null));
  })));
  expect(open.filter(Boolean)).toEqual([]);
}, 60000);
