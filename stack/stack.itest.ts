// Integration tests of the running demo stack (test/stages/40-stack.sh starts it first):
// 30 days of every contract metric, the live scrape, the incidents, and the alert path.
import { CODES, FAMILIES } from './simulator/model';
import { Occurrence } from './simulator/incidents';
import {
  ALERTMANAGER_URL,
  getJson,
  PROMETHEUS_URL,
  query,
  queryRange,
  rawSamples,
  RECEIVER_URL,
  runCli,
  scalar,
  SIMULATOR_URL,
  sleep,
} from './testing';

const DAY = 86400;
const now = Math.floor(Date.now() / 1000);
const start = now - 30 * DAY;

/** Every sample name of the contract (a histogram family has three). */
const NAMES = FAMILIES.flatMap((f) => (f.type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => f.name + s) : [f.name]));

describe('30 days of history', () => {
  const STEP = 3 * 3600;
  const POINTS = Math.floor((now - start) / STEP) + 1;

  test.each(NAMES)('%s has data spread over the 30 days, old and recent', async (name) => {
    const r = await queryRange(`count(last_over_time(${name}[10m]))`, start, now, STEP);
    expect(r).toHaveLength(1);
    const ts = r[0].values.map(([t]) => Number(t));
    // Every 3 h step of the 30 days has samples, from the very first to now.
    expect({ name, points: ts.length, first: ts[0] - start, last: now - ts[ts.length - 1] }).toEqual({ name, points: POINTS, first: 0, last: 0 });
  });

  test('series carry the contract labels, with job and instance from the scrape', async () => {
    const r = await query('count by (__name__, job, cluster, namespace) ({job="headroom-simulator"})');
    const names = new Set(r.map((s) => s.metric.__name__));
    for (const n of NAMES) expect(names).toContain(n);
    // (Prometheus adds up and scrape_* itself, without the simulator's own labels.)
    for (const s of r.filter((x) => NAMES.includes(x.metric.__name__))) expect([s.metric.__name__, s.metric.cluster, s.metric.namespace]).toEqual([s.metric.__name__, 'demo', 'demo']);
    const codes = await query('count by (code) (http_requests_total{job="headroom-simulator",service="web",handler=~"/api|/checkout"})');
    expect(codes.map((s) => s.metric.code).sort()).toEqual([...CODES].sort());
    const pg = await query('pg_replication_is_replica{job="headroom-simulator"}');
    expect(pg.map((s) => `${s.metric.instance}=${s.value[1]}`).sort()).toEqual(['pg-primary=0', 'pg-replica-1=1', 'pg-replica-2=1']);
    const buckets = await query('count by (handler) (http_request_duration_seconds_bucket{job="headroom-simulator",le=~"0.005|0.5|1|10|\\\\+Inf"})');
    expect(buckets.map((s) => s.value[1])).toEqual(['5', '5']);
  });

  test('inventory: compute, database and cache nodes with instance types and hourly cost', async () => {
    const byType = await query('count by (label_node_kubernetes_io_instance_type, label_headroom_component) (kube_node_labels)');
    const m = Object.fromEntries(byType.map((s) => [`${s.metric.label_node_kubernetes_io_instance_type}/${s.metric.label_headroom_component}`, Number(s.value[1])]));
    expect(m['t3.large/compute']).toBeGreaterThanOrEqual(5);
    expect(m['db.r5.large/database']).toBe(4);
    expect(m['cache.r6g.large/cache']).toBe(1);
    expect(await scalar('max(node_total_hourly_cost{instance_type="t3.large"})')).toBeCloseTo(0.0832, 6);
    expect(await scalar('count(kube_node_info) == count(node_total_hourly_cost)')).toBeGreaterThanOrEqual(10);
    expect(await scalar('kube_horizontalpodautoscaler_spec_min_replicas{namespace="demo",horizontalpodautoscaler="web"}')).toBe(5);
    expect(await scalar('kube_horizontalpodautoscaler_spec_max_replicas{namespace="demo",horizontalpodautoscaler="web"}')).toBe(12);
    expect(await scalar('kube_horizontalpodautoscaler_spec_target_metric{namespace="demo",metric_name="cpu",metric_target_type="utilization"}')).toBe(75);
  });
});

describe('live scrape', () => {
  test('Prometheus scrapes the simulator and the samples are fresh', async () => {
    expect(await scalar('up{job="headroom-simulator"}')).toBe(1);
    expect(await scalar('scrape_samples_scraped{job="headroom-simulator"}')).toBeGreaterThan(90);
    expect(await scalar('time() - max(timestamp(kube_horizontalpodautoscaler_status_current_replicas{namespace="demo"}))')).toBeLessThan(60);
  });

  test('backfilled history and the live scrape join without a counter reset or a gap', async () => {
    const info = await getJson<{ data: { startTime: string } }>(`${PROMETHEUS_URL}/api/v1/status/runtimeinfo`);
    const started = Math.floor(Date.parse(info.data.startTime) / 1000);
    const end = Math.floor(Date.now() / 1000);
    const window = end - (started - 600);
    const sched = await getJson<{ incidents: Occurrence[] }>(`${SIMULATOR_URL}/schedule?from=${started - 700}&to=${end}`);
    const deployed = sched.incidents.some((o) => o.kind === 'deploy');
    const [series] = await rawSamples(`http_requests_total{job="headroom-simulator",handler="/api",code="200"}[${window}s]`, end);
    const values = series.values.map(([t, v]) => [Number(t), Number(v)]);
    const gaps = values.slice(1).map(([t], i) => t - values[i][0]);
    const decreases = values.slice(1).filter(([, v], i) => v < values[i][1]).length;
    expect(values[0][0]).toBeLessThan(started - 500); // backfilled samples before the start ...
    expect(values[values.length - 1][0]).toBeGreaterThan(started); // ... and live ones after it
    expect(Math.max(...gaps)).toBeLessThan(120); // well inside the 5 min lookback
    if (!deployed) expect(decreases).toBe(0);
  });
});

describe('scheduled incidents', () => {
  test('the traffic spike drives the HPA to 12 on (almost) every day, and within the last 7 h', async () => {
    const daily = await queryRange('max_over_time(kube_horizontalpodautoscaler_status_current_replicas{namespace="demo",horizontalpodautoscaler="web"}[1d])', start + DAY, now, DAY);
    const days = daily[0].values.map(([, v]) => Number(v));
    expect(days.filter((v) => v === 12).length).toBeGreaterThanOrEqual(days.length - 1);
    expect(await scalar('max_over_time(kube_horizontalpodautoscaler_status_current_replicas{namespace="demo"}[7h])')).toBe(12);
    expect(await scalar('min_over_time(kube_horizontalpodautoscaler_status_current_replicas{namespace="demo"}[30d])')).toBe(5);
  });

  test('replication lag above 1 s on pg-replica-1 and above 60 s on pg-replica-2 and the MySQL replica', async () => {
    expect(await scalar('max_over_time(pg_replication_lag{instance="pg-replica-1"}[30d])')).toBeGreaterThan(1);
    expect(await scalar('max_over_time(pg_replication_lag{instance="pg-replica-2"}[30d])')).toBeGreaterThan(60);
    expect(await scalar('max_over_time(pg_replication_lag{instance="pg-replica-2"}[7h])')).toBeGreaterThan(60);
    expect(await scalar('max_over_time(mysql_slave_status_seconds_behind_master{job="headroom-simulator"}[30d])')).toBeGreaterThan(60);
    expect(await scalar('min_over_time(mysql_slave_status_slave_sql_running{job="headroom-simulator"}[30d])')).toBe(0);
  });

  test('cache hit rate drops below 90 %', async () => {
    const sim = '{job="headroom-simulator"}'; // the real Redis (stack/datatier) has minutes of history
    const ratio = `rate(redis_keyspace_hits_total${sim}[10m]) / (rate(redis_keyspace_hits_total${sim}[10m]) + rate(redis_keyspace_misses_total${sim}[10m]))`;
    expect(await scalar(`min_over_time((${ratio})[30d:10m])`)).toBeLessThan(0.9);
    expect(await scalar(`max_over_time((${ratio})[30d:10m])`)).toBeGreaterThan(0.95);
  });

  test('the error burst of the 30 days: more than 5 % of requests fail with 500, ~0.025 % otherwise', async () => {
    const ratio = 'sum(rate(http_requests_total{code="500"}[10m])) / sum(rate(http_requests_total[10m]))';
    expect(await scalar(`max_over_time((${ratio})[30d:10m])`)).toBeGreaterThan(0.05);
    expect(await scalar(`quantile_over_time(0.5, (${ratio})[30d:10m])`)).toBeLessThan(0.0005);
  });

  // A spike may shed a little while the HPA catches up (one run measured 0.52 % over its worst 10
  // minutes, the start time moves the spikes against the HPA's steps), but it spends no more than
  // 1 % of the 30-day availability budget: 10 min x shed <= 1 % x 0.1 % x 30 d, shed <= 4.32 %.
  test('the traffic spikes stay within capacity: no 10 minutes of the 30 days spend 1 % of the error budget as 503', async () => {
    const ratio = 'sum(rate(http_requests_total{code="503"}[10m])) / sum(rate(http_requests_total[10m]))';
    expect(await scalar(`max_over_time((${ratio})[30d:10m])`)).toBeLessThan((0.01 * 0.001 * 30 * 24 * 60) / 10);
  });

  test('counters are reset on deploys and Redis restarts, as true counters', async () => {
    expect(await scalar('resets(http_requests_total{job="headroom-simulator",handler="/api",code="200"}[30d])')).toBeGreaterThanOrEqual(9);
    expect(await scalar('resets(redis_keyspace_hits_total{job="headroom-simulator"}[30d])')).toBeGreaterThanOrEqual(10);
  });

  test('demand: busy hours near the ~2,150 req/s peak, spikes to ~2,700 req/s', async () => {
    // The 90th percentile of a day's request rate is its busy afternoon (spikes are ~6 % of a day).
    const busy = await queryRange('quantile_over_time(0.9, (sum(rate(http_requests_total[10m])))[1d:10m])', start + DAY, now, DAY);
    const sorted = busy[0].values.map(([, v]) => Number(v)).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(median).toBeGreaterThan(1600);
    expect(median).toBeLessThan(2600);
    expect(await scalar('max_over_time((sum(rate(http_requests_total[5m])))[2d:1m])')).toBeGreaterThan(2500);
  });
});

describe('alerting path', () => {
  test('Prometheus loaded rules and talks to the Alertmanager', async () => {
    const rules = await getJson<{ data: { groups: unknown[] } }>(`${PROMETHEUS_URL}/api/v1/rules`);
    expect(rules.data.groups.length).toBeGreaterThan(0);
    const am = await getJson<{ data: { activeAlertmanagers: { url: string }[] } }>(`${PROMETHEUS_URL}/api/v1/alertmanagers`);
    expect(am.data.activeAlertmanagers.map((a) => new URL(a.url).port)).toContain(new URL(ALERTMANAGER_URL).port);
  });

  test('an alert posted to the Alertmanager reaches the webhook receiver', async () => {
    const marker = `selftest-${Date.now()}`;
    const alert = [{ labels: { alertname: 'HeadroomStackSelfTest', severity: 'critical', cluster: 'demo', namespace: 'demo', run: marker }, annotations: { summary: 'stack.itest.ts' } }];
    const res = await fetch(`${ALERTMANAGER_URL}/api/v2/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alert) });
    expect(res.status).toBe(200);
    const deadline = Date.now() + 90000;
    let got: { receiver: string; payload: { alerts: { labels: Record<string, string> }[] } } | undefined;
    while (!got && Date.now() < deadline) {
      const list = await getJson<{ receiver: string; payload: { alerts: { labels: Record<string, string> }[] } }[]>(`${RECEIVER_URL}/notifications`);
      got = list.find((n) => n.payload.alerts.some((a) => a.labels.run === marker));
      if (!got) await sleep(1000);
    }
    expect(got).toBeDefined();
  }, 100000);
});

describe('process control', () => {
  test('a second start is refused with one clear line and leaves the running stack alone', async () => {
    const r = await runCli(['start', '--detach'], process.env, 60000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^headroom stack: already running from .*; stop it with `.*stack\/cli.ts stop` first/);
    expect(await scalar('up{job="headroom-simulator"}')).toBe(1);
  });
});
