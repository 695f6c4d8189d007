// Overview: one line per question (how slow, what it costs, how we scaled, the data tier), each
// stat linking to its dashboard, and the alerts firing now.
local g = import '../lib/g.libsonnet';

function(c, names) {
  local cfg = c.config,
  local slo = cfg.slo,
  local f = cfg.families,
  local lvl = c.sloLevel,
  local s = c.sel([c.m.cluster, c.m.namespace, c.m.service]),
  local cl = c.sel([c.m.cluster, c.m.namespace]),
  // The data tier by cluster only: its servers and exporters live in namespaces of their own, which
  // the namespace variable (the services' namespaces) does not list; the Data tier dashboard narrows them.
  local dataTier = c.sel([c.m.cluster]),

  // The other dashboards, in reading order, when the mixin renders them.
  local boards = [
    b
    for b in [
      { name: 'slo', title: 'Service SLO & latency', what: 'how slow are we: latency distribution against the SLO, burn rates, errors' },
      { name: 'scaling', title: 'Scaling & capacity', what: 'how did we scale, and when do we run out' },
      { name: 'cost', title: 'Cost', what: 'what a request costs, by component and pricing model' },
      { name: 'data', title: 'Data tier', what: 'replication lag and cache hit ratio against the alert lines' },
    ]
    if std.member(names, c.uid(b.name) + '.json')
  ],
  local to(name) = [g.link.panelDashboard('Open %s' % [b.title for b in boards if b.name == name][0], c.uid(name))],
  local has(name) = std.length([b for b in boards if b.name == name]) > 0,

  // 8 rows (298 px): the six paragraphs and list items, each wrapped once at a 1024 px wide
  // screen, with the panel's header, show without scrolling.
  local intro = g.panel.text('Headroom', std.join('\n', [
    'Four questions on one screen. The dashboards keep the time range and the selected cluster, namespace and service:',
    '',
  ] + [
    '- [%s](/d/%s?${__url_time_range}&${__all_variables}): %s' % [b.title, c.uid(b.name), b.what]
    for b in boards
  ] + [
    '',
    "Thresholds on every panel are the alert lines of the Headroom rules pack (one `_config`); each alert's runbook is linked from the panels it concerns.",
  ])) + g.panel.size(24, 8),

  local stats =
    (if has('slo') then [
       g.panel.stat('Availability (%s)' % slo.period, description='Objective %s %%.' % c.num(slo.availability.objective * 100), unit='percentunit', graph=false)
       + g.panel.withTargets([g.target.prometheus('min(1 - %s{%s})' % [c.rec('%s:http_requests_errors:ratio_rate%s' % [lvl, slo.period]), s], legend='availability', instant=true)])
       + g.panel.withDecimals(3)
       + g.panel.withThresholds([['red', null], ['green', slo.availability.objective]])
       + g.panel.withLinks(to('slo')),
       g.panel.stat('Error budget remaining', description='The lowest of the availability and latency budgets over %s.' % slo.period, unit='percentunit', graph=false)
       + g.panel.withTargets([g.target.prometheus('min(%s{%s})' % [c.rec('%s:slo_error_budget_remaining:ratio%s' % [lvl, slo.period]), s], legend='budget', instant=true)])
       + g.panel.withDecimals(1)
       + g.panel.withThresholds([['red', null], ['orange', 0], ['green', cfg.dashboards.budgetWarningRatio]])
       + g.panel.withLinks(to('slo')),
       g.panel.stat('p99 latency', description='SLO: %s %% of requests under %s s.' % [c.num(slo.latency.objective * 100), c.num(slo.latency.thresholdSeconds)], unit='s')
       + g.panel.withTargets([g.target.prometheus(
         'histogram_quantile(0.99, sum by (le) (%s{%s}))' % [c.rec('%s_handler_le:http_request_duration_seconds_bucket:rate5m' % lvl), s],
         legend='p99',
       )])
       + g.panel.withThresholds([['green', null], ['red', slo.latency.thresholdSeconds]])
       + g.panel.withLinks(to('slo')),
       g.panel.stat('Requests per second', unit='reqps')
       + g.panel.withTargets([g.target.prometheus('sum(%s{%s})' % [c.rec('%s:http_requests:rate5m' % lvl), s], legend='requests')])
       + g.panel.withThresholds([['blue', null]])
       + g.panel.withLinks(to('slo')),
     ] else [])
    + (if has('scaling') then [
         g.panel.stat('Replicas', description='Current replicas of all autoscalers.')
         + g.panel.withTargets([g.target.prometheus(
           'sum(%s{%s})' % [c.rec('namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_status_current_replicas:max'), cl],
           legend='replicas',
         )])
         + g.panel.withThresholds([['blue', null]])
         + g.panel.withLinks(to('scaling')),
       ] else [])
    + (if has('cost') then [
         g.panel.stat('Hourly cost', unit=c.currencyUnit)
         + g.panel.withTargets([g.target.prometheus('sum(node_total_hourly_cost{%s})' % c.sel([cfg.selectors.node, c.m.cluster]), legend='per hour')])
         + g.panel.withDecimals(2)
         + g.panel.withThresholds([['blue', null]])
         + g.panel.withLinks(to('cost')),
       ] else [])
    + (if has('data') && (f.postgres || f.mysql) then [
         g.panel.stat('Worst replication lag', description='Over the replicas of the cluster; warning above %s s, critical above %s s.' % [c.num(cfg.replication.lagWarningSeconds), c.num(cfg.replication.lagCriticalSeconds)], unit='s')
         + g.panel.withTargets([g.target.prometheus(
           'max(%s)' % std.join(' or ', (
             if f.postgres then ['%s{%s}' % [c.rec('instance:pg_replication_lag_seconds:replica'), dataTier]] else []
           ) + (
             if f.mysql then ['%s{%s}' % [c.rec('instance:mysql_replication_lag_seconds:delay_adjusted'), dataTier]] else []
           )),
           legend='lag',
         )])
         + g.panel.withThresholds([['green', null], ['orange', cfg.replication.lagWarningSeconds], ['red', cfg.replication.lagCriticalSeconds]])
         + g.panel.withLinks(to('data')),
       ] else [])
    + (if has('data') && f.cache then [
         g.panel.stat('Cache hit ratio', description='Lowest over the caches of the cluster; floor %s %%, target %s %%.' % [c.num(cfg.cache.hitRatioFloor * 100), c.num(cfg.cache.hitRatioTarget * 100)], unit='percentunit')
         + g.panel.withTargets([g.target.prometheus(
           'min(%s)' % std.join(' or ', [
             '%s{%s}' % [c.rec('%s:cache_hit:ratio_rate%s' % [cfg.cache.sources[n].level, cfg.cache.window]), c.sel([dataTier, 'cache_kind="%s"' % n])]
             for n in cfg.cache.required
           ]),
           legend='hit ratio',
         )])
         + g.panel.withDecimals(1)
         + g.panel.withThresholds([['red', null], ['orange', cfg.cache.hitRatioFloor], ['green', cfg.cache.hitRatioTarget]])
         + g.panel.withLinks(to('data')),
       ] else []),

  local panels = [intro, g.panel.row('Now')] + stats + [
    g.panel.row('Alerts'),
    g.panel.alertlist('Firing and pending alerts', description="Grafana's alert list: Grafana-managed rules and the Prometheus rules of data sources with alert management enabled.")
    + g.panel.size(12, 10),
    g.panel.table('Alerts firing in Prometheus', description='ALERTS{alertstate="firing"} straight from Prometheus, by alert and severity (%s is the always-firing heartbeat).' % cfg.watchdogAlertName)
    + g.panel.withTargets([g.target.prometheus(
      'count by (alertname, severity) (ALERTS{alertstate="firing"})',
      format='table',
      instant=true,
    )])
    + g.panel.withTransformations([{
      id: 'organize',
      options: {
        excludeByName: { Time: true },
        renameByName: { alertname: 'Alert', severity: 'Severity', Value: 'Series firing' },
        indexByName: { alertname: 0, severity: 1, Value: 2 },
      },
    }])
    + g.panel.withOverride('Severity', { 'custom.cellOptions': { type: 'color-text' }, mappings: [{
      type: 'value',
      options: {
        [cfg.severities.page]: { color: 'red', index: 0 },
        [cfg.severities.ticket]: { color: 'orange', index: 1 },
        [cfg.severities.info]: { color: 'blue', index: 2 },
      },
    }] })
    + g.panel.size(12, 10),
  ],

  dashboards:: {
    [c.uid('overview') + '.json']: c.dashboard(
      'overview',
      'Overview',
      'How slow we are, what it costs, how we scaled, the data tier, and the alerts firing now; links to the Headroom dashboards.',
      [
        c.vars.datasource,
        c.vars.cluster('http_requests_total', cfg.selectors.http),
        c.vars.namespace('http_requests_total', cfg.selectors.http),
        c.vars.service,
      ],
      panels,
      links=[g.link.dashboard(b.title, c.uid(b.name)) for b in boards],
    ),
  },
}
