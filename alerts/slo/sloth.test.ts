// Import of sloth `prometheus/v1` specs: what maps, what is refused, and that an imported example
// renders rules promtool accepts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { hasBinary, renderPack } from './renderPack';
import { fromSloth } from './sloth';
import { SloFile, validate } from './spec';

const example = yaml.load(fs.readFileSync(path.join(__dirname, 'examples', 'sloth-payments.yaml'), 'utf8'));
const sloth = (slos: unknown[]) => ({ version: 'prometheus/v1', service: 'pay', slos });
const events = (error_query: string, total_query = 'sum(rate(http_requests_total{job="pay"}[{{.window}}]))') => ({ name: 'x', objective: 99.9, sli: { events: { error_query, total_query } } });

describe('sloth import', () => {
  it('maps events SLIs, percent objectives, labels and disabled alert kinds', () => {
    const r = fromSloth(example);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.slos[0]).toEqual({
      name: 'payments-requests',
      service: 'payments',
      objective: 0.995,
      description: 'Payment API answers without server errors.',
      sli: { availability: { counter: 'http_requests_total', selector: 'job="payments"', errorSelector: 'code=~"5.."' } },
      tiers: { slow: null, gradual: null },
      labels: { owner: 'payments-team', product: 'checkout' },
    });
    expect(r.spec.slos[1].sli).toEqual({ latency: { histogram: 'http_request_duration_seconds', selector: 'job="payments"', thresholdSeconds: 0.25 } });
    expect(r.spec.histograms).toEqual({ http_request_duration_seconds: ['0.25'] });
    expect(r.warnings).toEqual([
      'SLO payments-requests: alerting.name and annotations are not imported (the pack\'s alerts are HeadroomSLOBurn and HeadroomSLOOutage, with runbooks)',
      'SLO payments-requests: alerting.page_alert labels and annotations are not imported (severity comes from the tier: critical pages, warning tickets)',
      'histograms: only the thresholds\' boundaries are known from the sloth file (http_request_duration_seconds); list every boundary the exporter writes',
    ]);
  });

  it.each([
    [{ version: 'prometheus/v2' }, 'sloth file: only `version: prometheus/v1` is imported'],
    [sloth([{ name: 'x', objective: 99, sli: { raw: { error_ratio_query: 'x' } } }]), 'SLO x.sli.raw: refused: an error-ratio query cannot be split into the request counter and error selector the pack\'s guards need'],
    [sloth([{ name: 'x', objective: 99, sli: { plugin: { id: 'p' } } }]), 'SLO x.sli.plugin: refused: sloth plugins run sloth\'s own code'],
    [sloth([events('sum(rate(http_requests_total{job="pay"}[{{.window}}]))')]), 'SLO x.sli.events.error_query: refused: no matcher tells errors from requests'],
    [sloth([events('sum(rate(other_total{job="pay",code="500"}[{{.window}}]))')]), 'SLO x.sli.events.error_query: refused: it must count the same counter as total_query with the same matchers plus the error matchers'],
    [sloth([events('sum(rate(http_requests_total{code="500"}[{{.window}}]))', 'sum by (job) (rate(http_requests_total[{{.window}}]))')]), 'SLO x.sli.events.total_query: refused: only sum(rate(<counter>{<matchers>}[{{.window}}])) is imported'],
    [sloth([events('sum(rate(http_requests_total{job="pay",service="other",code="500"}[{{.window}}]))', 'sum(rate(http_requests_total{job="pay",service="other"}[{{.window}}]))')]), 'SLO x.sli.events.total_query: a service matcher (service="other") other than service="pay" is refused: Headroom selects the SLO\'s service itself'],
    [sloth([{ ...events('sum(rate(http_requests_total{job="pay",code="500"}[{{.window}}]))'), objective: 100 }]), 'SLO x: objective: a ratio strictly between 0 and 1 (0.999 for 99.9 %) required'],
  ])('refuses what would not mean the same: %j', (doc, message) => {
    const r = fromSloth(doc);
    expect(r.ok ? [] : r.errors).toEqual([message]);
  });

  const tools = hasBinary('jsonnet') && hasBinary('promtool');
  if (!tools) console.log('alerts/slo/sloth.test.ts: render check skipped, jsonnet or promtool is not installed (scripts/setup.sh)');
  (tools ? it : it.skip)('renders the imported example (its buckets completed) to rules that pass promtool check rules', () => {
    const r = fromSloth(example);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const spec = { ...r.spec, histograms: { http_request_duration_seconds: ['0.05', '0.1', '0.25', '0.5', '1'] } };
    const v = validate(spec);
    if (!v.ok) throw new Error(v.errors.join('\n'));
    const rendered = renderPack(v.file as SloFile);
    if (!rendered.ok) throw new Error(rendered.error);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-sloth-'));
    try {
      const onlySpecs = (groups: { name: string }[]) => ({ groups: groups.filter((g) => g.name.startsWith('headroom-slo-spec-payments')) });
      const rules = onlySpecs(rendered.pack.rules.groups);
      const alerts = onlySpecs(rendered.pack.alerts.groups);
      expect(rules.groups.length).toBe(8);
      expect(alerts.groups.map((g) => g.name)).toEqual(['headroom-slo-spec-payments-requests-alerts', 'headroom-slo-spec-payments-latency-alerts']);
      fs.writeFileSync(path.join(dir, 'rules.yaml'), yaml.dump(rules));
      fs.writeFileSync(path.join(dir, 'alerts.yaml'), yaml.dump(alerts));
      const check = spawnSync('promtool', ['check', 'rules', path.join(dir, 'rules.yaml'), path.join(dir, 'alerts.yaml')], { encoding: 'utf8' });
      expect(check.stderr + check.stdout).toContain('SUCCESS');
      expect(check.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
