// The live service's Prometheus exposition, through prom-client: the RED metrics every HTTP
// service of the pack is judged on, and its connection pools under the OpenTelemetry semantic
// conventions' names as an OTLP -> Prometheus export spells them (db.client.connection.count ->
// db_client_connection_count, attribute db.client.connection.state -> label
// db_client_connection_state, ...). No `service`, `job` or `instance` label: the scrape adds them.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LE_BOUNDS } from '../../simulator/latency';

/**
 * The simulated history's bounds (the seeds' 0.1, 0.2, 0.3, 0.475, 0.5 s inside 5 ms to 10 s): the
 * same `le` series, so a panel or rule summing both namespaces by `le` adds like with like.
 */
export const DURATION_BUCKETS: number[] = [...LE_BOUNDS];

/** What a pool reports at a scrape (pg.Pool's totalCount, idleCount, waitingCount and its max). */
export interface PoolStats {
  name: string;
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** Where an error came from: the pools by name, or the cache. */
export type Dependency = 'postgresql-primary' | 'postgresql-replica' | 'redis';
export type CacheResult = 'hit' | 'miss' | 'error';

export interface LiveMetrics {
  registry: Registry;
  /** Records one served request: its handler (a route name, never the raw path), code and seconds. */
  observe(handler: string, code: number, seconds: number): void;
  dependencyError(dependency: Dependency): void;
  cacheLookup(result: CacheResult): void;
}

/** A registry with every metric of the service; `pools` is read at each scrape. */
export function liveMetrics(pools: () => PoolStats[]): LiveMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its response being written, by handler and status code.',
    labelNames: ['handler', 'code'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests served, by handler and status code.', labelNames: ['handler', 'code'], registers: [registry] });
  const errors = new Counter({
    name: 'app_dependency_errors_total',
    help: 'Failed calls to a dependency (a PostgreSQL pool or the Redis cache), whatever the request then answered.',
    labelNames: ['dependency'],
    registers: [registry],
  });
  const cache = new Counter({ name: 'app_cache_lookups_total', help: 'Cache lookups of GET /api, by result (hit, miss, error).', labelNames: ['result'], registers: [registry] });
  for (const d of ['postgresql-primary', 'postgresql-replica', 'redis'] as Dependency[]) errors.inc({ dependency: d }, 0);
  for (const r of ['hit', 'miss', 'error'] as CacheResult[]) cache.inc({ result: r }, 0);

  const poolLabel = 'db_client_connection_pool_name';
  new Gauge({
    name: 'db_client_connection_count',
    help: 'Connections of the pool by state (idle, used): OpenTelemetry db.client.connection.count.',
    labelNames: [poolLabel, 'db_client_connection_state'],
    registers: [registry],
    collect() {
      for (const p of pools()) {
        this.set({ [poolLabel]: p.name, db_client_connection_state: 'idle' }, p.idle);
        this.set({ [poolLabel]: p.name, db_client_connection_state: 'used' }, p.total - p.idle);
      }
    },
  });
  new Gauge({
    name: 'db_client_connection_max',
    help: 'The most connections the pool opens: OpenTelemetry db.client.connection.max.',
    labelNames: [poolLabel],
    registers: [registry],
    collect() {
      for (const p of pools()) this.set({ [poolLabel]: p.name }, p.max);
    },
  });
  new Gauge({
    name: 'db_client_connection_pending_requests',
    help: 'Requests waiting for a connection of the pool: OpenTelemetry db.client.connection.pending_requests.',
    labelNames: [poolLabel],
    registers: [registry],
    collect() {
      for (const p of pools()) this.set({ [poolLabel]: p.name }, p.waiting);
    },
  });

  return {
    registry,
    observe(handler, code, seconds) {
      const labels = { handler, code: String(code) };
      duration.observe(labels, seconds);
      requests.inc(labels);
    },
    dependencyError: (dependency) => errors.inc({ dependency }),
    cacheLookup: (result) => cache.inc({ result }),
  };
}
