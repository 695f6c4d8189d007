// The data tier's load and saturation series, as the Debian exporters name and label them
// (stack/datatier/exporter-series.json): transactions, connections and statement time of each
// PostgreSQL server, queries, connections and the query time histogram of the MySQL replica, Redis
// memory and evictions, the database hosts' CPU time, each exporter's view of its server (`*_up`),
// and the web service's connection pool as HikariCP's Micrometer binder names it. Driven by the
// requests the web tier serves; state: the counters. Replication lag and the cache's hit counters
// stay in model.ts.
import { FIXED_NODES } from './inventory';
import { gaussian, stochasticRound, valueNoise } from './prng';
import { QRT_LE_LABELS, shareAtOrBelow } from './querytime';
import { Family, makeSeries, Series } from './series';

const { max, min, round } = Math;

/** The PostgreSQL servers, primary first (model.ts's PG_SERVERS). */
export const PG_INSTANCES = ['pg-primary', 'pg-replica-1', 'pg-replica-2'] as const;
const MYSQL_INSTANCE = 'mysql-replica-1';
const REDIS_INSTANCE = 'redis-1';
/** Hosts of the database servers (node_exporter's `instance`: the node's name). */
const DB_HOSTS = FIXED_NODES.filter((n) => n.component === 'database').map((n) => n.node);
const CPUS = ['0', '1']; // db.r5.large: 2 vCPUs
const MODES = ['idle', 'iowait', 'system', 'user'] as const;

/** Weekday peak of the served requests (stack/README.md): the reference for the load shares below. */
const PEAK_RPS = 2150;
/** PostgreSQL transactions per served request: the primary runs ~376/s at the peak (seeds: 380/s). */
const PG_TX_PER_REQUEST = [0.175, 0.09, 0.09];
const PG_ROLLBACK_SHARE = 0.002;
/** pg_stat_statements calls per transaction. */
const STATEMENTS_PER_TX = 1.2;
/** Client backends: idle pools plus those busy with the load; the primary peaks at ~128 (seeds). */
const PG_BACKENDS_BASE = [20, 8, 8];
const PG_BACKENDS_PER_RPS = [0.05, 0.025, 0.025];
export const PG_MAX_CONNECTIONS = 250;
const MYSQL_QUERIES_PER_REQUEST = 0.06;
export const MYSQL_MAX_CONNECTIONS = 151; // MariaDB's default
/** MySQL query time: a share of PostgreSQL's statement time (small indexed reads), log-normal with this shape (P95 ~1.8 x the mean). */
const MYSQL_TIME_SHARE = 0.6;
export const MYSQL_TIME_SIGMA = 0.4;
/** The web service's pool to the primary (seeds: a pool of 150): in use ~6 at rest, ~114 (76 %) at the weekday peak, above 80 % only beyond ~2,300 requests/s. */
export const POOL_MAX = 150;
const POOL_BASE = 6;
const POOL_PER_RPS = 0.05;
export const POOL_NAME = 'app';
export const REDIS_MAXMEMORY = 8 * 2 ** 30;
/** Redis memory in use at rest, as a share of maxmemory; a cache drop fills it (evictions). */
const REDIS_FILL = 0.8;
/** CPU busy share of each database host at rest and per peak load (the primary ~67 % at the peak, ~81 % in a spike). */
const CPU_IDLE_BUSY = [0.12, 0.08, 0.08, 0.1];
const CPU_PEAK_BUSY = [0.55, 0.3, 0.3, 0.15];

const F = {
  pgUp: { name: 'pg_up', type: 'gauge', help: 'Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).', source: 'postgres_exporter' },
  pgCommit: { name: 'pg_stat_database_xact_commit', type: 'counter', help: 'Number of transactions in this database that have been committed', source: 'postgres_exporter' },
  pgRollback: { name: 'pg_stat_database_xact_rollback', type: 'counter', help: 'Number of transactions in this database that have been rolled back', source: 'postgres_exporter' },
  pgBackends: { name: 'pg_stat_database_numbackends', type: 'gauge', help: 'Number of backends currently connected to this database.', source: 'postgres_exporter' },
  pgMaxConn: { name: 'pg_settings_max_connections', type: 'gauge', help: 'Sets the maximum number of concurrent connections.', source: 'postgres_exporter' },
  pgCalls: { name: 'pg_stat_statements_calls_total', type: 'counter', help: 'Statements executed', source: 'postgres_exporter' },
  pgSeconds: { name: 'pg_stat_statements_seconds_total', type: 'counter', help: 'Time spent executing statements, in seconds', source: 'postgres_exporter' },
  myUp: { name: 'mysql_up', type: 'gauge', help: 'Whether the MySQL server is up.', source: 'mysqld_exporter' },
  myQueries: { name: 'mysql_global_status_queries', type: 'counter', help: 'Generic metric from SHOW GLOBAL STATUS.', source: 'mysqld_exporter' },
  myThreads: { name: 'mysql_global_status_threads_connected', type: 'gauge', help: 'Generic metric from SHOW GLOBAL STATUS.', source: 'mysqld_exporter' },
  myMaxConn: { name: 'mysql_global_variables_max_connections', type: 'gauge', help: 'Generic gauge metric from SHOW GLOBAL VARIABLES.', source: 'mysqld_exporter' },
  myQueryTime: { name: 'mysql_info_schema_query_response_time_seconds', type: 'histogram', help: 'The number of all queries by duration they took to execute.', source: 'mysqld_exporter' },
  redisUp: { name: 'redis_up', type: 'gauge', help: 'Information about the Redis instance', source: 'redis_exporter' },
  redisEvicted: { name: 'redis_evicted_keys_total', type: 'counter', help: 'evicted_keys metric', source: 'redis_exporter' },
  redisUsed: { name: 'redis_memory_used_bytes', type: 'gauge', help: 'used_memory metric', source: 'redis_exporter' },
  redisMax: { name: 'redis_memory_max_bytes', type: 'gauge', help: 'maxmemory metric', source: 'redis_exporter' },
  redisRejected: { name: 'redis_rejected_connections_total', type: 'counter', help: 'rejected_connections metric', source: 'redis_exporter' },
  nodeCpu: { name: 'node_cpu_seconds_total', type: 'counter', help: 'Seconds the CPUs spent in each mode.', source: 'node_exporter' },
  poolActive: { name: 'hikaricp_connections_active', type: 'gauge', help: 'Active connections', source: 'app' },
  poolMax: { name: 'hikaricp_connections_max', type: 'gauge', help: 'Max connections', source: 'app' },
} satisfies Record<string, Family>;

/** The data tier's families, in exposition order (after model.ts's). */
export const DATA_TIER_FAMILIES: readonly Family[] = Object.values(F);

// Random streams, distinct from model.ts's (10..60).
const S = { pgTx: 70, pgBackends: 71, stmt: 72, myQueries: 73, myThreads: 74, redisMem: 75, evict: 76, cpu: 77, pool: 78 };

/** What drives the tier at a tick, from the web tier's model. */
export interface TierInput {
  seed: number;
  /** Unix seconds of the tick, and the absolute tick number (for per-tick noise). */
  t: number;
  k: number;
  tick: number;
  /** Requests per second the web tier serves. */
  served: number;
  /** How far the cache hit ratio is pulled down by a cache drop now (0..1; 0 outside one). */
  cacheDrop: number;
  /** Redis restarted within this tick (its counters start again) / seconds since (Infinity: long ago). */
  redisRestarted: boolean;
  sinceRedisRestart: number;
}

function series() {
  const pg = PG_INSTANCES.map((instance) => {
    const server = { instance, server: `${instance}:5432` };
    const db = { ...server, datid: '16384', datname: 'app' };
    return {
      up: makeSeries(F.pgUp, F.pgUp.name, { instance }),
      commit: makeSeries(F.pgCommit, F.pgCommit.name, db),
      rollback: makeSeries(F.pgRollback, F.pgRollback.name, db),
      backends: makeSeries(F.pgBackends, F.pgBackends.name, db),
      maxConn: makeSeries(F.pgMaxConn, F.pgMaxConn.name, server),
      calls: makeSeries(F.pgCalls, F.pgCalls.name, { ...server, datname: 'app', user: 'app' }),
      seconds: makeSeries(F.pgSeconds, F.pgSeconds.name, { ...server, datname: 'app', user: 'app' }),
    };
  });
  const my = { instance: MYSQL_INSTANCE };
  const redis = { instance: REDIS_INSTANCE };
  return {
    pg,
    my: [F.myUp, F.myQueries, F.myThreads, F.myMaxConn].map((f) => makeSeries(f, f.name, my)),
    myQueryTime: {
      buckets: [...QRT_LE_LABELS, '+Inf'].map((le) => makeSeries(F.myQueryTime, `${F.myQueryTime.name}_bucket`, { ...my, le })),
      sum: makeSeries(F.myQueryTime, `${F.myQueryTime.name}_sum`, my),
      count: makeSeries(F.myQueryTime, `${F.myQueryTime.name}_count`, my),
    },
    pool: [F.poolActive, F.poolMax].map((f) => makeSeries(f, f.name, { pool: POOL_NAME })),
    redis: [F.redisUp, F.redisEvicted, F.redisUsed, F.redisMax, F.redisRejected].map((f) => makeSeries(f, f.name, redis)),
    cpu: DB_HOSTS.map((instance) => CPUS.map((cpu) => MODES.map((mode) => makeSeries(F.nodeCpu, F.nodeCpu.name, { instance, cpu, mode })))),
  };
}

const round3 = (v: number) => round(v * 1000) / 1000;
const clamp = (v: number, lo: number, hi: number) => min(hi, max(lo, v));

export class DataTier {
  private readonly s = series();
  private commits = PG_INSTANCES.map(() => 0);
  private rollbacks = PG_INSTANCES.map(() => 0);
  private calls = PG_INSTANCES.map(() => 0);
  private seconds = PG_INSTANCES.map(() => 0);
  private backends = PG_INSTANCES.map(() => 0);
  private myQueries = 0;
  private myThreads = 0;
  /** Queries at or below each bound (fractional: the emitted counts are floored, so they never go down). */
  private myTimeBuckets = QRT_LE_LABELS.map(() => 0);
  private myTimeSum = 0;
  private poolActive = 0;
  private evicted = 0;
  private rejected = 0;
  private redisUsed = 0;
  /** CPU seconds per host, cpu and mode. */
  private cpu = DB_HOSTS.map(() => CPUS.map(() => MODES.map(() => 0)));

  step(x: TierInput): void {
    const { seed, k, tick } = x;
    const load = x.served / PEAK_RPS;
    if (x.redisRestarted) {
      this.evicted = 0;
      this.rejected = 0;
    }
    // Statements wait longer as the primary gets busy: 30 ms at rest, ~55 ms at the peak (seeds: 50 ms).
    const statementTime = 0.03 + 0.025 * load * load * (1 + 0.05 * valueNoise(seed, S.stmt, x.t, 900));
    PG_INSTANCES.forEach((_, i) => {
      const tx = stochasticRound(PG_TX_PER_REQUEST[i] * x.served * tick, seed, S.pgTx, k, i);
      const rollbacks = stochasticRound(tx * PG_ROLLBACK_SHARE, seed, S.pgTx + 100, k, i);
      this.commits[i] += tx - rollbacks;
      this.rollbacks[i] += rollbacks;
      const calls = stochasticRound(tx * STATEMENTS_PER_TX, seed, S.stmt + 100, k, i);
      this.calls[i] += calls;
      this.seconds[i] += calls * statementTime * (i === 0 ? 1 : 0.6);
      this.backends[i] = clamp(round(PG_BACKENDS_BASE[i] + PG_BACKENDS_PER_RPS[i] * x.served + 2 * gaussian(seed, S.pgBackends, k, i)), 1, PG_MAX_CONNECTIONS - 3);
    });
    const myQueries = stochasticRound(MYSQL_QUERIES_PER_REQUEST * x.served * tick, seed, S.myQueries, k);
    this.myQueries += myQueries;
    const myTime = MYSQL_TIME_SHARE * statementTime;
    shareAtOrBelow(myTime, MYSQL_TIME_SIGMA).forEach((share, b) => (this.myTimeBuckets[b] += myQueries * share));
    this.myTimeSum += myQueries * myTime;
    this.poolActive = clamp(round(POOL_BASE + POOL_PER_RPS * x.served + 2 * gaussian(seed, S.pool, k)), 0, POOL_MAX);
    this.myThreads = clamp(round(5 + 0.01 * x.served + gaussian(seed, S.myThreads, k)), 1, MYSQL_MAX_CONNECTIONS);
    // Redis: full while a cache drop lasts (it evicts what it will need again), refilling after a restart.
    const refill = x.sinceRedisRestart < 3600 ? 1 - 0.85 * Math.exp(-x.sinceRedisRestart / 900) : 1;
    const fill = x.cacheDrop > 0.02 ? 0.995 : REDIS_FILL * refill + 0.03 * valueNoise(seed, S.redisMem, x.t, 1800);
    this.redisUsed = round(clamp(fill, 0.01, 0.999) * REDIS_MAXMEMORY);
    this.evicted += x.cacheDrop > 0.02 ? stochasticRound(120 * x.cacheDrop * tick, seed, S.evict, k) : 0;
    // CPU: busy share per host, split into user 70 %, system 25 %, iowait 5 % per CPU.
    DB_HOSTS.forEach((_, h) => {
      CPUS.forEach((_c, c) => {
        const busy = clamp(CPU_IDLE_BUSY[h] + CPU_PEAK_BUSY[h] * load + 0.02 * gaussian(seed, S.cpu, k, h * 8 + c), 0.01, 0.99);
        const shares = [1 - busy, 0.05 * busy, 0.25 * busy, 0.7 * busy];
        shares.forEach((sh, m) => (this.cpu[h][c][m] += sh * tick));
      });
    });
  }

  /** Emits every sample of the tick, family by family (DATA_TIER_FAMILIES order). */
  collect(emit: (s: Series, v: number) => void): void {
    const { pg, my, redis, cpu } = this.s;
    pg.forEach((p) => emit(p.up, 1));
    pg.forEach((p, i) => emit(p.commit, this.commits[i]));
    pg.forEach((p, i) => emit(p.rollback, this.rollbacks[i]));
    pg.forEach((p, i) => emit(p.backends, this.backends[i]));
    pg.forEach((p) => emit(p.maxConn, PG_MAX_CONNECTIONS));
    pg.forEach((p, i) => emit(p.calls, this.calls[i]));
    pg.forEach((p, i) => emit(p.seconds, round3(this.seconds[i])));
    emit(my[0], 1);
    emit(my[1], this.myQueries);
    emit(my[2], this.myThreads);
    emit(my[3], MYSQL_MAX_CONNECTIONS);
    const qt = this.s.myQueryTime;
    qt.buckets.forEach((s, b) => emit(s, b < this.myTimeBuckets.length ? Math.min(Math.floor(this.myTimeBuckets[b] + 1e-9), this.myQueries) : this.myQueries));
    emit(qt.sum, round3(this.myTimeSum));
    emit(qt.count, this.myQueries);
    emit(redis[0], 1);
    emit(redis[1], this.evicted);
    emit(redis[2], this.redisUsed);
    emit(redis[3], REDIS_MAXMEMORY);
    emit(redis[4], this.rejected);
    // node_exporter writes CPU seconds with two decimals.
    cpu.forEach((host, h) => host.forEach((modes, c) => modes.forEach((s, m) => emit(s, round(this.cpu[h][c][m] * 100) / 100))));
    emit(this.s.pool[0], this.poolActive);
    emit(this.s.pool[1], POOL_MAX);
  }
}
