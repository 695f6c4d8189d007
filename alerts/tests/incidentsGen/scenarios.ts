// Scenarios: incident kind -> alert(s) it must fire, with the numbers its header notes give.
import { DAY } from '../../../stack/simulator/model';
import { fmt, pct } from './format';
import { lagNotes } from './lagNotes';
import { errorRatio, hitRatio, hpa, myLag, pgLag, poolUsage } from './measures';
import { rate } from './promRate';
import { BEFORE, EVAL, MIN, STEP } from './replaySettings';
import { Expect, Scenario } from './types';
import { instant, one, range } from './windowSeries';

const PG_KEEP = ['cluster', 'namespace', 'job', 'instance'];
const MY_KEEP = ['cluster', 'namespace', 'job', 'instance', 'master_host'];
const pgExpect = (severity: string, instance: string): Expect => ({
  rule: { severity },
  keep: PG_KEEP,
  from: { name: 'pg_replication_lag', match: { instance } },
  value: pgLag(instance),
});
const myExpect = (severity: string): Expect => ({
  rule: { severity },
  keep: MY_KEEP,
  from: { name: 'mysql_slave_status_seconds_behind_master' },
  value: myLag,
});

/** What the two PostgreSQL lag scenarios share: the data they need and the series they read. */
const PG_LAG = {
  lead: 30 * MIN,
  reach: 0,
  related: ['pg-lag-minor', 'pg-lag-major'],
  families: ['pg_replication_lag', 'pg_replication_is_replica'],
} satisfies Partial<Scenario>;
/** What the two MySQL replication scenarios share. */
const MYSQL = {
  lead: 30 * MIN,
  reach: 0,
  related: ['mysql-lag', 'mysql-sql-stopped'],
  families: [
    'mysql_slave_status_seconds_behind_master',
    'mysql_slave_status_sql_delay',
    'mysql_slave_status_slave_io_running',
    'mysql_slave_status_slave_sql_running',
  ],
} satisfies Partial<Scenario>;

export const SCENARIOS: Scenario[] = [
  {
    kind: 'traffic-spike',
    lead: 90 * MIN,
    reach: 60 * MIN,
    related: ['traffic-spike', 'error-burst', 'deploy'],
    // The documented scenario: the HPA climbs from its minimum of 5 (night and early-morning
    // occurrences). After a weekday's midday spike the HPA stays at 12 for ~6 h (the afternoon
    // keeps the pods above the 50 % scale-down line), so the evening one starts at the maximum.
    rest: (w, T) => hpa(w, T) === 5,
    file: 'traffic-spike.yaml',
    title: 'traffic spike to ~2,700 req/s: the HPA climbs from 5 to its maximum of 12 for ~20 min and serves it, nothing shed; the web service\'s pool passes 80 %',
    families: [
      'kube_horizontalpodautoscaler_status_current_replicas',
      'kube_horizontalpodautoscaler_status_desired_replicas',
      'kube_horizontalpodautoscaler_spec_min_replicas',
      'kube_horizontalpodautoscaler_spec_max_replicas',
      'http_requests_total',
      'hikaricp_connections_active',
      'hikaricp_connections_max',
    ],
    tail: 40 * MIN,
    checks: [
      {
        // The 15 min ramp lets the HPA's steps keep ahead of demand (pods x 280 req/s): nothing is
        // shed, the error ratio stays at its 0.03 %, no burn of the availability budget.
        at: 12 * MIN,
        alertname: 'HeadroomErrorBudgetBurn',
        why: 'within capacity: no request shed, the error ratio stays far under 14.4 x 0.1 %',
        fire: [],
      },
      {
        // 5 -> 12 within ~15 min of the start, at 12 for ~20 min: the 15m `for:` ends ~30 min in.
        at: 31 * MIN,
        alertname: 'HeadroomHPAAtMaxReplicas',
        why: 'at 12 of 12 replicas for more than 15m',
        fire: [
          {
            rule: { severity: 'warning' },
            keep: ['cluster', 'namespace', 'horizontalpodautoscaler'],
            from: { name: 'kube_horizontalpodautoscaler_status_current_replicas' },
            value: hpa,
          },
        ],
      },
      {
        // The pool holds 6 + 0.05 per req/s of 150: above 120 (80 %) from ~2,300 req/s, reached
        // ~12 min into the ramp; at ~141 while the spike holds, so the 10m `for:` ends ~23 min in.
        at: 24 * MIN,
        alertname: 'HeadroomConnectionPoolHigh',
        why: 'the pool above 80 % of its 150 connections for more than 10m',
        fire: [
          {
            rule: { severity: 'warning' },
            keep: ['cluster', 'namespace', 'job', 'instance', 'pool'],
            from: { name: 'hikaricp_connections_active' },
            value: poolUsage,
          },
        ],
      },
    ],
    notes: (w, at) => {
      const cur = one(w, 'kube_horizontalpodautoscaler_status_current_replicas');
      let first = -1;
      let last = -1;
      cur.values.forEach((v, i) => {
        if (v >= 12) {
          if (first < 0) first = i;
          last = i;
        }
      });
      const rel = (i: number) => fmt((i * STEP + w.t0 - w.occ.start) / 60, 1);
      const steps: string[] = [];
      cur.values.forEach((v, i) => {
        if (i > 0 && v !== cur.values[i - 1]) steps.push(`${v} at ${rel(i)}`);
      });
      return [
        `error ratio at +12m: ${pct(errorRatio(w, at(12 * MIN), 300))} (5m), ${pct(errorRatio(w, at(12 * MIN), 3600))} (1h)`,
        `pool in use at +24m: ${pct(poolUsage(w, at(24 * MIN)))} of 150`,
        `replicas ${hpa(w, at(-BEFORE))} before; ${steps.join(', ')} (min after the start)`,
        `at 12 (max) from ${rel(first)} to ${rel(last)} min after the start: ${fmt(((last - first + 1) * STEP) / 60, 1)} min` +
          (last === w.n - 1 ? ' (until the end of the data)' : ''),
      ];
    },
  },
  {
    kind: 'error-burst',
    lead: 90 * MIN,
    reach: 60 * MIN,
    // Once in 30 days (the SLO period): the occurrence of the 30 days before START.
    within: 30 * DAY,
    related: ['traffic-spike', 'error-burst', 'deploy'],
    file: 'error-burst.yaml',
    title: '~20 % of requests answer 500 for ~28 min: fast burn of the availability budget',
    families: ['http_requests_total'],
    tail: 25 * MIN,
    checks: [
      {
        // The 1h ratio passes 1.44 % ~5 min in, plus the 2m `for:`; the 5m ratio stays above it
        // until ~4 min after the burst ends (30 min).
        at: 15 * MIN,
        alertname: 'HeadroomErrorBudgetBurn',
        why: 'error ratio above 14.4 x 0.1 % over both 1h and 5m for 2m (page)',
        fire: [
          {
            rule: { severity: 'critical', slo_tier: 'fast' },
            keep: ['cluster', 'namespace', 'service'],
            from: { name: 'http_requests_total' },
            value: (w, T) => errorRatio(w, T, 3600) / 0.001,
          },
        ],
      },
    ],
    notes: (w, at) => [
      `error ratio before: ${pct(errorRatio(w, at(-BEFORE), 300))} (5m), ${pct(errorRatio(w, at(-BEFORE), 3600))} (1h)`,
      `error ratio at +15m: ${pct(errorRatio(w, at(15 * MIN), 300))} (5m), ${pct(errorRatio(w, at(15 * MIN), 3600))} (1h); the fast line is 1.44 %`,
    ],
  },
  {
    kind: 'pg-lag-minor',
    ...PG_LAG,
    file: 'pg-lag-minor.yaml',
    title: 'pg-replica-1 lags 4-8 s: PostgreSQL replication lag warning',
    tail: 20 * MIN,
    checks: [
      {
        // Above 1 s from ~1 min to ~9-10 min after the start; warning `for:` 5m.
        at: 8 * MIN,
        alertname: 'HeadroomPostgresReplicationLag',
        why: 'lag above 1 s for 5m on pg-replica-1 (warning), not above 60 s',
        fire: [pgExpect('warning', 'pg-replica-1')],
      },
    ],
    notes: (w, at) => lagNotes(w, at, one(w, 'pg_replication_lag', { instance: 'pg-replica-1' }), 1),
  },
  {
    kind: 'pg-lag-major',
    ...PG_LAG,
    file: 'pg-lag-major.yaml',
    title: "pg-replica-2's replay stalls, lag climbs to ~250 s: PostgreSQL replication lag critical",
    tail: 25 * MIN,
    checks: [
      {
        // Above 60 s from ~2 min to ~11-12 min after the start; critical `for:` 2m, warning 5m.
        at: 7 * MIN,
        alertname: 'HeadroomPostgresReplicationLag',
        why: 'lag above 60 s for 2m (critical) and above 1 s for 5m (warning) on pg-replica-2',
        fire: [pgExpect('warning', 'pg-replica-2'), pgExpect('critical', 'pg-replica-2')],
      },
    ],
    notes: (w, at) => lagNotes(w, at, one(w, 'pg_replication_lag', { instance: 'pg-replica-2' }), 60),
  },
  {
    kind: 'mysql-lag',
    ...MYSQL,
    file: 'mysql-lag.yaml',
    title: 'mysql-replica-1 falls ~300 s behind: MySQL replication lag critical',
    tail: 25 * MIN,
    checks: [
      {
        // Above 60 s from ~2-2.5 min to ~16-17 min after the start; critical `for:` 2m, warning 5m.
        at: 10 * MIN,
        alertname: 'HeadroomMySQLReplicationLag',
        why: 'lag (minus sql_delay) above 60 s for 2m (critical) and above 1 s for 5m (warning)',
        fire: [myExpect('warning'), myExpect('critical')],
      },
    ],
    notes: (w, at) => lagNotes(w, at, one(w, 'mysql_slave_status_seconds_behind_master'), 60),
  },
  {
    kind: 'mysql-sql-stopped',
    ...MYSQL,
    file: 'mysql-sql-stopped.yaml',
    title: "mysql-replica-1's SQL thread stops for 10 min: replication not running; then the lag it left",
    tail: 25 * MIN,
    checks: [
      {
        // slave_sql_running is 0 for the first 10 min; `for:` 2m.
        at: 6 * MIN,
        alertname: 'HeadroomMySQLReplicationNotRunning',
        why: 'SQL thread stopped for 2m',
        fire: [
          {
            rule: { severity: 'critical' },
            keep: MY_KEEP,
            from: { name: 'mysql_slave_status_slave_sql_running' },
            extra: { thread: 'sql' },
            value: (w, T) => instant(one(w, 'mysql_slave_status_slave_sql_running'), T),
          },
        ],
      },
      {
        // While the thread is stopped the lag is not judged (only while the SQL thread runs).
        at: 6 * MIN,
        alertname: 'HeadroomMySQLReplicationLag',
        why: 'no lag alert while the SQL thread is stopped, although seconds_behind_master is ~360 s',
        fire: [],
      },
      {
        // The thread runs again at 10 min, ~600 s behind, catching up (above 60 s until ~17-18 min).
        at: 16 * MIN,
        alertname: 'HeadroomMySQLReplicationLag',
        why: 'once it runs again, lag above 60 s for 2m (critical) and above 1 s for 5m (warning)',
        fire: [myExpect('warning'), myExpect('critical')],
      },
    ],
    notes: (w, at) => {
      const sql = one(w, 'mysql_slave_status_slave_sql_running');
      const rel = (i: number) => fmt((i * STEP + w.t0 - w.occ.start) / 60, 1);
      const stopped = sql.values.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
      return [
        `slave_sql_running 0 from ${rel(stopped[0])} to ${rel(stopped[stopped.length - 1])} min after the start`,
        ...lagNotes(w, at, one(w, 'mysql_slave_status_seconds_behind_master'), 60),
      ];
    },
  },
  {
    kind: 'cache-drop',
    lead: 60 * MIN,
    reach: 40 * MIN,
    related: ['cache-drop', 'redis-restart'],
    file: 'cache-drop.yaml',
    title: 'redis-1 fills up and evicts, its hit rate falls from ~95 % to ~77 %: cache hit rate below the floor, Redis evictions',
    families: ['redis_keyspace_hits_total', 'redis_keyspace_misses_total', 'redis_evicted_keys_total'],
    tail: 30 * MIN,
    checks: [
      {
        // The 10m ratio falls below 90 % ~5-7 min in and stays below it until ~20-25 min; `for:` 10m.
        at: 20 * MIN,
        alertname: 'HeadroomCacheHitRateLow',
        why: '10m hit ratio below the 90 % floor for 10m (warning); not below 95 % for 1h (info)',
        fire: [
          {
            rule: { severity: 'warning', cache_kind: 'redis' },
            keep: ['cluster', 'namespace', 'job', 'instance'],
            from: { name: 'redis_keyspace_hits_total' },
            value: hitRatio,
          },
        ],
      },
      {
        // The drop is an eviction under maxmemory: evictions above 1/s from ~1 min in until the
        // drop has decayed (~45 min); `for:` 15m.
        at: 25 * MIN,
        alertname: 'HeadroomRedisEvictions',
        why: 'more than 1 key/s evicted over 5m for 15m (warning)',
        fire: [
          {
            rule: { severity: 'warning' },
            keep: ['cluster', 'namespace', 'job', 'instance'],
            from: { name: 'redis_evicted_keys_total' },
            value: (w, T) => rate(one(w, 'redis_evicted_keys_total'), T, 300),
          },
        ],
      },
    ],
    notes: (w, at) => {
      const below: number[] = [];
      for (let T = 600; T < w.n * STEP; T += EVAL) if (hitRatio(w, T) < 0.9) below.push(T);
      const rel = (T: number) => fmt((T + w.t0 - w.occ.start) / 60, 1);
      return [
        `10m hit ratio before: ${pct(hitRatio(w, at(-BEFORE)))}; at +20m: ${pct(hitRatio(w, at(20 * MIN)))}; lowest ${pct(Math.min(...range(600, w.n * STEP, EVAL).map((T) => hitRatio(w, T))))}`,
        below.length ? `10m hit ratio below 90 % at the evaluations from ${rel(below[0])} to ${rel(below[below.length - 1])} min after the start` : '10m hit ratio never below 90 %',
      ];
    },
  },
];
