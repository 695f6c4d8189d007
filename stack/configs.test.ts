/** @jest-environment node */
import * as yaml from 'js-yaml';
import { loadConfig, StackError } from './config';
import { exporterJobs, prometheusYaml, rewriteAlertmanager } from './configs';
import { liveScrapeJobs } from './live/autoscaler';
import { parseNotification, summarise } from './receiver';
import { TIER_LABELS, TIER_TARGETS } from './datatier/config';
import { PG_SERVERS } from './simulator/model';
import { COMMON_LABELS, SCRAPE_LABELS } from './simulator/series';

describe('alertmanager rewrite', () => {
  const source = {
    route: { receiver: 'page' },
    templates: ['templates/*.tmpl'],
    receivers: [
      { name: 'page', webhook_configs: [{ url: 'http://127.0.0.1:19101/page', send_resolved: false }] },
      { name: 'slack', slack_configs: [{ api_url: 'https://hooks.example.invalid/x', channel: '#ops' }], email_configs: [{ to: 'ops@example.invalid' }] },
      { name: 'far', webhook_configs: [{ url: 'https://oncall.example.invalid/hook' }] },
      { name: 'null' },
    ],
  };

  test('loopback webhooks get the receiver port, everything else posts to the local receiver', () => {
    const { doc, redirected } = rewriteAlertmanager(structuredClone(source), 23456, '/repo/alerts');
    expect(redirected).toBe(3);
    const receivers = doc.receivers as { name: string; [k: string]: unknown }[];
    expect(receivers[0]).toEqual({ name: 'page', webhook_configs: [{ url: 'http://127.0.0.1:23456/page', send_resolved: false }] });
    expect(receivers[1]).toEqual({
      name: 'slack',
      webhook_configs: [
        { url: 'http://127.0.0.1:23456/slack', send_resolved: true },
        { url: 'http://127.0.0.1:23456/slack', send_resolved: true },
      ],
    });
    expect(receivers[2]).toEqual({ name: 'far', webhook_configs: [{ url: 'http://127.0.0.1:23456/far', send_resolved: true }] });
    expect(receivers[3]).toEqual({ name: 'null' });
    expect(doc.templates).toEqual(['/repo/alerts/templates/*.tmpl']);
    expect(JSON.stringify(doc)).not.toMatch(/example\.invalid/);
  });
});

describe('prometheus.yml', () => {
  test('scrapes the simulator on 127.0.0.1 with honor_labels and a fixed instance, no external labels', () => {
    const cfg = loadConfig({ HEADROOM_SIMULATOR_PORT: '20100', HEADROOM_ALERTMANAGER_PORT: '20093', PATH: '' });
    const doc = yaml.load(prometheusYaml(cfg, ['/x/rules.yaml'])) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.global.scrape_interval).toBe('15s');
    expect(doc.global.external_labels).toBeUndefined();
    expect(doc.rule_files).toEqual(['/x/rules.yaml']);
    expect(doc.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['127.0.0.1:20093']);
    const job = doc.scrape_configs[0];
    expect(job).toMatchObject({ job_name: 'headroom-simulator', honor_labels: true });
    expect(job.static_configs[0]).toEqual({ targets: ['127.0.0.1:20100'], labels: { instance: 'simulator' } });
  });
});

describe('prometheus.yml: the real data tier', () => {
  test('one job per exporter kind on the ports of the environment, each target with its own instance and the tier namespace', () => {
    const cfg = loadConfig({ PATH: '', HEADROOM_PG_PRIMARY_EXPORTER_PORT: '21187', HEADROOM_REDIS_EXPORTER_PORT: '21121' });
    const doc = yaml.load(prometheusYaml(cfg, [])) as { scrape_configs: { job_name: string; static_configs?: { targets: string[]; labels: Record<string, string> }[] }[] };
    const jobs = Object.fromEntries(doc.scrape_configs.filter((j) => j.static_configs).map((j) => [j.job_name, j.static_configs!.map((s) => `${s.targets.join()} ${s.labels?.instance} ${s.labels?.cluster}/${s.labels?.namespace}`)]));
    expect(jobs).toEqual({
      'headroom-simulator': ['127.0.0.1:19100 simulator undefined/undefined'],
      'headroom-forecast': ['127.0.0.1:19102 undefined undefined/undefined'],
      postgres: ['127.0.0.1:21187 real-pg-primary demo/datatier', '127.0.0.1:19188 real-pg-replica demo/datatier'],
      mysql: ['127.0.0.1:19104 real-mysql-primary demo/datatier', '127.0.0.1:19105 real-mysql-replica demo/datatier'],
      redis: ['127.0.0.1:21121 real-redis demo/datatier'],
      node: ['127.0.0.1:19110 real-node demo/datatier'],
      'headroom-live-autoscaler': ['127.0.0.1:19081 live-autoscaler demo/undefined'],
    });
  });

  test('the live part (stack/live): its autoscaler and its replicas, from the state folder, for Prometheus and the second engine alike', () => {
    const cfg = loadConfig({ PATH: '', HEADROOM_STATE_DIR: '/tmp/state-y', HEADROOM_AUTOSCALER_PORT: '21081' });
    const doc = yaml.load(prometheusYaml(cfg, [])) as { scrape_configs: Record<string, unknown>[] };
    const live = doc.scrape_configs.filter((j) => String(j.job_name).startsWith('headroom-live-'));
    expect(live).toEqual(liveScrapeJobs('/tmp/state-y', { HEADROOM_AUTOSCALER_PORT: '21081' }));
    expect(exporterJobs(cfg).filter((j) => String(j.job_name).startsWith('headroom-live-'))).toEqual(live);
  });

  test("the real instances are none of the simulator's, and every job matches the mixin's selectors (job!=\"\")", () => {
    const simulated = new Set([...PG_SERVERS, 'mysql-replica-1', 'mysql-primary', 'redis-1', SCRAPE_LABELS.instance]);
    expect(TIER_TARGETS.filter((t) => simulated.has(t.instance))).toEqual([]);
    expect(new Set(TIER_TARGETS.map((t) => t.instance)).size).toBe(TIER_TARGETS.length);
    expect(TIER_TARGETS.every((t) => t.job !== '' && t.job !== SCRAPE_LABELS.job)).toBe(true);
    expect(TIER_LABELS.namespace).not.toBe(COMMON_LABELS.namespace); // an Alertmanager group of its own
  });
});

describe('configuration from the environment', () => {
  test('defaults follow docs/CONVENTIONS.md', () => {
    const cfg = loadConfig({ PATH: '' });
    expect(Object.fromEntries(Object.values(cfg.ports).map((p) => [p.env, p.port]))).toEqual({
      HEADROOM_PROMETHEUS_PORT: 19090,
      HEADROOM_ALERTMANAGER_PORT: 19093,
      HEADROOM_SIMULATOR_PORT: 19100,
      HEADROOM_RECEIVER_PORT: 19101,
    });
    expect(cfg.stateDir).toMatch(/\.headroom-stack$/);
    expect(cfg.historyDays).toBe(30);
  });

  test.each([
    [{ HEADROOM_PROMETHEUS_PORT: 'abc' }, /HEADROOM_PROMETHEUS_PORT=abc is not a port number/],
    [{ HEADROOM_RECEIVER_PORT: '19100' }, /HEADROOM_RECEIVER_PORT and HEADROOM_SIMULATOR_PORT are both 19100/],
    [{ HEADROOM_HISTORY_DAYS: '90' }, /HEADROOM_HISTORY_DAYS=90 must be/],
  ])('%j is refused with one clear line', (env, message) => {
    expect(() => loadConfig({ PATH: '', ...env })).toThrow(message);
    expect(() => loadConfig({ PATH: '', ...env })).toThrow(StackError);
  });

  test('a missing binary names the package and the variable', () => {
    const cfg = loadConfig({ PATH: '/nonexistent' });
    expect(() => cfg.bins).toThrow('Prometheus not found (looked for prometheus on PATH); install it with `apt-get install prometheus` or set HEADROOM_PROMETHEUS_BIN to its path.');
  });
});

describe('webhook receiver', () => {
  test('keeps the payload and prints one line per notification', () => {
    const body = JSON.stringify({
      receiver: 'page-web',
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'B' } },
        { status: 'resolved', labels: { alertname: 'A' } },
      ],
      commonLabels: { severity: 'critical', team: 'web' },
    });
    const n = parseNotification('page-web', body, new Date('2026-01-02T03:04:05Z'));
    expect(n.alertnames).toEqual(['A', 'B']);
    expect(summarise(n)).toBe('2026-01-02T03:04:05.000Z page-web FIRING A,B (1 firing, 1 resolved) severity=critical team=web');
    expect(() => parseNotification('x', 'not json')).toThrow();
  });
});
