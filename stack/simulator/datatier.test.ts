/** @jest-environment node */
import { DataTier, PG_MAX_CONNECTIONS, REDIS_MAXMEMORY, TierInput } from './datatier';

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
});
