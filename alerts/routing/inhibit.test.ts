// The example Alertmanager config's inhibitions, evaluated on firing alerts: an SLO spec's page
// silences the default SLO's alerts of the same kind on the same service (one page per incident),
// and burn-rate tiers a spec adds or reorders inhibit in the spec's own order.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { hasBinary } from '../slo/renderPack';
import { InhibitRule, Labels, mutedAlerts } from './inhibit';

const alertsDir = path.resolve(__dirname, '..');
const jsonnet = hasBinary('jsonnet');
if (!jsonnet) console.log('alerts/routing/inhibit.test.ts: skipped, jsonnet is not installed (scripts/setup.sh)');
const maybe = jsonnet ? describe : describe.skip;

function rulesOf(args: string[]): InhibitRule[] {
  const r = spawnSync('jsonnet', ['-J', alertsDir, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout);
  return (out.inhibit_rules ?? out['alertmanager.yml'].inhibit_rules) as InhibitRule[];
}
const example = (config = '{}') => rulesOf(['--tla-code', `config=${config}`, path.join(alertsDir, 'alertmanager.jsonnet')]);

const web = { cluster: 'demo', namespace: 'demo', service: 'web' };
const defaultBurn = (severity: string, tier: string): Labels => ({ alertname: 'HeadroomErrorBudgetBurn', slo: 'availability', slo_tier: tier, severity, team: 'web', ...web });
const specBurn = (slo: string, sli: string, severity: string, tier: string, where = web): Labels => ({ alertname: 'HeadroomSLOBurn', slo, sli, slo_tier: tier, severity, team: 'web', ...where });
/** The names (alertname/slo/tier) of the firing alerts that are not muted. */
function heard(rules: InhibitRule[], firing: Labels[]): string[] {
  const muted = mutedAlerts(rules, firing);
  return firing.filter((_, i) => !muted.has(i)).map((a) => [a.alertname, a.slo, a.slo_tier].filter(Boolean).join(' '));
}

maybe('inhibitions of the example Alertmanager config', () => {
  const rules = example();

  it("an SLO spec's page silences the default SLO's page and ticket of the same kind on the same service", () => {
    const firing = [specBurn('api-availability', 'availability', 'critical', 'fast'), defaultBurn('critical', 'fast'), defaultBurn('warning', 'slow')];
    expect(heard(rules, firing)).toEqual(['HeadroomSLOBurn api-availability fast']);
    const outage = [{ alertname: 'HeadroomSLOOutage', slo: 'checkout-availability', sli: 'availability', severity: 'critical', team: 'web', ...web }, { alertname: 'HeadroomServiceOutage', slo: 'availability', severity: 'critical', team: 'web', ...web }];
    expect(heard(rules, outage)).toEqual(['HeadroomSLOOutage checkout-availability']);
    const latency = [specBurn('web-latency-limit', 'latency', 'critical', 'fast'), { alertname: 'HeadroomLatencyBudgetBurn', slo: 'latency', slo_tier: 'fast', severity: 'critical', team: 'web', ...web }];
    expect(heard(rules, latency)).toEqual(['HeadroomSLOBurn web-latency-limit fast']);
  });

  it('leaves the default SLO heard for another kind, another service, or a mere ticket against its page', () => {
    expect(heard(rules, [specBurn('web-latency-limit', 'latency', 'critical', 'fast'), defaultBurn('critical', 'fast')])).toHaveLength(2);
    const other = { cluster: 'demo', namespace: 'demo', service: 'checkout' };
    expect(heard(rules, [specBurn('api-availability', 'availability', 'critical', 'fast', other), defaultBurn('critical', 'fast')])).toHaveLength(2);
    expect(heard(rules, [specBurn('api-shed-errors', 'availability', 'warning', 'slow'), defaultBurn('critical', 'fast')])).toHaveLength(2);
    // ... while the spec's ticket does silence the default's ticket.
    expect(heard(rules, [specBurn('api-shed-errors', 'availability', 'warning', 'slow'), defaultBurn('warning', 'slow')])).toEqual(['HeadroomSLOBurn api-shed-errors slow']);
  });

  it('keeps both pages with specsSilenceDefault: false', () => {
    const both = example('{ slo+: { specsSilenceDefault: false } }');
    expect(heard(both, [specBurn('api-availability', 'availability', 'critical', 'fast'), defaultBurn('critical', 'fast')])).toHaveLength(2);
  });

  it("inhibits a spec's added and reordered tiers in the spec's own order, the pack's tiers as before", () => {
    // config-variant: the pack has fast (14.4), hourly (8), slow (3), weekly (1); SLO `orders`
    // retunes fast to 10 and adds daily (2).
    const variant = rulesOf([path.join(alertsDir, 'tests', 'config-variant.jsonnet')]);
    const orders = { k8s_cluster: 'c1', namespace: 'shop', service: 'orders' };
    const o = (tier: string, severity = 'warning') => specBurn('orders', 'availability', severity, tier, orders as unknown as typeof web);
    expect(heard(variant, [o('daily'), o('weekly')])).toEqual(['HeadroomSLOBurn orders daily']);
    expect(heard(variant, [o('fast', 'critical'), o('daily')])).toEqual(['HeadroomSLOBurn orders fast']);
    expect(heard(variant, [o('slow'), o('daily')])).toEqual(['HeadroomSLOBurn orders slow']);
    const d = (tier: string) => ({ alertname: 'HeadroomErrorBudgetBurn', slo: 'availability', slo_tier: tier, severity: 'warning', ...orders });
    expect(heard(variant, [d('hourly'), d('slow')])).toEqual(['HeadroomErrorBudgetBurn availability hourly']);
    // Without the spec's own order, `daily` would be heard beside `slow` (a tier the pack does not know).
    const packOnly = variant.filter((r) => !(r.source_matchers ?? []).includes('slo="orders"'));
    expect(heard(packOnly, [o('slow'), o('daily')])).toHaveLength(2);
  });
});
