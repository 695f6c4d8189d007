// The rules pack rendered from SLO specs (jsonnet): objectives, thresholds and `le` come from the
// spec; a threshold between bucket boundaries is a render error naming the nearest boundaries.
import { hasBinary, Rendered, renderPack } from './renderPack';
import { SloFile } from './spec';

const jsonnet = hasBinary('jsonnet');
if (!jsonnet) console.log('alerts/slo/mixin.test.ts: skipped, jsonnet is not installed (scripts/setup.sh)');
const maybe = jsonnet ? describe : describe.skip;

const histograms = { http_request_duration_seconds: ['0.1', '0.25', '0.475', '0.5', '1'] };
const avail = (name: string, objective: number) => ({
  name,
  service: 'web',
  sli: { kind: 'availability' as const, counter: 'http_requests_total', selector: 'handler="/api"', errorSelector: 'code=~"5.."' },
  objective,
});
const lat = (name: string, thresholdSeconds: number) => ({
  name,
  service: 'web',
  sli: { kind: 'latency' as const, histogram: 'http_request_duration_seconds', selector: '', thresholdSeconds },
  objective: 0.99,
});

function render(file: SloFile): Rendered {
  const r = renderPack(file);
  if (!r.ok) throw new Error(r.error);
  return r.pack;
}
const burns = (p: Rendered, slo: string) => p.alerts.groups.flatMap((g) => g.rules).filter((r) => r.alert === 'HeadroomSLOBurn' && r.labels.slo === slo);
const recorded = (p: Rendered, slo: string) => p.rules.groups.flatMap((g) => g.rules).filter((r) => (r.labels as Record<string, string> | undefined)?.slo === slo);

maybe('SLO specs in the rules pack', () => {
  it('gives two SLOs with different objectives different thresholds and alerts', () => {
    const p = render({ histograms, slos: [avail('api-9995', 0.9995), avail('api-999', 0.999)] });
    const a = burns(p, 'api-9995');
    const b = burns(p, 'api-999');
    expect(a.map((r) => r.labels.slo_tier)).toEqual(['fast', 'medium', 'slow', 'gradual']);
    expect(b.map((r) => r.labels.slo_tier)).toEqual(['fast', 'medium', 'slow', 'gradual']);
    // The line is factor x (1 - objective): the budget each alert divides by differs.
    expect(a[0].expr).toContain('namespace_service_slo:sli_bad:ratio_rate1h{slo="api-9995"} / 0.0005 > 14.4');
    expect(b[0].expr).toContain('namespace_service_slo:sli_bad:ratio_rate1h{slo="api-999"} / 0.001 > 14.4');
    expect(a[0].expr).not.toEqual(b[0].expr);
    const budgetOf = (slo: string) => recorded(p, slo).find((r) => r.record === 'namespace_service_slo:slo_error_budget_remaining:ratio')?.expr;
    expect(budgetOf('api-9995')).toBe('1 - namespace_service_slo:sli_bad:ratio_rate_period{slo="api-9995"} / 0.0005\n');
    expect(budgetOf('api-999')).toBe('1 - namespace_service_slo:sli_bad:ratio_rate_period{slo="api-999"} / 0.001\n');
  });

  it('derives le from the threshold: the goal and the limit read their own buckets', () => {
    const p = render({ histograms, slos: [lat('goal', 0.475), lat('limit', 0.5)] });
    const ratio = (slo: string) => String(recorded(p, slo).find((r) => r.record === 'namespace_service_slo:sli_bad:ratio_rate5m')?.expr);
    expect(ratio('goal')).toContain('le="0.475"');
    expect(ratio('goal')).not.toContain('le="0.5"');
    expect(ratio('limit')).toContain('le="0.5"');
    expect(burns(p, 'goal')[0].labels.sli).toBe('latency');
  });

  it('refuses a threshold that is no bucket boundary, naming the SLO and the nearest boundaries', () => {
    expect(renderPack({ histograms, slos: [lat('web-p99', 0.3)] })).toEqual({
      ok: false,
      error: 'RUNTIME ERROR: SLO web-p99: latency threshold 0.3 s is not a bucket boundary of the histogram; nearest boundaries: 0.25, 0.475',
    });
    expect(renderPack({ histograms, slos: [lat('web-p99', 2)] })).toEqual({
      ok: false,
      error: 'RUNTIME ERROR: SLO web-p99: latency threshold 2 s is not a bucket boundary of the histogram; nearest boundaries: 1',
    });
  });

  it('derives the default latency SLO\'s le from its threshold and the declared buckets too', () => {
    const r = renderPack({ histograms: { http_request_duration_seconds: ['0.1', '0.25', '1'] }, slos: [] });
    expect(r.ok ? '' : r.error).toBe('RUNTIME ERROR: SLO latency (the default, _config.slo.latency): latency threshold 0.5 s is not a bucket boundary of the histogram; nearest boundaries: 0.25, 1');
    const p = render({ histograms, slos: [] });
    const slow = p.rules.groups.flatMap((g) => g.rules).find((x) => x.record === 'namespace_service:http_requests_slow:ratio_rate5m');
    expect(String(slow?.expr)).toContain('le="0.5"');
  });

  it('tunes and removes tiers per SLO, and refuses an incomplete new tier', () => {
    const p = render({ histograms, slos: [{ ...avail('api', 0.999), tiers: { fast: null, slow: { factor: 2, severity: 'critical' } } }] });
    const tiers = burns(p, 'api').map((r) => [r.labels.slo_tier, r.labels.severity]);
    expect(tiers).toEqual([['medium', 'critical'], ['slow', 'critical'], ['gradual', 'warning']]);
    expect(burns(p, 'api').find((r) => r.labels.slo_tier === 'slow')?.expr).toContain('/ 0.001 > 2\n');
    const bad = renderPack({ histograms, slos: [{ ...avail('api', 0.999), tiers: { weekly: { factor: 1 } } }] });
    expect(bad.ok ? '' : bad.error).toContain('SLO api: tiers.weekly: missing longWindow, shortWindow, severity, for');
  });

  it('keeps the guards per SLO: traffic floor, history, scraped now, outage path, no NaN', () => {
    const p = render({ histograms, slos: [{ ...avail('api', 0.999), minRequestRate: 2 }] });
    const fast = burns(p, 'api')[0];
    expect(fast.expr).toContain('namespace_service_slo:sli_requests:rate1h{slo="api"} >= 2');
    expect(fast.expr).toContain('namespace_service_slo:sli_bad:ratio_rate1h{slo="api"} * namespace_service_slo:slo_window_coverage:ratio1h{slo="api"} / 0.001 > 14.4');
    expect(fast.expr).toContain('group by (cluster, namespace, service) (http_requests_total{service="web", handler="/api"})');
    const alerts = p.alerts.groups.flatMap((g) => g.rules);
    expect(alerts.find((r) => r.alert === 'HeadroomSLOOutage')?.expr).toContain('increase(http_requests_total{service="web", handler="/api", code=~"5.."}[3m])');
    const ratio = String(recorded(p, 'api').find((r) => r.record === 'namespace_service_slo:sli_bad:ratio_rate5m')?.expr);
    expect(ratio).toMatch(/> 0\)\nor\n0 \* /);
  });
});
