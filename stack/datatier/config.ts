// Where the data tier listens and what it runs: one port per server and exporter (each moves with an
// environment variable), the Debian binaries, and the folders inside the state folder.
import * as path from 'node:path';
import { findBinary, HOST, StackError } from '../config';

export type TierService =
  | 'pgPrimary'
  | 'pgReplica'
  | 'mariadbPrimary'
  | 'mariadbReplica'
  | 'redis'
  | 'pgPrimaryExporter'
  | 'pgReplicaExporter'
  | 'mysqldPrimaryExporter'
  | 'mysqldReplicaExporter'
  | 'redisExporter'
  | 'nodeExporter';

/** [service, what, environment variable, default port]. Node exporter is not 19100: that is the simulator. */
export const TIER_PORTS: [TierService, string, string, number][] = [
  ['pgPrimary', 'the PostgreSQL primary', 'HEADROOM_PG_PRIMARY_PORT', 19432],
  ['pgReplica', 'the PostgreSQL replica', 'HEADROOM_PG_REPLICA_PORT', 19433],
  ['mariadbPrimary', 'the MariaDB primary', 'HEADROOM_MARIADB_PRIMARY_PORT', 19306],
  ['mariadbReplica', 'the MariaDB replica', 'HEADROOM_MARIADB_REPLICA_PORT', 19307],
  ['redis', 'Redis', 'HEADROOM_REDIS_PORT', 19379],
  ['pgPrimaryExporter', 'postgres_exporter of the primary', 'HEADROOM_PG_PRIMARY_EXPORTER_PORT', 19187],
  ['pgReplicaExporter', 'postgres_exporter of the replica', 'HEADROOM_PG_REPLICA_EXPORTER_PORT', 19188],
  ['mysqldPrimaryExporter', 'mysqld_exporter of the primary', 'HEADROOM_MYSQLD_PRIMARY_EXPORTER_PORT', 19104],
  ['mysqldReplicaExporter', 'mysqld_exporter of the replica', 'HEADROOM_MYSQLD_REPLICA_EXPORTER_PORT', 19105],
  ['redisExporter', 'redis_exporter', 'HEADROOM_REDIS_EXPORTER_PORT', 19121],
  ['nodeExporter', 'node_exporter', 'HEADROOM_NODE_EXPORTER_PORT', 19110],
];

export interface TierPort {
  label: string;
  env: string;
  port: number;
}

export type TierPorts = Record<TierService, TierPort>;

/** Ports from the environment (defaults above); one clear line for a bad or doubled port. */
export function tierPorts(env: NodeJS.ProcessEnv = process.env): TierPorts {
  const out = {} as TierPorts;
  const seen = new Map<number, string>();
  for (const [service, label, envVar, def] of TIER_PORTS) {
    const raw = env[envVar];
    const port = raw === undefined || raw === '' ? def : Number(raw);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) {
      throw new StackError(`${envVar}=${raw} is not a port number; set it to a free port between 1024 and 65535.`);
    }
    if (seen.has(port)) throw new StackError(`${envVar} and ${seen.get(port)} are both ${port}; give each service its own port.`);
    seen.set(port, envVar);
    out[service] = { label, env: envVar, port };
  }
  return out;
}

export interface TierBins {
  pgBin: string;
  mariadbd: string;
  mariadbInstallDb: string;
  mariadb: string;
  mariadbSlap: string;
  redisServer: string;
  redisCli: string;
  redisBenchmark: string;
  postgresExporter: string;
  mysqldExporter: string;
  redisExporter: string;
  nodeExporter: string;
  setpriv: string;
  env: string;
}

function need(env: NodeJS.ProcessEnv, names: string[], what: string, pkg: string): string {
  const found = findBinary(names, env);
  if (!found) throw new StackError(`${what} not found (looked for ${names.join(' or ')}); install it with \`apt-get install --no-install-recommends ${pkg}\` (scripts/setup.sh does).`);
  return found;
}

/** The Debian binaries of the tier; HEADROOM_PG_BIN_DIR moves PostgreSQL's (default /usr/lib/postgresql/15/bin). */
export function tierBins(env: NodeJS.ProcessEnv = process.env): TierBins {
  const pgBin = env.HEADROOM_PG_BIN_DIR || '/usr/lib/postgresql/15/bin';
  for (const b of ['postgres', 'initdb', 'pg_basebackup', 'psql', 'pgbench']) need(env, [path.join(pgBin, b)], `PostgreSQL's ${b}`, 'postgresql-15');
  return {
    pgBin,
    mariadbd: need(env, ['mariadbd', '/usr/sbin/mariadbd'], 'mariadbd', 'mariadb-server'),
    mariadbInstallDb: need(env, ['mariadb-install-db'], 'mariadb-install-db', 'mariadb-server'),
    mariadb: need(env, ['mariadb'], 'the mariadb client', 'mariadb-client'),
    mariadbSlap: need(env, ['mariadb-slap'], 'mariadb-slap', 'mariadb-client'),
    redisServer: need(env, ['redis-server'], 'redis-server', 'redis-server'),
    redisCli: need(env, ['redis-cli'], 'redis-cli', 'redis-tools'),
    redisBenchmark: need(env, ['redis-benchmark'], 'redis-benchmark', 'redis-tools'),
    postgresExporter: need(env, ['prometheus-postgres-exporter'], 'postgres_exporter', 'prometheus-postgres-exporter'),
    mysqldExporter: need(env, ['prometheus-mysqld-exporter'], 'mysqld_exporter', 'prometheus-mysqld-exporter'),
    redisExporter: need(env, ['prometheus-redis-exporter'], 'redis_exporter', 'prometheus-redis-exporter'),
    nodeExporter: need(env, ['prometheus-node-exporter'], 'node_exporter', 'prometheus-node-exporter'),
    setpriv: need(env, ['setpriv', '/usr/bin/setpriv'], 'setpriv', 'util-linux'),
    env: need(env, ['env', '/usr/bin/env'], 'env', 'coreutils'),
  };
}

/** Folders of the tier inside the stack's state folder. */
export function tierPaths(stateDir: string) {
  const root = path.join(stateDir, 'datatier');
  return {
    root,
    pgPrimary: path.join(root, 'pg-primary'),
    pgReplica: path.join(root, 'pg-replica'),
    mariadbPrimary: path.join(root, 'mariadb-primary'),
    mariadbReplica: path.join(root, 'mariadb-replica'),
    redis: path.join(root, 'redis'),
    etc: path.join(root, 'etc'),
  };
}

/** Names of the pid files (stack/procs.ts), in the order a stop ends them: readers first, primaries last. */
export const TIER_PROCS = {
  exporters: ['pg-primary-exporter', 'pg-replica-exporter', 'mysqld-primary-exporter', 'mysqld-replica-exporter', 'redis-exporter', 'node-exporter'],
  replicas: ['pg-replica', 'mariadb-replica'],
  primaries: ['pg-primary', 'mariadb-primary', 'redis'],
  postgres: ['pg-primary', 'pg-replica'],
};
export const TIER_STOP_ORDER = [...TIER_PROCS.exporters, ...TIER_PROCS.replicas, ...TIER_PROCS.primaries];

/**
 * How the stack's Prometheus scrapes the real exporters: one job per exporter kind (the job names
 * of the exporters' own mixins), an `instance` per server that no simulated series uses (those are
 * pg-primary, pg-replica-1, mysql-replica-1, redis-1, ...), and `cluster`/`namespace` set by the
 * scrape. The namespace is the tier's own: Alertmanager groups by it, so a real incident gets a
 * notification group of its own instead of joining a simulated one (which would hold it back
 * for the group's interval), and the PostgreSQL rules pair a replica with its primary by
 * (cluster, namespace, job).
 */
export const TIER_LABELS = { cluster: 'demo', namespace: 'datatier' } as const;
export const TIER_TARGETS: { exporter: string; port: TierService; job: string; instance: string }[] = [
  { exporter: 'pg-primary-exporter', port: 'pgPrimaryExporter', job: 'postgres', instance: 'real-pg-primary' },
  { exporter: 'pg-replica-exporter', port: 'pgReplicaExporter', job: 'postgres', instance: 'real-pg-replica' },
  { exporter: 'mysqld-primary-exporter', port: 'mysqldPrimaryExporter', job: 'mysql', instance: 'real-mysql-primary' },
  { exporter: 'mysqld-replica-exporter', port: 'mysqldReplicaExporter', job: 'mysql', instance: 'real-mysql-replica' },
  { exporter: 'redis-exporter', port: 'redisExporter', job: 'redis', instance: 'real-redis' },
  { exporter: 'node-exporter', port: 'nodeExporter', job: 'node', instance: 'real-node' },
];

/**
 * Scrape jobs for the tier's exporters, as TIER_TARGETS says (one job per kind, each target with its
 * own instance and the tier's labels); `instances` narrows them (a test's check Prometheus).
 */
export function tierScrapeJobs(ports: TierPorts, instances?: readonly string[]): { job_name: string; static_configs: { targets: string[]; labels: Record<string, string> }[] }[] {
  const targets = TIER_TARGETS.filter((t) => !instances || instances.includes(t.instance));
  return [...new Set(targets.map((t) => t.job))].map((job) => ({
    job_name: job,
    static_configs: targets.filter((t) => t.job === job).map((t) => ({ targets: [`${HOST}:${ports[t.port].port}`], labels: { ...TIER_LABELS, instance: t.instance } })),
  }));
}

/** Demo credentials, loopback only (the servers bind 127.0.0.1). */
export const CREDS = {
  pgUser: 'postgres',
  pgDb: 'headroom',
  mysqlApp: { user: 'app', password: 'headroom-app' },
  mysqlExporter: { user: 'exporter', password: 'headroom-exporter' },
  mysqlRepl: { user: 'repl', password: 'headroom-repl' },
  mysqlDb: 'headroom',
};

/** A data tier as configured: where it lives, its ports, binaries, paths and exporters. */
export interface DataTier {
  stateDir: string;
  ports: TierPorts;
  bins: TierBins;
  paths: ReturnType<typeof tierPaths>;
  /** Exporters by pid-file name, with their /metrics URL. */
  exporters: { name: string; url: string }[];
  startMs: number;
}
