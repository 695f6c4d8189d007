// The live service's data: a pool on the PostgreSQL primary (writes), a pool on its streaming
// replica (reads) and the Redis cache in front of the reads. Its two tables are created once,
// idempotently, on the primary (the replica receives them by streaming replication):
//   live_items  1,000 catalogue rows, read by GET /api
//   live_orders one row per POST /checkout
// Every call fails fast when its server is down (a connection timeout of 1 s, a cache that never
// queues commands while disconnected): the service answers 503 or reads past the cache, never waits.
import { Redis } from 'ioredis';
import { Pool, PoolClient } from 'pg';
import type { LiveServiceConfig } from './config';
import type { Dependency, LiveMetrics, PoolStats } from './metrics';

export const ITEM_COUNT = 1000;
/** Seconds a cached item lives: a cache drop (FLUSHALL, eviction) shows as misses until refilled. */
export const CACHE_TTL_SECONDS = 60;
const CONNECT_TIMEOUT_MS = 1000;
const QUERY_TIMEOUT_MS = 3000;
/** One transaction-level advisory lock, so twelve replicas starting at once create the tables once. */
const SCHEMA_LOCK = 20_20_0001;

export interface Item {
  id: number;
  name: string;
  price: string;
}

/** A dependency that failed: the request answers 503 naming it. */
export class DependencyError extends Error {
  constructor(
    readonly dependency: Dependency,
    cause: unknown,
  ) {
    super(`${dependency} is unavailable: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

const SCHEMA_SQL = `
BEGIN;
SELECT pg_advisory_xact_lock(${SCHEMA_LOCK});
CREATE TABLE IF NOT EXISTS live_items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10, 2) NOT NULL);
INSERT INTO live_items (id, name, price)
  SELECT g, 'item-' || g, round((1 + (g * 37) % 500) / 10.0, 2) FROM generate_series(1, ${ITEM_COUNT}) AS g
  ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS live_orders (
  id bigserial PRIMARY KEY,
  item_id integer NOT NULL,
  quantity integer NOT NULL,
  pod text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMIT;`;

export class LiveStore {
  readonly primary: Pool;
  readonly replica: Pool;
  readonly redis: Redis;
  private schemaReady = false;

  constructor(
    private readonly cfg: LiveServiceConfig,
    private readonly metrics: LiveMetrics,
  ) {
    const pool = (port: number, name: string) => {
      const p = new Pool({
        host: cfg.host,
        port,
        user: cfg.pgUser,
        database: cfg.pgDatabase,
        max: cfg.poolSize,
        // 0 (the default): the pool stays full, as HikariCP's does by default (minimumIdle =
        // maximumPoolSize); otherwise an idle connection closes after that long (min 0: at rest
        // the pool may be empty, and a request opens a connection).
        idleTimeoutMillis: cfg.poolIdleSeconds * 1000,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: QUERY_TIMEOUT_MS,
        application_name: `headroom-live ${cfg.pod} ${name}`,
      });
      // A connection that dies while idle (the server stopped): the pool drops it and opens
      // another on the next request. Without this handler the error would end the process.
      p.on('error', () => undefined);
      return p;
    };
    this.primary = pool(cfg.pgPrimaryPort, 'primary');
    this.replica = pool(cfg.pgReplicaPort, 'replica');
    this.redis = new Redis({
      host: cfg.host,
      port: cfg.redisPort,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: 500,
      enableOfflineQueue: false, // disconnected: a command fails at once instead of waiting
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1000, // reconnect every second, for ever
      lazyConnect: false,
    });
    this.redis.on('error', () => undefined); // counted where a command fails; reconnects by itself
  }

  /** The pools' state at a scrape, by pool name (the metrics' db_client_connection_pool_name). */
  poolStats(): PoolStats[] {
    return [
      { name: 'primary', pool: this.primary },
      { name: 'replica', pool: this.replica },
    ].map(({ name, pool }) => ({ name, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: this.cfg.poolSize }));
  }

  /** Opens every connection of both pools (best effort: a server down now is retried by requests). */
  async warm(): Promise<void> {
    await Promise.all(
      [this.primary, this.replica].map(async (pool) => {
        const clients = await Promise.allSettled(Array.from({ length: this.cfg.poolSize }, () => pool.connect()));
        for (const c of clients) if (c.status === 'fulfilled') c.value.release();
      }),
    );
  }

  /** Creates the tables once; false (and retried by the next call) while the primary is down. */
  async ensureSchema(): Promise<boolean> {
    if (this.schemaReady) return true;
    try {
      await this.primary.query(SCHEMA_SQL);
      this.schemaReady = true;
    } catch {
      this.metrics.dependencyError('postgresql-primary');
    }
    return this.schemaReady;
  }

  private async query<T>(pool: Pool, dependency: Dependency, run: (c: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      this.metrics.dependencyError(dependency);
      throw new DependencyError(dependency, e);
    }
    try {
      return await run(client);
    } catch (e) {
      this.metrics.dependencyError(dependency);
      throw new DependencyError(dependency, e);
    } finally {
      client.release();
    }
  }

  /** The item, from the cache, else from the replica (then cached). Null: no such item. */
  async readItem(id: number): Promise<{ item: Item | null; source: 'cache' | 'replica' }> {
    const key = `live:item:${id}`;
    let cacheUp = true;
    try {
      const cached = await this.redis.get(key);
      if (cached !== null) {
        this.metrics.cacheLookup('hit');
        return { item: JSON.parse(cached) as Item, source: 'cache' };
      }
      this.metrics.cacheLookup('miss');
    } catch {
      cacheUp = false;
      this.metrics.cacheLookup('error');
      this.metrics.dependencyError('redis');
    }
    const rows = await this.query(this.replica, 'postgresql-replica', async (c) => (await c.query<Item>('SELECT id, name, price::text AS price FROM live_items WHERE id = $1', [id])).rows);
    const item = rows[0] ?? null;
    if (item && cacheUp) {
      // Not awaited by the response: a fill that fails only counts.
      this.redis.set(key, JSON.stringify(item), 'EX', CACHE_TTL_SECONDS).catch(() => this.metrics.dependencyError('redis'));
    }
    return { item, source: 'replica' };
  }

  /** One order on the primary; its id. */
  async writeOrder(itemId: number, quantity: number): Promise<number> {
    return this.query(this.primary, 'postgresql-primary', async (c) => {
      const r = await c.query<{ id: string }>('INSERT INTO live_orders (item_id, quantity, pod) VALUES ($1, $2, $3) RETURNING id', [itemId, quantity, this.cfg.pod]);
      return Number(r.rows[0].id);
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await Promise.allSettled([this.primary.end(), this.replica.end()]);
  }
}
