/** @jest-environment node */
import { bucketQuantile } from '../../core/histogram/quantile';
import { DataTier, PG_MAX_CONNECTIONS, POOL_MAX, REDIS_MAXMEMORY, TierInput } from './datatier';
import { QRT_LE_BOUNDS, QRT_LE_LABELS } from './querytime';

const TICK = 15;

/** Runs the tier `n` ticks at a constant load and returns the samples of the last tick by name{labels}. */
function run(n: number, input: Partial<TierInput> = {}, tier = new DataTier()): { tier: DataTier; at: Map<string, number> } {
  for (let k = 1; k <= n; k++) tier.step({ seed: 1, t: 1_700_000_000 + k * TICK, k, tick: TICK, served: 2150, cacheDrop: 0, redisRestarted: false, sinceRedisRestart: Infinity, ...input });
  const at = new Map<string, number>();
  tier.collect((s, v) => at.set(s.live.replace(/,?(cluster|namespace)="demo"/g, ''), v));
  return { tier, at };
}
const get = (at: Map<string, number>, prefix: string) => {
  const hit = [...at].filter(([k]) => k.startsWith(prefix));
  if (hit.length !== 1) throw new Error(`${prefix}: ${hit.length} samples`);
  return hit[0][1];
};

describe('data tier model', () => {
  test('at the weekday peak the primary runs ~376 transactions/s with ~128 connections of 250 (the seeds: 380/s, a pool peaking at 128)', () => {
    const hour = 240;
    const { at } = run(hour);
    const tx = (get(at, 'pg_stat_database_xact_commit{instance="pg-primary"') + get(at, 'pg_stat_database_xact_rollback{instance="pg-primary"')) / (hour * TICK);
    expect(tx).toBeGreaterThan(370);
    expect(tx).toBeLessThan(383);
    expect(get(at, 'pg_stat_database_numbackends{instance="pg-primary"')).toBeGreaterThanOrEqual(120);
    expect(get(at, 'pg_stat_database_numbackends{instance="pg-primary"')).toBeLessThanOrEqual(136);
    expect(get(at, 'pg_settings_max_connections{instance="pg-primary"')).toBe(PG_MAX_CONNECTIONS);
    // Average statement time ~55 ms at the peak (seeds: 50 ms).
    const avg = get(at, 'pg_stat_statements_seconds_total{instance="pg-primary"') / get(at, 'pg_stat_statements_calls_total{instance="pg-primary"');
    expect(avg).toBeGreaterThan(0.05);
    expect(avg).toBeLessThan(0.06);
  });

  test('each host\'s CPU seconds add up to its CPUs x the time; the primary ~67 % busy at the peak', () => {
    const n = 240;
    const { at } = run(n);
    const host = (mode: string) => [...at].filter(([k]) => k.startsWith('node_cpu_seconds_total{instance="db-pg-primary"') && k.includes(`mode="${mode}"`)).reduce((a, [, v]) => a + v, 0);
    const all = ['idle', 'iowait', 'system', 'user'].reduce((a, m) => a + host(m), 0);
    expect(all).toBeCloseTo(2 * n * TICK, 0);
    expect(1 - host('idle') / all).toBeGreaterThan(0.64);
    expect(1 - host('idle') / all).toBeLessThan(0.70);
  });

  test('Redis evicts only while a cache drop fills it; a restart starts its counters again', () => {
    const calm = run(40);
    expect(get(calm.at, 'redis_evicted_keys_total')).toBe(0);
    expect(get(calm.at, 'redis_memory_used_bytes') / REDIS_MAXMEMORY).toBeLessThan(0.9);
    const dropped = run(40, { cacheDrop: 0.15 }, calm.tier);
    expect(get(dropped.at, 'redis_evicted_keys_total')).toBeGreaterThan(40 * TICK * 10);
    expect(get(dropped.at, 'redis_memory_used_bytes') / REDIS_MAXMEMORY).toBeGreaterThan(0.99);
    const restarted = run(1, { redisRestarted: true, sinceRedisRestart: 5 }, dropped.tier);
    expect(get(restarted.at, 'redis_evicted_keys_total')).toBe(0);
    expect(get(restarted.at, 'redis_memory_used_bytes') / REDIS_MAXMEMORY).toBeLessThan(0.2);
  });

  test('zero traffic: no transactions, no statements, idle CPUs', () => {
    const { at } = run(40, { served: 0 });
    expect(get(at, 'pg_stat_database_xact_commit{instance="pg-primary"')).toBe(0);
    expect(get(at, 'pg_stat_statements_calls_total{instance="pg-primary"')).toBe(0);
    expect(get(at, 'mysql_global_status_queries')).toBe(0);
  });

  test('MySQL query time: a histogram at the plugin\'s bounds whose P95 stays around 60 ms at the peak (seeds: P95 goal under 100 ms)', () => {
    const hour = 240;
    const { at } = run(hour);
    const bucket = (le: string) => get(at, `mysql_info_schema_query_response_time_seconds_bucket{instance="mysql-replica-1",le="${le}"`);
    const cum = [...QRT_LE_LABELS, '+Inf'].map(bucket);
    const count = get(at, 'mysql_info_schema_query_response_time_seconds_count');
    cum.slice(1).forEach((c, i) => expect(c).toBeGreaterThanOrEqual(cum[i]));
    expect(cum[cum.length - 1]).toBe(count);
    expect(count).toBe(get(at, 'mysql_global_status_queries'));
    const p95 = bucketQuantile(0.95, [...QRT_LE_BOUNDS, Infinity], cum);
    // ~59 ms for the log-normal itself; the histogram reads it within its bucket (31.25, 62.5] ms
    expect(p95).toBeGreaterThan(0.05);
    expect(p95).toBeLessThan(0.0625);
    // mean ~33 ms (0.6 x PostgreSQL's ~55 ms at the peak)
    const mean = get(at, 'mysql_info_schema_query_response_time_seconds_sum') / count;
    expect(mean).toBeGreaterThan(0.03);
    expect(mean).toBeLessThan(0.036);
  });

  test('the web service\'s pool (HikariCP names): ~114 of 150 at the peak, under the 80 % line; ~6 at zero traffic', () => {
    const peak = run(40).at;
    expect(get(peak, 'hikaricp_connections_max{pool="app"')).toBe(POOL_MAX);
    expect(get(peak, 'hikaricp_connections_active{pool="app"')).toBeGreaterThan(105);
    expect(get(peak, 'hikaricp_connections_active{pool="app"') / POOL_MAX).toBeLessThan(0.8);
    expect(get(run(40, { served: 0 }).at, 'hikaricp_connections_active{pool="app"')).toBeLessThan(12);
    expect(get(run(40, { served: 2600 }).at, 'hikaricp_connections_active{pool="app"') / POOL_MAX).toBeGreaterThan(0.8);
  });
});
