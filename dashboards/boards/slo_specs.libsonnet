// The SLOs of alerts/slos.yaml (`_config.sloSpecs`, rules in alerts/lib/slo_specs.libsonnet): a list
// sorted by error budget remaining with the time to exhaustion at the current burn, and per latency
// SLO the latency distribution against its threshold (the spec's thresholdSeconds, the same fact
// the rules derive their `le` from).
local g = import '../lib/g.libsonnet';

function(c)
  local cfg = c.config;
  local specs = std.get(cfg, 'sloSpecs', { slos: [] }).slos;
  local lvl = c.sloLevel + '_slo';
  local budget = c.rec(lvl + ':slo_error_budget_remaining:ratio');
  local exhaustion = c.rec(lvl + ':slo_budget_exhaustion:seconds');
  local badRatio = c.rec(lvl + ':sli_bad:ratio_rate5m');
  local s = c.sel([c.m.cluster, c.m.namespace]);
  local burnWindow = cfg.sloSpecBurnWindow;

  local list =
    g.panel.table('SLOs by error budget remaining', description='Every SLO of alerts/slos.yaml, the least budget left first: the share of its error budget not yet spent over its period (below 0 the objective is missed), and how long the rest lasts at the burn rate of the last %s (empty: nothing burns; 0: spent).' % burnWindow)
    + g.panel.withTargets([
      // One label set for both (no __name__, no slo_period), so the merge joins each SLO's row.
      g.target.prometheus('max by (slo, service) (%s{%s})' % [budget, s], format='table', instant=true),
      g.target.prometheus('max by (slo, service) (%s{%s})' % [exhaustion, s], format='table', instant=true),
    ])
    + g.panel.withTransformations([
      { id: 'merge', options: {} },
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          renameByName: { slo: 'SLO', service: 'Service', 'Value #A': 'Budget remaining', 'Value #B': 'Time to exhaustion' },
          indexByName: { slo: 0, service: 1, 'Value #A': 2, 'Value #B': 3 },
        },
      },
      { id: 'sortBy', options: { fields: {}, sort: [{ field: 'Budget remaining', desc: false }] } },
    ])
    + g.panel.withOverride('Budget remaining', { unit: 'percentunit', decimals: 1, 'custom.cellOptions': { type: 'color-text' }, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'orange', value: 0 }, { color: 'green', value: cfg.dashboards.budgetWarningRatio }] } })
    + g.panel.withOverride('Time to exhaustion', { unit: 's', decimals: 0 })
    + g.panel.withLinks(c.runbooks(['HeadroomSLOBurn']))
    + g.panel.size(24, 8);

  local latencyPanel(slo) =
    local sel = c.sel(['service="%s"' % slo.service, slo.sli.selector, c.m.cluster, c.m.namespace]);
    local thr = c.num(slo.sli.thresholdSeconds);
    g.panel.latency('%s: latency against %s s' % [slo.name, thr], description='%s of requests within %s s (%s over %s).' % [c.num(slo.objective * 100) + ' %', thr, slo.name, std.get(slo, 'period', cfg.slo.period)])
    + g.panel.withTargets([g.target.prometheus('sum by (le) (rate(%s_bucket{%s}[5m]))' % [slo.sli.histogram, sel], legend='{{le}}')])
    + g.panel.withOptions({
      percentiles: std.join(', ', [c.num(p) for p in cfg.dashboards.percentiles]),
      sloThreshold: slo.sli.thresholdSeconds,
      sloTargetPercent: slo.objective * 100,
    })
    + g.panel.size(12, 9);

  local burnPanel =
    g.panel.timeseries('Bad share over 5 minutes, per SLO', description='Failed or too slow requests as each SLO counts them (its budget is 1 - objective).', unit='percentunit')
    + g.panel.withTargets([g.target.prometheus('%s{%s}' % [badRatio, s], legend='{{slo}}')])
    + g.panel.size(24, 8);

  {
    dashboards:: if specs == [] then {} else {
      [c.uid('slo-specs') + '.json']: c.dashboard(
        'slo-specs',
        'SLOs',
        'The SLOs of alerts/slos.yaml: error budget remaining and time to exhaustion, latency against each threshold.',
        [
          c.vars.datasource,
          c.vars.cluster('http_requests_total', cfg.selectors.http),
          c.vars.namespace('http_requests_total', cfg.selectors.http),
        ],
        [g.panel.row('Error budgets'), list, burnPanel, g.panel.row('Latency SLOs')]
        + [latencyPanel(slo) for slo in specs if slo.sli.kind == 'latency'],
      ),
    },
  }
