// The second engine on the running stack (stack/engines/victoriametrics.ts): vmalert loads the
// rendered rule files unchanged and evaluates every rule on VictoriaMetrics without an error, its
// alerts reach the stack's Alertmanager, VictoriaMetrics holds the same raw history as
// Prometheus and the recording rules replayed over it at the start (vmReplay.ts) with the values
// the same rules give on Prometheus, and every incident of the last day makes its alert fire there
// too (the same incident -> alert pairs that alerts/tests/incidents/ check on Prometheus with promtool).
// Skipped, with one line, when Debian's victoria-metrics package is not installed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { REPO_ROOT } from '../config';
import { ALERTMANAGER_URL, getJson, query as promQuery, Range, Sample, SIMULATOR_URL } from '../testing';
import { SCENARIOS } from '../../alerts/tests/incidentsGen/scenarios';
import { ENGINE_LABEL, vmBins, vmUrls } from './victoriametrics';
import { REPLAY_STEP } from './vmReplay';

const bins = vmBins();
const { vmUrl, vmalertUrl } = vmUrls();
if (!bins) console.log('skip the VictoriaMetrics engine tests: victoria-metrics is not installed (apt-get install victoria-metrics)');
const describeVm = bins ? describe : describe.skip;

interface RuleGroup {
  name: string;
  rules: { alert?: string; record?: string; expr: string; for?: string; labels?: Record<string, string> }[];
}
const ruleFile = (f: string) => (yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'alerts', f), 'utf8')) as { groups: RuleGroup[] }).groups;
const RECORDING = ruleFile('prometheus_rules.yaml');
const ALERTING = ruleFile('prometheus_alerts.yaml');

async function vm<T>(api: string, params: Record<string, string>): Promise<T> {
  return getJson<T>(`${vmUrl}${api}`, { method: 'POST', body: new URLSearchParams(params) });
}
const vmQuery = async (q: string, time: number) => (await vm<{ data: { result: Sample[] } }>('/api/v1/query', { query: q, time: String(time) })).data.result;
const vmRange = async (q: string, start: number, end: number, step: number) =>
  (await vm<{ data: { result: Range[] } }>('/api/v1/query_range', { query: q, start: String(start), end: String(end), step: String(step) })).data.result;

/** One query's value on both engines at t (NaN where an engine has no answer). */
async function onBothEngines(q: string, t: number): Promise<{ prometheus: number; vm: number }> {
  const [[p], [v]] = await Promise.all([promQuery(q, t), vmQuery(q, t)]);
  return { prometheus: Number(p?.value[1]), vm: Number(v?.value[1]) };
}

/** The times the replayed rules are compared at: 20, 12 and 3 h back, on the replay's grid. */
const comparedTimes = (now: number) => [20, 12, 3].map((h) => Math.floor((now - h * 3600) / REPLAY_STEP) * REPLAY_STEP);

describeVm('vmalert on VictoriaMetrics', () => {
  it('loads the rendered rule files unchanged and evaluates every rule without an error', async () => {
    type Rules = { data: { groups: { name: string; rules: { name: string; health: string; lastError: string; lastEvaluation: string }[] }[] } };
    let groups: Rules['data']['groups'] = [];
    // Every rule evaluated at least once (groups run every 15 s).
    for (let i = 0; i < 40; i++) {
      groups = (await getJson<Rules>(`${vmalertUrl}/api/v1/rules`)).data.groups;
      if (groups.length > 0 && groups.every((g) => g.rules.every((r) => !r.lastEvaluation.startsWith('0001')))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const want = [...RECORDING, ...ALERTING];
    expect(groups.map((g) => g.name).sort()).toEqual(want.map((g) => g.name).sort());
    expect(groups.reduce((n, g) => n + g.rules.length, 0)).toBe(want.reduce((n, g) => n + g.rules.length, 0));
    const failing = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok' || r.lastError).map((r) => `${g.name}/${r.name}: ${r.lastError}`));
    expect(failing).toEqual([]);
  });

  it("sends its alerts to the stack's Alertmanager (the watchdog, labelled engine=victoriametrics)", async () => {
    let found = false;
    for (let i = 0; i < 30 && !found; i++) {
      const alerts = await getJson<{ labels: Record<string, string> }[]>(`${ALERTMANAGER_URL}/api/v2/alerts`);
      found = alerts.some((a) => a.labels.alertname === 'HeadroomWatchdog' && a.labels.engine === ENGINE_LABEL.engine);
      if (!found) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(found).toBe(true);
  });

  it('holds the same raw samples as Prometheus (the imported history)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const t of [now - 30 * 3600, now - 12 * 3600, now - 3 * 3600]) {
      // An explicit 5 min look-back: Prometheus' implicit one; VictoriaMetrics derives a shorter one
      // from the scrape interval, so a series with a few minutes' gap (a replica during an
      // incident) is there for one engine and not the other.
      for (const q of ['sum(last_over_time(pg_replication_lag[5m]))', 'sum(last_over_time(http_requests_total[5m]))', 'sum(last_over_time(kube_horizontalpodautoscaler_status_current_replicas[5m]))']) {
        const { prometheus, vm } = await onBothEngines(q, t);
        expect({ q, t, vm }).toEqual({ q, t, vm: prometheus });
      }
    }
  });

  it('holds every raw sample of the hours the recording rules are compared over (no gap in the import)', async () => {
    // Sample counts, not values at a few instants: a part of the history missing from the import
    // (a block vmctl did not read) shows here as such, not only as a replayed value that differs.
    // Off the 15 s grid by 7 s, so that no sample lies on a window's left edge (Prometheus' range
    // includes it, VictoriaMetrics' does not).
    const now = Math.floor(Date.now() / 1000);
    for (const t of comparedTimes(now).map((at) => at + 7)) {
      for (const family of ['redis_keyspace_hits_total', 'redis_keyspace_misses_total', 'http_requests_total', 'http_request_duration_seconds_bucket', 'pg_replication_lag']) {
        const q = `sum(count_over_time(${family}[2h]))`;
        const { prometheus, vm } = await onBothEngines(q, t);
        expect({ q, t, prometheus: prometheus > 0 }).toEqual({ q, t, prometheus: true });
        expect({ q, t, vm }).toEqual({ q, t, vm: prometheus });
      }
    }
  });

  it('holds the recording rules replayed over that history: what the same rules give on Prometheus', async () => {
    const now = Math.floor(Date.now() / 1000);
    const rules = RECORDING.flatMap((g) => g.rules);
    const byLabels = (samples: Sample[], extra: Record<string, string> = {}) =>
      Object.fromEntries(
        samples.map((x) => {
          const { __name__: _name, engine: _engine, ...labels } = { ...x.metric, ...extra };
          return [JSON.stringify(Object.entries(labels).sort()), Number(x.value[1])];
        }),
      );
    type Engine = (q: string, t: number) => Promise<Sample[]>;
    /** What the rules recording `record` give on `engine` at t, by label set. */
    const evaluate = async (record: string, engine: Engine, t: number) => {
      const values: Record<string, number> = {};
      for (const r of rules.filter((x) => x.record === record)) Object.assign(values, byLabels(await engine(r.expr, t), r.labels));
      return values;
    };
    // A failure's evidence: the rule's expression on the engine it is compared with a minute
    // before, at and after t, the same on VictoriaMetrics at t, and the samples VictoriaMetrics
    // stores for the record around t (a sample missing from the replay shows as an instant query
    // answering with the minute before; other raw samples, as the expression differing there).
    const whatEachEngineHolds = async (record: string, k: string, t: number, got: number, want: number, engine: Engine) => {
      const at = async (e: Engine, when: number) => (await evaluate(record, e, when))[k];
      const labels = Object.fromEntries(JSON.parse(k) as [string, string][]);
      const selector = `${record}{${Object.entries(labels).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}}`;
      const stored = await fetch(`${vmUrl}/api/v1/export`, { method: 'POST', body: new URLSearchParams({ 'match[]': selector, start: String(t - 180), end: String(t + 120) }) })
        .then((r) => r.text())
        .catch((e: Error) => e.message);
      return {
        got,
        want,
        wantOnEngine: { before: await at(engine, t - 60), at: await at(engine, t), after: await at(engine, t + 60) },
        exprOnVm: await at(vmQuery, t),
        stored,
      };
    };
    // Rules that read raw series only (the first replay stage) against their expression on
    // Prometheus (the same raw samples); rules that read those (the second stage) against their
    // expression on VictoriaMetrics, which reads what the first stage wrote: a stage replayed before
    // the one it reads would have no or other values. (The later stages read 30-day windows, and
    // VictoriaMetrics holds 50 hours.) On the replay's one-minute grid, so that both are at t exactly.
    const checks: [string, Engine][] = [
      ['instance:cache_hit:ratio_rate10m', promQuery],
      ['namespace_service_slo:sli_bad:ratio_rate1h', promQuery],
      ['instance:pg_replication_lag_seconds:replica', promQuery],
      ['namespace_service_le:http_request_duration_seconds_bucket:rate5m', promQuery],
      ['namespace_service:container_memory_working_set_ratio_requests:avg', vmQuery],
      ['namespace_service:kube_pod_owner:count', vmQuery],
      ['budget_group:node_total_hourly_cost:avg3h', vmQuery],
    ];
    for (const t of comparedTimes(now)) {
      for (const [record, engine] of checks) {
        const want = await evaluate(record, engine, t);
        const got = byLabels(await vmQuery(record, t));
        expect({ record, t, series: Object.keys(got).sort() }).toEqual({ record, t, series: Object.keys(want).sort() });
        expect(Object.keys(want).length).toBeGreaterThan(0);
        for (const [k, v] of Object.entries(want)) {
          const close = Math.abs(got[k] - v) <= 1e-9 * Math.max(1, Math.abs(v));
          const around = close ? undefined : await whatEachEngineHolds(record, k, t, got[k], v, engine);
          expect({ record, t, k, close, around }).toEqual({ record, t, k, close: true, around: undefined });
        }
      }
    }
  });

  it('scrapes the simulator live', async () => {
    // Live, VictoriaMetrics scrapes the simulator itself (each on its own phase: not the same
    // samples). Its queries leave out the last 30 s (-search.latencyOffset): a fresh start needs a wait.
    let up: string[] = [];
    for (let i = 0; i < 60 && up.join() !== '1'; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      up = (await vmQuery('up{job="headroom-simulator"}', Math.floor(Date.now() / 1000))).map((s) => s.value[1]);
    }
    expect(up).toEqual(['1']);
  });
});

// Incident -> the alert it must fire, as in alerts/tests/incidents-gen.ts: the rule is picked by
// alertname and its static labels, the firing series by its own labels.
const INCIDENT_ALERTS: Record<string, { alert: string; rule: Record<string, string>; series?: Record<string, string> }[]> = {
  // A spike stays within capacity (since SIM_VERSION 2): it drives the HPA to its maximum and burns no budget.
  // ... and fills the web service's connection pool over 80 % of its size (HikariCP's series).
  'traffic-spike': [
    { alert: 'HeadroomHPAAtMaxReplicas', rule: { severity: 'warning' } },
    { alert: 'HeadroomConnectionPoolHigh', rule: { severity: 'warning' } },
  ],
  'error-burst': [{ alert: 'HeadroomErrorBudgetBurn', rule: { severity: 'critical', slo_tier: 'fast' } }],
  'pg-lag-minor': [{ alert: 'HeadroomPostgresReplicationLag', rule: { severity: 'warning' }, series: { instance: 'pg-replica-1' } }],
  'pg-lag-major': [{ alert: 'HeadroomPostgresReplicationLag', rule: { severity: 'critical' }, series: { instance: 'pg-replica-2' } }],
  'mysql-lag': [{ alert: 'HeadroomMySQLReplicationLag', rule: { severity: 'critical' } }],
  'mysql-sql-stopped': [{ alert: 'HeadroomMySQLReplicationNotRunning', rule: { severity: 'critical' } }],
  'cache-drop': [{ alert: 'HeadroomCacheHitRateLow', rule: { severity: 'warning', cache_kind: 'redis' } }],
};

type Occurrence = { kind: string; start: number; end: number };

const seconds = (d: string | undefined) => {
  const m = /^(\d+)([smh])$/.exec(d ?? '0s');
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] : 0;
};

/** Longest run of consecutive steps with a sample, in steps. */
function longestRun(values: [number, string][], step: number): number {
  let best = 0;
  let run = 0;
  let prev = -Infinity;
  for (const [t] of values) {
    run = t - prev === step ? run + 1 : 1;
    prev = t;
    best = Math.max(best, run);
  }
  return best;
}

describeVm('the incident alerts on VictoriaMetrics', () => {
  // The grid of the recording rules replayed at the stack's start (vmReplay.ts).
  const STEP = REPLAY_STEP;
  const now = Math.floor(Date.now() / 1000);
  // The last day of incidents that are over (with 20 min to spare for a `for:`), after 2 h of recorded history.
  const from = now - 26 * 3600;
  const to = now - 20 * 60;

  it('fires, on every occurrence of the last day, the alert the incident tests expect', async () => {
    const schedule = await getJson<{ incidents: Occurrence[] }>(`${SIMULATOR_URL}/schedule`);
    // Only occurrences that no related incident or event overlaps (the rule incidents-gen.ts
    // applies): a Redis restart inside a cache drop resets its counters, and the alert's cold-start
    // guard then rightly holds it back, on Prometheus too.
    const clear = (o: Occurrence) => {
      const sc = SCENARIOS.find((x) => x.kind === o.kind)!;
      const [a, b] = [o.start - sc.reach, o.end + 15 * 60];
      return !schedule.incidents.some((x) => x !== o && (sc.related as string[]).includes(x.kind) && x.start < b && Math.max(x.end, x.start + 1) > a);
    };
    const occurrences = schedule.incidents.filter((o) => o.kind in INCIDENT_ALERTS && o.start >= from && o.end + 15 * 60 <= to && clear(o));
    // Every kind the schedule repeats at least daily occurs in the window (the error burst comes
    // once in 30 days: it is checked when its occurrence falls in the last day).
    const days = (Math.max(...schedule.incidents.map((o) => o.end)) - Math.min(...schedule.incidents.map((o) => o.start))) / 86_400;
    const daily = Object.keys(INCIDENT_ALERTS).filter((kind) => schedule.incidents.filter((o) => o.kind === kind).length >= days - 1);
    expect(daily.length).toBeGreaterThan(0);
    expect(daily.filter((kind) => !occurrences.some((o) => o.kind === kind))).toEqual([]);
    const missed: string[] = [];
    for (const o of occurrences) {
      for (const want of INCIDENT_ALERTS[o.kind]) {
        const rule = ALERTING.flatMap((g) => g.rules).find((x) => x.alert === want.alert && Object.entries(want.rule).every(([k, v]) => x.labels?.[k] === v));
        if (!rule) throw new Error(`no rule ${want.alert} ${JSON.stringify(want.rule)} in alerts/prometheus_alerts.yaml`);
        const series = (await vmRange(rule.expr, o.start, o.end + 15 * 60, STEP)).filter((s) =>
          Object.entries(want.series ?? {}).every(([k, v]) => s.metric[k] === v),
        );
        // Fires: the expression holds for `for:` (one more step, as a rule's pending state needs).
        const needed = Math.floor(seconds(rule.for) / STEP) + 1;
        if (!series.some((s) => longestRun(s.values, STEP) >= needed)) {
          missed.push(`${o.kind} at ${new Date(o.start * 1000).toISOString()}: ${want.alert} ${JSON.stringify(want.rule)}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });
});
