// Live test of the rules pack on the running demo stack (test/stages/40-stack.sh starts it; run
// with jest.integration.config.js). The stack loads alerts/prometheus_rules.yaml,
// alerts/prometheus_alerts.yaml and alerts/alertmanager.yml (webhooks rewritten to its receiver).
// Checks that Prometheus runs every rule of the pack without errors on the simulator's series,
// that the real watchdog travels Prometheus -> Alertmanager -> heartbeat receiver, that a page
// reaches the paging receiver of its team, and that the inhibitions of the example config
// (critical over warning, faster burn-rate tier over slower) really keep the inhibited alerts
// out of every receiver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { ALERTMANAGER_URL, getJson, pollFor as waitFor, PROMETHEUS_URL, query, RECEIVER_URL, sleep } from '../../stack/testing';

const ALERTS_DIR = path.resolve(__dirname, '..');

interface RuleGroupFile {
  groups: { name: string; rules: { record?: string; alert?: string }[] }[];
}
interface LoadedRule {
  name: string;
  type: 'recording' | 'alerting';
  health: string;
  lastError?: string;
}
interface LoadedGroup {
  name: string;
  rules: LoadedRule[];
}
interface ReceivedNotification {
  receiver: string;
  alertnames: string[];
  payload: { alerts: { status: string; labels: Record<string, string> }[] };
}
interface AmAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[]; silencedBy: string[] };
}

function packGroups(): string[] {
  return ['prometheus_rules.yaml', 'prometheus_alerts.yaml'].flatMap((f) =>
    (yaml.load(fs.readFileSync(path.join(ALERTS_DIR, f), 'utf8')) as RuleGroupFile).groups.map((g) => g.name),
  );
}

async function notifications(): Promise<ReceivedNotification[]> {
  return getJson<ReceivedNotification[]>(`${RECEIVER_URL}/notifications`);
}


describe('rules pack on the demo stack', () => {
  test('Prometheus runs every group of the pack, and no rule fails to evaluate', async () => {
    const expected = packGroups();
    const groups = await waitFor('every rule of the pack evaluated once', 90000, async () => {
      const r = await getJson<{ data: { groups: LoadedGroup[] } }>(`${PROMETHEUS_URL}/api/v1/rules`);
      const ours = r.data.groups.filter((g) => expected.includes(g.name));
      const evaluated = ours.length === expected.length && ours.every((g) => g.rules.every((x) => x.health !== 'unknown'));
      return evaluated ? ours : undefined;
    });
    expect(groups.map((g) => g.name).sort()).toEqual([...expected].sort());
    const broken = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.lastError}`));
    expect(broken).toEqual([]);
  }, 100000);

  test("recording rules turn the simulator's series into SLO, cache, replication and HPA series", async () => {
    const num = async (q: string) => (await query(q)).map((s) => Number(s.value[1]));
    await waitFor('the 5m request rate of web', 60000, async () => ((await num('namespace_service:http_requests:rate5m{service="web"}'))[0] > 0 ? true : undefined));
    const [errorRatio] = await num('namespace_service:http_requests_errors:ratio_rate5m{service="web"}');
    expect(errorRatio).toBeGreaterThanOrEqual(0);
    expect(errorRatio).toBeLessThanOrEqual(1);
    const [slowRatio] = await num('namespace_service:http_requests_slow:ratio_rate1h{service="web"}');
    expect(slowRatio).toBeGreaterThanOrEqual(0);
    expect(slowRatio).toBeLessThanOrEqual(1);
    const [hit] = await num('instance:cache_hit:ratio_rate10m{cache_kind="redis", instance="redis-1"}');
    expect(hit).toBeGreaterThanOrEqual(0);
    expect(hit).toBeLessThanOrEqual(1);
    // The simulator's two replicas, and the real one when the stack runs its data tier (stack/datatier).
    const realReplica = (await query('up{job="postgres", instance="real-pg-replica"}')).length > 0;
    const replicas = await query('instance:pg_replication_lag_seconds:replica');
    expect(replicas.map((s) => s.metric.instance).sort()).toEqual(['pg-replica-1', 'pg-replica-2', ...(realReplica ? ['real-pg-replica'] : [])]);
    const [current] = await num('namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_status_current_replicas:max{horizontalpodautoscaler="web"}');
    expect(current).toBeGreaterThanOrEqual(5);
    // Every dependency of the pack is exported by the simulator: no absent-metric alert.
    expect(await query('ALERTS{alertname="HeadroomSeriesAbsent"}')).toEqual([]);
  }, 90000);

  test('Alertmanager runs the example routing of alerts/alertmanager.yml', async () => {
    const status = await getJson<{ config: { original: string } }>(`${ALERTMANAGER_URL}/api/v2/status`);
    const cfg = yaml.load(status.config.original) as { receivers: { name: string }[] };
    const names = cfg.receivers.map((r) => r.name);
    for (const r of ['heartbeat', 'page-web', 'page-database', 'ticket-web', 'ticket-database', 'info']) expect(names).toContain(r);
  });

  test("the watchdog travels from Prometheus through Alertmanager to the heartbeat receiver", async () => {
    const got = await waitFor('HeadroomWatchdog at the heartbeat receiver', 90000, async () =>
      (await notifications()).find((n) => n.receiver === 'heartbeat' && n.alertnames.includes('HeadroomWatchdog')),
    );
    expect(got.payload.alerts.every((a) => a.labels.alertname === 'HeadroomWatchdog')).toBe(true);
    // It goes to the heartbeat receiver only, not to the info feed.
    expect((await notifications()).filter((n) => n.receiver === 'info' && n.alertnames.includes('HeadroomWatchdog'))).toEqual([]);
  }, 100000);

  test('pages reach the paging receiver of their team; inhibited alerts reach no receiver', async () => {
    const run = `live-${Date.now()}`;
    const common = { cluster: 'demo', namespace: 'demo', run };
    const lag = (severity: string) => ({
      // A namespace of the run's own: Alertmanager groups by alertname, cluster, namespace and
      // service, and the simulator's replication-lag incidents page the same alertname in
      // demo/demo; joining that group would hold this page until its 5-minute group_interval.
      labels: { ...common, namespace: `db-${run}`, alertname: 'HeadroomPostgresReplicationLag', severity, team: 'database', instance: `pg-${run}` },
      annotations: { summary: `live-routing ${severity}` },
    });
    const burn = (tier: string, severity: string) => ({
      labels: { ...common, alertname: 'HeadroomErrorBudgetBurn', severity, team: 'web', service: `svc-${run}`, slo: 'availability', slo_tier: tier },
      annotations: { summary: `live-routing ${tier}` },
    });
    // An SLO spec's page over the default SLO's on another service of the run: one page, the spec's.
    const spec = {
      labels: { ...common, alertname: 'HeadroomSLOBurn', severity: 'critical', team: 'web', service: `spec-${run}`, slo: 'api-availability', sli: 'availability', slo_tier: 'fast' },
      annotations: { summary: 'live-routing spec fast' },
    };
    const defaultFast = burn('fast', 'critical');
    const underSpec = { ...defaultFast, labels: { ...defaultFast.labels, service: `spec-${run}` } };
    const alerts = [
      spec, // pages the web team
      underSpec, // inhibited: the spec's page over the default SLO's of the same service and kind
      lag('critical'), // pages the database team
      lag('warning'), // inhibited: critical over warning, same alert and instance
      burn('fast', 'critical'), // pages the web team
      burn('medium', 'critical'), // inhibited: faster tier over slower (same severity)
      burn('slow', 'warning'), // inhibited: by tier and by severity
    ];
    const endsAt = new Date(Date.now() + 10 * 60000).toISOString();
    const post = (list: typeof alerts, end: string) =>
      fetch(`${ALERTMANAGER_URL}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(list.map((a) => ({ ...a, endsAt: end }))),
      });
    const posted = Date.now();
    expect((await post(alerts, endsAt)).status).toBe(200);

    try {
      const ours = (n: ReceivedNotification) => n.payload.alerts.filter((a) => a.labels.run === run);
      // The pages arrive (page routes wait 10 s to group).
      const pages = await waitFor('both pages at their receivers', 60000, async () => {
        const list = (await notifications()).filter((n) => ours(n).length > 0);
        const db = list.find((n) => n.receiver === 'page-database');
        const web = list.filter((n) => n.receiver === 'page-web').flatMap(ours);
        return db && web.length >= 2 ? { db, web } : undefined;
      });
      expect(ours(pages.db).map((a) => a.labels.severity)).toEqual(['critical']);
      expect(pages.web.map((a) => `${a.labels.alertname}/${a.labels.slo_tier}`).sort()).toEqual(['HeadroomErrorBudgetBurn/fast', 'HeadroomSLOBurn/fast']);

      // Alertmanager holds the inhibited alerts as suppressed, each naming what inhibits it.
      const am = await getJson<AmAlert[]>(`${ALERTMANAGER_URL}/api/v2/alerts?filter=${encodeURIComponent(`run="${run}"`)}`);
      const key = (l: Record<string, string>) => `${l.alertname}/${l.slo_tier ?? l.severity}${l.service?.startsWith('spec-') ? ' (spec service)' : ''}`;
      const state = Object.fromEntries(am.map((a) => [key(a.labels), a.status]));
      expect(Object.keys(state).sort()).toEqual([
        'HeadroomErrorBudgetBurn/fast',
        'HeadroomErrorBudgetBurn/fast (spec service)',
        'HeadroomErrorBudgetBurn/medium',
        'HeadroomErrorBudgetBurn/slow',
        'HeadroomPostgresReplicationLag/critical',
        'HeadroomPostgresReplicationLag/warning',
        'HeadroomSLOBurn/fast (spec service)',
      ]);
      for (const k of ['HeadroomPostgresReplicationLag/critical', 'HeadroomErrorBudgetBurn/fast', 'HeadroomSLOBurn/fast (spec service)']) expect({ k, state: state[k].state }).toEqual({ k, state: 'active' });
      for (const k of ['HeadroomPostgresReplicationLag/warning', 'HeadroomErrorBudgetBurn/medium', 'HeadroomErrorBudgetBurn/slow', 'HeadroomErrorBudgetBurn/fast (spec service)']) {
        expect({ k, state: state[k].state, inhibited: state[k].inhibitedBy.length > 0 }).toEqual({ k, state: 'suppressed', inhibited: true });
      }

      // And no receiver ever gets them: wait past the ticket routes' 1 m group_wait.
      await sleep(Math.max(0, posted + 75000 - Date.now()));
      const delivered = (await notifications()).flatMap((n) => ours(n).map((a) => `${n.receiver}: ${key(a.labels)}`));
      expect([...new Set(delivered)].sort()).toEqual(['page-database: HeadroomPostgresReplicationLag/critical', 'page-web: HeadroomErrorBudgetBurn/fast', 'page-web: HeadroomSLOBurn/fast (spec service)']);
    } finally {
      // Resolve them, so that they do not linger in the demo.
      await post(alerts, new Date().toISOString());
    }
  }, 150000);
});
