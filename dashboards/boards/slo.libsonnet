// Service SLO & latency: objectives over the SLO period, the latency distribution against the
// threshold, burn rates against the alert tiers, errors and throughput.
local g = import '../lib/g.libsonnet';

function(c) {
  local cfg = c.config,
  local slo = cfg.slo,
  local lvl = c.sloLevel,
  local s = c.sel([c.m.cluster, c.m.namespace, c.m.service]),
  local tiers = std.sort(
    [slo.burnRateTiers[k] { name: k } for k in std.objectFields(slo.burnRateTiers) if slo.burnRateTiers[k] != null],
    function(t) -t.factor,
  ),
  local thr = c.num(slo.latency.thresholdSeconds),

  local kinds = {
    availability: {
      title: 'Availability',
      alert: 'HeadroomErrorBudgetBurn',
      budget: 1 - slo.availability.objective,
      ratio(w): c.rec('%s:http_requests_errors:ratio_rate%s' % [lvl, w]),
    },
    latency: {
      title: 'Latency',
      alert: 'HeadroomLatencyBudgetBurn',
      budget: 1 - slo.latency.objective,
      ratio(w): c.rec('%s:http_requests_slow:ratio_rate%s' % [lvl, w]),
    },
  },

  local bucketRate = c.rec('%s_handler_le:http_request_duration_seconds_bucket:rate5m' % lvl),
  local budgetRemaining = c.rec('%s:slo_error_budget_remaining:ratio%s' % [lvl, slo.period]),

  // Burn rate = error ratio / error budget; 1 spends the budget exactly over the SLO period.
  local burnPanel(kind) =
    local k = kinds[kind];
    g.panel.timeseries(
      '%s burn rate' % k.title,
      description="Error ratio over each tier's long window divided by the error budget (%s). The dashed lines are the tiers' burn-rate factors: an alert fires when both of a tier's windows stay above its line." % c.num(k.budget),
      unit='suffix:x',
      fill=0,
    )
    + g.panel.withTargets([
      g.target.prometheus('%s{%s} / %s' % [k.ratio(t.longWindow), s, c.num(k.budget)], legend='{{service}} %s (%s tier)' % [t.longWindow, t.name])
      for t in tiers
    ])
    + c.colors(['burnRates'])
    + g.panel.withThresholds(
      [['green', null]] + [
        [if t.severity == cfg.severities.page then 'red' else 'orange', t.factor]
        for t in std.reverse(tiers)
      ],
      style='dashed',
    )
    + g.panel.withSoftRange(softMin=0, softMax=if std.length(tiers) > 0 then tiers[0].factor * 1.2 else null)
    + g.panel.withLinks(c.runbooks([k.alert]))
    + g.panel.size(12, 8),

  // 1 while both windows of a tier are above its factor: the alert condition, before `for:`
  // and the minimum-traffic guard.
  local tierState =
    g.panel.stateTimeline(
      'Burn-rate tiers',
      description='Each lane is one alert tier: "burning" while the error ratio over both of its windows exceeds factor x budget (the alert condition before its for: and the %s req/s traffic guard).' % c.num(slo.minRequestRate),
    )
    + g.panel.withTargets([
      local k = kinds[kind];
      g.target.prometheus(
        'max(\n  (%s{%s} / %s > bool %s)\n  *\n  (%s{%s} / %s > bool %s)\n)' % [
          k.ratio(t.longWindow),
          s,
          c.num(k.budget),
          c.num(t.factor),
          k.ratio(t.shortWindow),
          s,
          c.num(k.budget),
          c.num(t.factor),
        ],
        legend='%s %s: %sx over %s and %s' % [kind, t.name, c.num(t.factor), t.longWindow, t.shortWindow],
      )
      for kind in ['availability', 'latency']
      for t in tiers
    ])
    + g.panel.withValueMappings({ '0': ['ok', 'green'], '1': ['burning', 'red'] })
    + g.panel.withLinks(c.runbooks([kinds.availability.alert, kinds.latency.alert]))
    + g.panel.size(24, 2 + std.length(tiers) * 2),

  dashboards:: {
    [c.uid('slo') + '.json']: c.dashboard(
      'slo',
      'Service SLO & latency',
      'Availability and latency objectives over %s, the latency distribution against the %s s threshold, burn rates against the alert tiers, errors and throughput.' % [slo.period, thr],
      [
        c.vars.datasource,
        c.vars.cluster('http_requests_total', cfg.selectors.http),
        c.vars.namespace('http_requests_total', cfg.selectors.http),
        c.vars.service,
      ],
      [
        g.panel.row('Objectives over %s' % slo.period),
        g.panel.stat('Availability', description='Share of requests that did not fail (%s) over %s; objective %s %%.' % [slo.availability.errorSelector, slo.period, c.num(slo.availability.objective * 100)], unit='percentunit', graph=false)
        + g.panel.withTargets([g.target.prometheus('1 - %s{%s}' % [kinds.availability.ratio(slo.period), s], legend='{{service}}', instant=true)])
        + g.panel.withDecimals(3)
        + g.panel.withThresholds([['red', null], ['green', slo.availability.objective]]),
        g.panel.stat('Requests faster than %s s' % thr, description='Share of requests under the latency threshold over %s; objective %s %%.' % [slo.period, c.num(slo.latency.objective * 100)], unit='percentunit', graph=false)
        + g.panel.withTargets([g.target.prometheus('1 - %s{%s}' % [kinds.latency.ratio(slo.period), s], legend='{{service}}', instant=true)])
        + g.panel.withDecimals(3)
        + g.panel.withThresholds([['red', null], ['green', slo.latency.objective]]),
        g.panel.stat('Error budget remaining', description='Share of the %s error budget not yet spent, per objective; below 0 the objective is missed.' % slo.period, unit='percentunit', graph=false)
        + g.panel.withTargets([g.target.prometheus('%s{%s}' % [budgetRemaining, s], legend='{{service}} {{slo}}', instant=true)])
        + g.panel.withDecimals(1)
        + g.panel.withThresholds([['red', null], ['orange', 0], ['green', cfg.dashboards.budgetWarningRatio]])
        + g.panel.withLinks(c.runbooks([kinds.availability.alert, kinds.latency.alert])),
        g.panel.stat('Requests per second', unit='reqps')
        + g.panel.withTargets([g.target.prometheus('sum(%s{%s})' % [c.rec('%s:http_requests:rate5m' % lvl), s], legend='all')])
        + g.panel.withThresholds([['blue', null]]),

        g.panel.row('Latency'),
        g.panel.latency('Latency distribution', description='Request-duration histogram buckets over time, percentiles as histogram_quantile computes them, and the SLO: %s %% of requests under %s s.' % [c.num(slo.latency.objective * 100), thr])
        + g.panel.withTargets([g.target.prometheus('sum by (le) (%s{%s})' % [bucketRate, s], legend='{{le}}')])
        + g.panel.withOptions({
          percentiles: std.join(', ', [c.num(p) for p in cfg.dashboards.percentiles]),
          sloThreshold: slo.latency.thresholdSeconds,
          sloTargetPercent: slo.latency.objective * 100,
          // The recording rule's name says rate5m, the query does not say rate(): per second.
          bucketValues: 'rate',
        })
        + g.panel.withLinks(c.runbooks([kinds.latency.alert]))
        + g.panel.size(16, 10),
        g.panel.timeseries('Requests slower than %s s' % thr, description='Share of requests above the latency threshold over 5 minutes; the dashed line is the error budget (%s).' % c.num(kinds.latency.budget), unit='percentunit')
        + g.panel.withTargets([g.target.prometheus('%s{%s}' % [kinds.latency.ratio('5m'), s], legend='{{service}}')])
        + g.panel.withThresholds([['green', null], ['red', kinds.latency.budget]], style='dashed')
        + g.panel.withSoftRange(softMin=0, softMax=kinds.latency.budget * 2)
        + g.panel.withLinks(c.runbooks([kinds.latency.alert]))
        + g.panel.size(8, 10),
        g.panel.timeseries('Latency percentiles by handler', description='histogram_quantile over the bucket rates; the dashed line is the SLO threshold.', unit='s', fill=0)
        + g.panel.withTargets([
          g.target.prometheus('histogram_quantile(%s, sum by (handler, le) (%s{%s}))' % [c.num(p / 100), bucketRate, s], legend='p%s {{handler}}' % c.num(p))
          for p in cfg.dashboards.percentiles
        ])
        + g.panel.withThresholds([['green', null], ['red', slo.latency.thresholdSeconds]], style='dashed')
        + c.colors(['percentiles']),
        g.panel.heatmap('Latency buckets', description="The same buckets in Grafana's own heatmap, for comparison.")
        + g.panel.withTargets([g.target.prometheus('sum by (le) (%s{%s})' % [bucketRate, s], legend='{{le}}', format='heatmap')]),

        g.panel.row('Error budget burn'),
        burnPanel('availability'),
        burnPanel('latency'),
        tierState,

        g.panel.row('Errors and throughput'),
        g.panel.timeseries('Error ratio', description='Failed requests (%s) over 5 minutes; the dashed line is the error budget (%s).' % [slo.availability.errorSelector, c.num(kinds.availability.budget)], unit='percentunit')
        + g.panel.withTargets([g.target.prometheus('%s{%s}' % [kinds.availability.ratio('5m'), s], legend='{{service}}')])
        + g.panel.withThresholds([['green', null], ['red', kinds.availability.budget]], style='dashed')
        + g.panel.withSoftRange(softMin=0, softMax=kinds.availability.budget * 2)
        + g.panel.withLinks(c.runbooks([kinds.availability.alert])),
        g.panel.timeseries('Throughput by handler and code', unit='reqps', stack=true)
        + g.panel.withTargets([g.target.prometheus(
          'sum by (handler, code) (%s{%s})' % [c.rec('%s_handler_code:http_requests:rate5m' % lvl), s],
          legend='{{handler}} {{code}}',
        )]),
      ],
    ),
  },
}
