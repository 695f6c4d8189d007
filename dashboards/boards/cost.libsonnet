// Cost: what the fleet costs, where the money goes, what one request costs, where spend is
// heading and what reserved or spot capacity would save. Node prices come from OpenCost's
// node_total_hourly_cost (Prometheus); cost per request, projections and savings from the
// Headroom cost data source (price book + inventory).
local g = import '../lib/g.libsonnet';

function(c) {
  local cfg = c.config,
  local k = cfg.cost,
  local nodeSel = c.sel([cfg.selectors.node, c.m.cluster]),
  local hourly = 'node_total_hourly_cost{%s}' % nodeSel,
  local unit = c.currencyUnit,
  local plan = cfg.dashboards.capacityPlanning,
  local planHorizon = '%dd' % plan.horizonDays,
  local planHistory = '%dd' % plan.historyDays,
  local perLabel = if k.perRequests == 1000000 then '1M' else if k.perRequests == 1000 then '1k' else std.toString(k.perRequests),
  local byComponent =
    'sum by (%(comp)s) (\n  %(hourly)s\n  * on (%(on)s) group_left (%(comp)s)\n  max by (%(on)s, %(comp)s) (kube_node_labels{%(sel)s})\n)' % {
      comp: k.componentLabel,
      hourly: hourly,
      on: c.sel([cfg.clusterLabel, 'node']),
      sel: nodeSel,
    },

  local panels = [
    g.panel.row('Spend'),
    g.panel.stat('Hourly cost', description='Sum of node_total_hourly_cost over the nodes of the cluster.', unit=unit)
    + g.panel.withTargets([g.target.prometheus('sum(%s)' % hourly, legend='per hour')])
    + g.panel.withDecimals(2)
    + g.panel.withThresholds([['blue', null]]),
    g.panel.stat('Monthly run rate', description='Hourly cost now x %d hours.' % k.hoursPerMonth, unit=unit, graph=false)
    + g.panel.withTargets([g.target.prometheus('sum(%s) * %d' % [hourly, k.hoursPerMonth], legend='per month', instant=true)])
    // Two decimals of the scaled unit ($1.61K): with none, $1,609 showed as "$2K", a quarter off
    // 730 x the hourly cost beside it.
    + g.panel.withDecimals(2)
    + g.panel.withThresholds(
      if k.monthlyBudget > 0 then [['green', null], ['red', k.monthlyBudget]] else [['blue', null]]
    ),
    g.panel.stat('Cost per %s requests' % perLabel, description='Node cost integrated minute by minute over the time range (a node counts only while it exists) divided by the increase in requests over it (not a ratio of instant rates).', unit=unit, graph=false)
    + g.panel.withTargets([g.target.prometheus(
      '(sum_over_time(sum(%s)[$__range:1m]) / 60)\n/\nsum(increase(http_requests_total{%s}[$__range]))\n* %d' % [
        hourly,
        c.sel([cfg.selectors.http, c.m.cluster]),
        k.perRequests,
      ],
      legend='all services',
      instant=true,
    )])
    // Grafana's automatic decimals give three significant digits ($0.000293); a fixed 5 cut it to
    // two ($0.00029, 1.5 % off).
    + g.panel.withThresholds(
      if k.budgetPerRequests > 0 then [['green', null], ['red', k.budgetPerRequests]] else [['blue', null]]
    ),
    g.panel.stat('Nodes', description='Nodes with a price (node_total_hourly_cost).', graph=false)
    + g.panel.withTargets([g.target.prometheus('count(%s)' % hourly, legend='nodes', instant=true)])
    + g.panel.withThresholds([['text', null]]),

    g.panel.row('Cost per request'),
    g.panel.costPerRequest('Cost per request', description='What %s requests cost, by component, against the budget, and what the same traffic would cost on reserved or spot capacity.' % perLabel)
    + g.panel.withTargets([g.target.cost('costPerRequest')])
    + g.panel.withOptions({
      perRequests: k.perRequests,
      groupBy: 'component',
      budget: k.budgetPerRequests,
      showPricingComparison: true,
    })
    + c.colors(['components'])
    + g.panel.size(24, 10),

    g.panel.row('Where the money goes'),
    g.panel.timeseries('Hourly cost by component', description='node_total_hourly_cost joined to the node label %s.' % k.componentLabel, unit=unit, fill=30, stack=true)
    + g.panel.withTargets([g.target.prometheus(byComponent, legend='{{%s}}' % k.componentLabel)])
    // Two decimals: money axes step in cents ($0.50), never "$0.800".
    + g.panel.withDecimals(2)
    + c.colors(['components']),
    g.panel.timeseries('Hourly cost by instance type', unit=unit, fill=30, stack=true)
    + g.panel.withTargets([g.target.prometheus(
      'sum by (%s) (%s)' % [k.instanceTypeLabel, hourly],
      legend='{{%s}}' % k.instanceTypeLabel,
    )])
    + g.panel.withDecimals(2)
    + c.colors(['components']),

    g.panel.row('Projection and savings'),
    g.panel.capacityForecast('Monthly cost forecast', description='The monthly cost (hourly cost x %d h, the mean of each day) forecast %s ahead from the last %s%s%s.' % [
      k.hoursPerMonth,
      planHorizon,
      planHistory,
      if plan.growthPercentPerYear > 0 then ', with %s %% a year of planned growth' % c.num(plan.growthPercentPerYear) else '',
      if k.monthlyBudget > 0 then ', against the monthly budget (%s)' % c.num(k.monthlyBudget) else '',
    ])
    + g.panel.withTargets([g.target.prometheus('avg_over_time((sum(%s) * %d)[1d:5m])' % [hourly, k.hoursPerMonth], legend='per month (mean of the day)')])
    + g.panel.withMinInterval('1d')
    + g.panel.withTimeFrom(planHistory)
    + g.panel.withOptions({
      horizon: planHorizon,
      capacitySource: 'fixed',
      capacity: k.monthlyBudget,
      growthPercentPerYear: plan.growthPercentPerYear,
    })
    + g.panel.withUnit(unit)
    + g.panel.withDecimals(2),
    g.panel.timeseries('Cost projection', description='Monthly and yearly projection per pricing model, from the Headroom cost data source.', unit=unit, fill=0)
    + g.panel.withTargets([g.target.cost('projection')])
    + g.panel.withDecimals(2)
    + c.colors(['pricing']),
    g.panel.table('Reserved and spot savings', description='On-demand against 1- and 3-year reserved and the spot mix for the current fleet, from the Headroom cost data source.')
    + g.panel.withTargets([g.target.cost('savings')])
    + g.panel.size(24, 8),
  ],

  dashboards:: {
    [c.uid('cost') + '.json']: c.dashboard(
      'cost',
      'Cost',
      'What the fleet costs, where the money goes, what one request costs, where spend is heading and what reserved or spot capacity would save.',
      [
        c.vars.datasource,
        c.vars.costDatasource,
        c.vars.cluster('node_total_hourly_cost', cfg.selectors.node),
      ],
      panels,
    ),
  },
}
