// Generates alerts/tests/incidents/*.yaml: promtool unit tests that replay ONE occurrence of each
// scheduled incident of the demo simulator (stack/simulator/, the real model, imported read-only)
// through the real rules pack (alerts/prometheus_rules.yaml + prometheus_alerts.yaml) and assert
// that the matching alert fires inside the incident and is silent before it.
//
//   node_modules/.bin/tsx alerts/tests/incidents-gen.ts [OUTDIR]     (default alerts/tests/incidents)
//
// How: the simulator is replayed from its anchor exactly as stack/backfill.ts does (one Simulator,
// tick by tick, 15 s), as if the demo stack had been started at START with 30 days of history. For
// each incident kind the last occurrence before START that no related incident overlaps (see
// `candidates` and `rest`) is cut out from `lead` before its start, sampled every STEP seconds
// (every other scrape of the live stack), and only the metric families the incident's rules read
// are written, with the stored labels of the live scrape
// (job="headroom-simulator", instance as the simulator sets it, cluster/namespace="demo").
// Expected labels come from the rule's static labels plus the series' labels the expression keeps;
// expected annotations are the rule's templates rendered with those labels and the value the
// expression has at the eval time, computed here from the same samples (instant value, or
// Prometheus 2.x `rate()` with its extrapolation). Nothing is copied from a promtool run.
//
// promtool compares the whole set of alerts of an alertname at an eval time, and the data starts
// `lead` before the occurrence: slower burn-rate tiers whose windows or `for:` exceed the data
// (medium, slow, gradual) cannot fire here, so the assertions speak about the tiers and alerts
// the window covers (a live stack with 30 d of history may have a slow-burn ticket open as well).
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { EventKind, IncidentKind, Occurrence, schedule } from '../../stack/simulator/incidents';
import { DAY, Simulator } from '../../stack/simulator/model';
import { SCRAPE_LABELS } from '../../stack/simulator/series';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'alerts/tests/incidents'));

/** Seed of the demo stack (HEADROOM_SEED default). */
const SEED = 42;
/** The pretend first start of the demo stack (a Wednesday, on the hour). */
const START = Date.UTC(2025, 5, 4, 0, 0, 0) / 1000;
/** Its anchor, as stack/history.ts computes it for 30 days of history. */
const ANCHOR = Math.floor((START - 30 * DAY) / 3600) * 3600;
/** Sample spacing of the input series (the live scrape is 15 s; the rules' shortest window is 5m). */
const STEP = 30;
/** Rule evaluation interval of the tests (every `for:` of the pack is a whole number of minutes). */
const EVAL = 60;
/** The silent check: this long before the occurrence starts. */
const BEFORE = 15 * 60;
const MIN = 60;

type Labels = Record<string, string>;
interface InSeries {
  name: string;
  labels: Labels;
  text: string;
  values: number[];
}

// ---------------------------------------------------------------------------------------------
// Scenarios: incident kind -> alert(s) it must fire.

interface Expect {
  /** Static labels that pick the rule (besides alertname), e.g. severity, slo_tier. */
  rule: Labels;
  /** Labels of the result: these series labels kept by the expression ... */
  keep: string[];
  /** ... from the series this selects (name and label values) ... */
  from: { name: string; match?: Labels };
  /** ... plus these (label_replace). */
  extra?: Labels;
  /** The expression's value at the eval time ($value). */
  value: (w: Window, T: number) => number;
}

interface Check {
  /** Seconds after the occurrence start (rounded down to the evaluation grid). */
  at: number;
  alertname: string;
  why: string;
  fire: Expect[];
}

interface Scenario {
  kind: IncidentKind;
  /** Incidents and events that touch the same series: none may overlap the window (nor its hour before). */
  related: (IncidentKind | EventKind)[];
  /** The data is at rest from the window start to the silent check (so that check means something). */
  rest?: (w: Window, T: number) => boolean;
  /** Data before the occurrence: the rules' windows and `for:` are full at the silent check. */
  lead: number;
  /** The longest range the rules read (a related incident must end this long before the window). */
  reach: number;
  /** How far before START occurrences are looked for (default two days; a rare incident: its whole period). */
  within?: number;
  file: string;
  title: string;
  families: string[];
  /** Data after the occurrence start. */
  tail: number;
  checks: Check[];
  /** Numbers for the header comment and the index (at test time T). */
  notes: (w: Window, at: (off: number) => number) => string[];
}

interface Window {
  occ: Occurrence<IncidentKind | EventKind>;
  /** Unix time of test time 0. */
  t0: number;
  n: number;
  series: InSeries[];
}

const find = (w: Window, name: string, match: Labels = {}): InSeries[] =>
  w.series.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
const one = (w: Window, name: string, match: Labels = {}): InSeries => {
  const s = find(w, name, match);
  if (s.length !== 1) throw new Error(`${name}${JSON.stringify(match)}: ${s.length} series`);
  return s[0];
};
/** Instant value at test time T (a sample lies on every STEP). */
const instant = (s: InSeries, T: number): number => s.values[Math.floor(T / STEP)];

/** Prometheus 2.x extrapolatedRate (promql/functions.go) over [T - range, T], samples every STEP. */
function rate(s: InSeries, T: number, range: number): number {
  const pts: [number, number][] = [];
  for (let i = 0; i < s.values.length; i++) {
    const ts = i * STEP;
    if (ts >= T - range && ts <= T) pts.push([ts, s.values[i]]);
  }
  if (pts.length < 2) return NaN;
  let result = pts[pts.length - 1][1] - pts[0][1];
  let last = 0;
  for (const [, v] of pts) {
    if (v < last) result += last;
    last = v;
  }
  const rangeStart = T - range;
  let durationToStart = pts[0][0] - rangeStart;
  const durationToEnd = T - pts[pts.length - 1][0];
  const sampled = pts[pts.length - 1][0] - pts[0][0];
  const avg = sampled / (pts.length - 1);
  if (result > 0 && pts[0][1] >= 0) {
    const durationToZero = sampled * (pts[0][1] / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = avg * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += durationToStart < threshold ? durationToStart : avg / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : avg / 2;
  return (result * (extrapolateTo / sampled)) / range;
}
const sumRate = (list: InSeries[], T: number, range: number): number => list.reduce((a, s) => a + rate(s, T, range), 0);

const errorRatio = (w: Window, T: number, range: number): number => {
  const all = find(w, 'http_requests_total');
  const bad = all.filter((s) => /^5..$/.test(s.labels.code));
  return sumRate(bad, T, range) / sumRate(all, T, range);
};
const hitRatio = (w: Window, T: number): number => {
  const h = rate(one(w, 'redis_keyspace_hits_total'), T, 600);
  return h / (h + rate(one(w, 'redis_keyspace_misses_total'), T, 600));
};
const pgLag = (instance: string) => (w: Window, T: number) => instant(one(w, 'pg_replication_lag', { instance }), T);
const myLag = (w: Window, T: number) =>
  Math.max(0, instant(one(w, 'mysql_slave_status_seconds_behind_master'), T) - instant(one(w, 'mysql_slave_status_sql_delay'), T));
const hpa = (w: Window, T: number) => instant(one(w, 'kube_horizontalpodautoscaler_status_current_replicas'), T);
const poolUsage = (w: Window, T: number) => instant(one(w, 'hikaricp_connections_active'), T) / instant(one(w, 'hikaricp_connections_max'), T);

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
const fmt = (v: number, d = 3) => String(Math.round(v * 10 ** d) / 10 ** d);
const pct = (v: number) => `${fmt(100 * v, 2)} %`;

const SCENARIOS: Scenario[] = [
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
    lead: 30 * MIN,
    reach: 0,
    related: ['pg-lag-minor', 'pg-lag-major'],
    file: 'pg-lag-minor.yaml',
    title: 'pg-replica-1 lags 4-8 s: PostgreSQL replication lag warning',
    families: ['pg_replication_lag', 'pg_replication_is_replica'],
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
    lead: 30 * MIN,
    reach: 0,
    related: ['pg-lag-minor', 'pg-lag-major'],
    file: 'pg-lag-major.yaml',
    title: "pg-replica-2's replay stalls, lag climbs to ~250 s: PostgreSQL replication lag critical",
    families: ['pg_replication_lag', 'pg_replication_is_replica'],
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
    lead: 30 * MIN,
    reach: 0,
    related: ['mysql-lag', 'mysql-sql-stopped'],
    file: 'mysql-lag.yaml',
    title: 'mysql-replica-1 falls ~300 s behind: MySQL replication lag critical',
    families: [
      'mysql_slave_status_seconds_behind_master',
      'mysql_slave_status_sql_delay',
      'mysql_slave_status_slave_io_running',
      'mysql_slave_status_slave_sql_running',
    ],
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
    lead: 30 * MIN,
    reach: 0,
    related: ['mysql-lag', 'mysql-sql-stopped'],
    file: 'mysql-sql-stopped.yaml',
    title: "mysql-replica-1's SQL thread stops for 10 min: replication not running; then the lag it left",
    families: [
      'mysql_slave_status_seconds_behind_master',
      'mysql_slave_status_sql_delay',
      'mysql_slave_status_slave_io_running',
      'mysql_slave_status_slave_sql_running',
    ],
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

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v < to; v += step) out.push(v);
  return out;
}

function lagNotes(w: Window, at: (off: number) => number, s: InSeries, line: number): string[] {
  const rel = (i: number) => fmt((i * STEP + w.t0 - w.occ.start) / 60, 1);
  const above = (l: number) => s.values.map((v, i) => (v > l ? i : -1)).filter((i) => i >= 0);
  const peak = Math.max(...s.values);
  const out = [`${s.text}: ${fmt(instant(s, at(-BEFORE)))} s before, peak ${fmt(peak)} s at ${rel(s.values.indexOf(peak))} min`];
  for (const l of line === 1 ? [1] : [1, line]) {
    const a = above(l);
    out.push(a.length ? `above ${l} s from ${rel(a[0])} to ${rel(a[a.length - 1])} min after the start` : `never above ${l} s`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rule templates (the subset the pack uses), rendered like Prometheus 2.x does.

/** Go's %.<p>g. */
function goG(v: number, p: number): string {
  if (v === 0) return '0';
  if (!isFinite(v)) return isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const [m, e] = v.toExponential(p - 1).split('e');
  const exp = Number(e);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) return `${trim(m)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return trim(v.toFixed(Math.max(0, p - 1 - exp)));
}
function humanizeDuration(v: number): string {
  if (v === 0) return '0s';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const d = Math.trunc(a);
    const [days, hours, minutes, seconds] = [Math.floor(d / 86400), Math.floor(d / 3600) % 24, Math.floor(d / 60) % 60, d % 60];
    if (days) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG(a, 4)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG(v, 4)}${prefix}s`;
}
function render(tpl: string, labels: Labels, value: number): string {
  return tpl.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpMatchArray | null;
    if ((m = expr.match(/^\$labels\.(\w+)$/))) return labels[m[1]] ?? '';
    if (expr === '$value') return Number.isInteger(value) ? String(value) : goG(value, 17);
    if (expr === '$value | humanizeDuration') return humanizeDuration(value);
    if (expr === '$value | humanizePercentage') return `${goG(value * 100, 4)}%`;
    if (expr === 'printf "%.1f" $value') return value.toFixed(1);
    if ((m = expr.match(/^\$value \| printf "%\.(\d)g"$/))) return goG(value, Number(m[1]));
    throw new Error(`template {{ ${expr} }} not supported by the generator`);
  });
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Labels;
  annotations?: Labels;
}
type RuleFile = { groups: { name: string; rules: Rule[] }[] };
const readRules = (f: string) => yaml.load(fs.readFileSync(path.join(ROOT, 'alerts', f), 'utf8')) as RuleFile;
const RECORDING = readRules('prometheus_rules.yaml');
const ALERTING = readRules('prometheus_alerts.yaml');
const RULES: Rule[] = ALERTING.groups.flatMap((g) => g.rules);
/**
 * promtool evaluates the groups of a test in map order (random) unless group_eval_order is set;
 * the alerts read recorded series, so without it $value (and a `for:` start) would be that of the
 * current or of the previous evaluation at random. Recording groups first, as in a ruler that has
 * the recorded series of the same round.
 */
const GROUP_ORDER = [...RECORDING.groups, ...ALERTING.groups].map((g) => g.name);

function ruleFor(alertname: string, want: Labels): Rule {
  const r = RULES.filter((x) => x.alert === alertname && Object.entries(want).every(([k, v]) => x.labels?.[k] === v));
  if (r.length !== 1) throw new Error(`${alertname}${JSON.stringify(want)}: ${r.length} rules in prometheus_alerts.yaml`);
  return r[0];
}

// ---------------------------------------------------------------------------------------------
// Replay and sampling.

/**
 * Candidate occurrences of a scenario: those of the last two days (or `within`) before START, with the tail and the lead after the history's anchor,
 * that no related incident or event overlaps, from an hour before the window to its end. The
 * last candidate whose data is at rest before the silent check is the one written (see `sample`).
 */
function candidates(sc: Scenario): Occurrence<IncidentKind | EventKind>[] {
  const within = sc.within ?? 2 * DAY;
  const all = schedule(SEED, START - within - DAY, START + DAY);
  return all.filter((o) => {
    if (o.kind !== sc.kind || o.start < START - within || o.start - sc.lead - sc.reach < ANCHOR || o.start + sc.tail > START) return false;
    const from = o.start - sc.lead - sc.reach;
    const to = o.start + sc.tail;
    return !all.some((x) => x !== o && sc.related.includes(x.kind) && x.start < to && Math.max(x.end, x.start + 1) > from);
  });
}

function storedLabels(own: Readonly<Labels>): Labels {
  const l: Labels = { ...own };
  for (const [k, v] of Object.entries(SCRAPE_LABELS)) if (!(k in l)) l[k] = v;
  return l;
}

/** Replays the simulator once from its anchor and samples the candidate windows; picks one per scenario. */
function sample(): Window[] {
  const wins = SCENARIOS.flatMap((sc, si) =>
    candidates(sc).map((occ) => {
      const t0 = Math.floor((occ.start - sc.lead) / EVAL) * EVAL;
      const n = Math.floor((occ.start + sc.tail - t0) / STEP) + 1;
      return { sc, si, w: { occ, t0, n, series: [] as InSeries[] } as Window, index: new Map<string, InSeries>() };
    }),
  );
  const from = Math.min(...wins.map((x) => x.w.t0));
  const to = Math.max(...wins.map((x) => x.w.t0 + (x.w.n - 1) * STEP));
  const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
  for (let t = from; t <= to; t += STEP) {
    sim.advanceToTime(t);
    if (sim.t !== t) throw new Error(`tick at ${sim.t}, wanted ${t}`);
    const live = wins.filter((x) => t >= x.w.t0 && t <= x.w.t0 + (x.w.n - 1) * STEP);
    if (!live.length) continue;
    sim.collect((s, v) => {
      for (const x of live) {
        if (!x.sc.families.includes(s.name)) continue;
        let is = x.index.get(s.stored);
        if (!is) {
          if (t !== x.w.t0) throw new Error(`${s.stored} appears in the middle of the ${x.sc.kind} window`);
          is = { name: s.name, labels: storedLabels(s.labels), text: s.stored, values: [] };
          x.index.set(s.stored, is);
          x.w.series.push(is);
        }
        is.values.push(v);
      }
    });
  }
  return SCENARIOS.map((sc, si) => {
    const ok = wins.filter((x) => {
      if (x.si !== si) return false;
      for (const s of x.w.series) if (s.values.length !== x.w.n) throw new Error(`${s.text}: ${s.values.length} of ${x.w.n} samples`);
      const control = Math.floor((x.w.occ.start - BEFORE - x.w.t0) / EVAL) * EVAL;
      return !sc.rest || range(0, control + STEP, STEP).every((T) => sc.rest!(x.w, T));
    });
    if (!ok.length) throw new Error(`no occurrence of ${sc.kind} in the ${(sc.within ?? 2 * DAY) / DAY} days before ${iso(START)} is clear of related incidents`);
    const w = ok[ok.length - 1].w;
    w.series.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return w;
  });
}

// ---------------------------------------------------------------------------------------------
// Output.

/** promtool's series notation: runs of an integer start and integer step as `a+bxN`, else the values. */
function encode(values: number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    const a = values[i];
    let j = i + 1;
    if (Number.isInteger(a) && j < values.length && Number.isInteger(values[j] - a)) {
      const b = values[j] - a;
      while (j + 1 < values.length && values[j + 1] - values[j] === b && Number.isInteger(values[j + 1])) j++;
      if (j - i >= 2) {
        out.push(b === 0 ? `${a}x${j - i}` : `${a}${b > 0 ? '+' : '-'}${Math.abs(b)}x${j - i}`);
        i = j + 1;
        continue;
      }
    }
    out.push(String(a));
    i++;
  }
  return out.join(' ');
}

const q = (s: string) => JSON.stringify(s);
const dur = (s: number) => (s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`);
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

function writeScenario(sc: Scenario, w: Window): { text: string; cases: number; summary: string[] } {
  const at = (off: number) => Math.floor((w.occ.start + off - w.t0) / EVAL) * EVAL;
  const notes = sc.notes(w, at);
  const L: string[] = [];
  L.push(`# Generated by alerts/tests/incidents-gen.ts from the demo simulator (stack/simulator/). Do not edit;`);
  L.push(`# run \`node_modules/.bin/tsx alerts/tests/incidents-gen.ts\` again.`);
  L.push(`#`);
  L.push(`# ${sc.kind}: ${sc.title}.`);
  L.push(`# Seed ${SEED}, anchor ${iso(ANCHOR)} (a stack started ${iso(START)} with 30 d of history);`);
  L.push(`# occurrence ${w.occ.n} starts ${iso(w.occ.start)} and ends ${iso(w.occ.end)}. Test time 0 = ${iso(w.t0)},`);
  L.push(`# so the occurrence starts at ${dur(w.occ.start - w.t0)}. Samples every ${STEP} s (every other scrape), as stored.`);
  for (const n of notes) L.push(`# ${n}`);
  L.push('rule_files:');
  L.push('  - ../../prometheus_rules.yaml');
  L.push('  - ../../prometheus_alerts.yaml');
  L.push('');
  L.push(`evaluation_interval: ${dur(EVAL)}`);
  L.push('');
  L.push('# Recording groups before the alerting groups that read them (promtool\'s own order is random).');
  L.push('group_eval_order:');
  for (const g of GROUP_ORDER) L.push(`  - ${g}`);
  L.push('');
  L.push('tests:');
  L.push(`  - name: ${q(`${sc.kind} ${iso(w.occ.start)}`)}`);
  L.push(`    interval: ${dur(STEP)}`);
  L.push('    input_series:');
  for (const s of w.series) {
    L.push(`      - series: ${q(s.text)}`);
    L.push(`        values: ${q(encode(s.values))}`);
  }
  L.push('    alert_rule_test:');
  let cases = 0;
  const summary: string[] = [];
  const alertnames = [...new Set(sc.checks.map((c) => c.alertname))];
  for (const name of alertnames) {
    const T = at(-BEFORE);
    L.push(`      # ${dur(BEFORE)} before the start: silent.`);
    L.push(`      - eval_time: ${dur(T)}`);
    L.push(`        alertname: ${name}`);
    L.push('        exp_alerts: []');
    cases++;
  }
  for (const c of sc.checks) {
    const T = at(c.at);
    const rel = (T + w.t0 - w.occ.start) / 60;
    L.push(`      # ${fmt(rel, 1)} min after the start: ${c.why}.`);
    L.push(`      - eval_time: ${dur(T)}`);
    L.push(`        alertname: ${c.alertname}`);
    if (!c.fire.length) L.push('        exp_alerts: []');
    else L.push('        exp_alerts:');
    const fired: string[] = [];
    for (const e of c.fire) {
      const rule = ruleFor(c.alertname, e.rule);
      // The series the expression aggregates or filters: the kept labels must agree across them.
      const srcs = find(w, e.from.name, e.from.match);
      const src = srcs[0];
      for (const o of srcs) for (const k of e.keep) if (o.labels[k] !== src.labels[k]) throw new Error(`${c.alertname}: ${k} differs across ${e.from.name}`);
      const labels: Labels = { ...(rule.labels ?? {}) };
      for (const k of e.keep) if (src.labels[k] !== undefined && src.labels[k] !== '') labels[k] = src.labels[k];
      Object.assign(labels, e.extra ?? {});
      const value = e.value(w, T);
      const shown: Labels = { ...src.labels, ...labels };
      L.push('          - exp_labels:');
      for (const [k, v] of Object.entries(labels)) L.push(`              ${k}: ${q(v)}`);
      L.push('            exp_annotations:');
      for (const [k, v] of Object.entries(rule.annotations ?? {})) L.push(`              ${k}: ${q(render(v, shown, value))}`);
      fired.push(`${c.alertname}{${Object.entries(e.rule).map(([k, v]) => `${k}=${v}`).join(',')}} (value ${fmt(value, 4)})`);
    }
    summary.push(`+${fmt(rel, 1)} min: ${fired.length ? fired.join(', ') : `no ${c.alertname}`}`);
    cases++;
  }
  return { text: L.join('\n') + '\n', cases, summary: [...summary, ...notes] };
}

function main(): void {
  const wins = sample();
  fs.mkdirSync(OUT, { recursive: true });
  const index: string[] = [
    '# Incident scenarios of the demo simulator against the rules pack',
    '',
    'Generated by `node_modules/.bin/tsx alerts/tests/incidents-gen.ts` (do not edit); run by',
    '`bash test/stages/35-incidents.sh`, which also checks that these files are up to date with the',
    'generator. Each file replays one occurrence of one scheduled incident of the real simulator',
    `(seed ${SEED}, a stack started ${iso(START)} with 30 d of history, anchor ${iso(ANCHOR)}), with the`,
    'metric families the matching rules read and the labels of the live scrape, through',
    '`alerts/prometheus_rules.yaml` + `alerts/prometheus_alerts.yaml` (`promtool test rules`), and asserts',
    `that the alert is silent ${dur(BEFORE)} before the occurrence and fires inside it.`,
    '',
    '| incident | occurrence (UTC) | file | asserted | numbers |',
    '| --- | --- | --- | --- | --- |',
  ];
  let total = 0;
  SCENARIOS.forEach((sc, i) => {
    const { text, cases, summary } = writeScenario(sc, wins[i]);
    fs.writeFileSync(path.join(OUT, sc.file), text);
    total += cases;
    const asserted = summary.filter((s) => s.startsWith('+')).join('; ');
    const numbers = summary.filter((s) => !s.startsWith('+')).join('; ');
    index.push(`| ${sc.kind} | ${iso(wins[i].occ.start)} - ${iso(wins[i].occ.end)} | \`${sc.file}\` | silent at -${dur(BEFORE)}; ${asserted} | ${numbers} |`);
  });
  index.push('', `${total} alert_rule_test cases in ${SCENARIOS.length} files.`, '');
  fs.writeFileSync(path.join(OUT, 'README.md'), index.join('\n'));
  console.log(`incidents-gen: ${SCENARIOS.length} files, ${total} alert_rule_test cases in ${path.relative(process.cwd(), OUT) || '.'}`);
}

main();
