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

  // Each container's share of its node's hourly cost (cpu and memory requests over allocatable,
  // weighted), and the rest of each node's cost: idle.
  local ksmSel = c.sel([c.m.cluster]),
  local shareOf(by) =
    'sum by (%(by)s) (\n  (\n    %(cw)s * kube_pod_container_resource_requests{%(sel)s}\n    / on (%(on)s) group_left () kube_node_status_allocatable{%(sel)s}\n    or\n    %(mw)s * kube_pod_container_resource_requests{%(msel)s}\n    / on (%(on)s) group_left () kube_node_status_allocatable{%(msel)s}\n  )\n  * on (%(node)s) group_left () %(hourly)s\n)' % {
      by: by,
      cw: c.num(k.allocationCpuWeight),
      mw: c.num(1 - k.allocationCpuWeight),
      sel: c.sel([c.m.cluster, 'resource="cpu"']),
      msel: c.sel([c.m.cluster, 'resource="memory"']),
      on: c.sel([cfg.clusterLabel, 'node', 'resource']),
      node: c.sel([cfg.clusterLabel, 'node']),
      hourly: hourly,
    },
  local allocated = shareOf(k.allocationLabel),

  // The bill beyond nodes (the cost data source, core/cost/beyondNodes.ts): the nodes priced with
  // the price book, plus database storage, block storage and egress from the exporters' series.
  local bill(groupBy, per='hour') = g.target.cost('cost', { groupBy: groupBy, beyondNodes: true } + (if per == 'month' then { per: 'month' } else {})),
  local billSources = 'database storage (postgres_exporter pg_database_size_bytes, per GB-month), block storage (node_exporter node_filesystem_size_bytes, per GB-month) and egress (node_exporter node_network_transmit_bytes_total, per GB sent)',

  // Budgets per group (_config.budgets): the rules pack records each group's hourly node cost and
  // its monthly budget, the very series the cost alerts compare.
  local b = cfg.budgets,
  local budgetSel = c.sel([c.m.cluster]),
  local budgetGroups = std.join(', ', ['%s $%s' % [grp, c.num(b.monthly[grp])] for grp in std.objectFields(b.monthly)]),
  local idle = 'sum(%s)\n-\nsum(\n  %s\n)' % [hourly, std.strReplace(shareOf(cfg.clusterLabel), '\n', '\n  ')],

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

    g.panel.row('The bill'),
    g.panel.stat('Monthly bill by kind', description='The bill now x %d hours a month, by component: the nodes (kube_node_labels priced with the price book) plus %s, from the Headroom cost data source.' % [k.hoursPerMonth, billSources], unit=unit, graph=false)
    + g.panel.withTargets([bill('component', 'month'), bill('total', 'month')])
    + g.panel.withDecimals(2)
    + g.panel.withThresholds([['text', null]])
    + c.colors(['components'])
    + g.panel.size(24, 4),
    g.panel.timeseries('Hourly bill by component', description='Money per hour of the nodes plus %s (x %d h for a month), from the Headroom cost data source.' % [billSources, k.hoursPerMonth], unit=unit, fill=30, stack=true)
    + g.panel.withTargets([bill('component')])
    + g.panel.withDecimals(2)
    + c.colors(['components']),
    g.panel.timeseries('Monthly run rate by budget group', description="Each budget group's node cost (node_total_hourly_cost by the kube_node_labels label %s) x %d h, against its monthly budget (dashed): %s. The lines the cost alerts fire on (HeadroomCostRunRateOverBudget)." % [b.groupLabel, k.hoursPerMonth, budgetGroups], unit=unit, fill=0)
    + g.panel.withTargets([
      g.target.prometheus('%d * %s{%s}' % [k.hoursPerMonth, c.rec('budget_group:node_total_hourly_cost:sum'), budgetSel], legend='{{budget_group}}'),
      g.target.prometheus('max by (budget_group) (%s{%s})' % [c.rec('budget_group:cost_budget:monthly'), budgetSel], legend='budget {{budget_group}}'),
    ])
    + g.panel.withOverride('^budget ', { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } }, matcher='byRegexp')
    + g.panel.withDecimals(2)
    + c.colors(['components'])
    + g.panel.withLinks(c.runbooks(['HeadroomCostRunRateOverBudget'])),

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

    g.panel.timeseries('Hourly cost by %s (requested share)' % k.allocationLabel, description="Each node's node_total_hourly_cost shared out to its containers by their requests (kube_pod_container_resource_requests over kube_node_status_allocatable: %s CPU, %s memory), as OpenCost does; idle is what the requests leave. x %d h for a month." % [c.num(k.allocationCpuWeight), c.num(1 - k.allocationCpuWeight), k.hoursPerMonth], unit=unit, fill=30, stack=true)
    + g.panel.withTargets([
      g.target.prometheus(allocated, legend='{{%s}}' % k.allocationLabel),
      g.target.prometheus(idle, legend='idle'),
    ])
    + g.panel.withDecimals(2),
    g.panel.stat('Idle cost per month', description="Node cost no request claims (node_total_hourly_cost less each container's requested share), now, x %d hours." % k.hoursPerMonth, unit=unit, graph=false)
    + g.panel.withTargets([g.target.prometheus('(\n%s\n) * %d' % [idle, k.hoursPerMonth], legend='idle per month', instant=true)])
    + g.panel.withDecimals(2)
    + g.panel.withThresholds([['text', null]]),
    g.panel.table('Right-sizing', description="The %s nodes' CPU utilisation (95th percentile over the range) against a %s %% target: the smallest size of the family that fits and the monthly saving (%d h), from the Headroom cost data source." % [k.rightSizing.instanceType, c.num(k.rightSizing.targetUtilization * 100), k.hoursPerMonth])
    + g.panel.withTargets([g.target.cost('rightSizing', {
      cpuQuery: k.rightSizing.cpuQuery,
      rightSizingType: k.rightSizing.instanceType,
      targetUtilization: k.rightSizing.targetUtilization,
    })]),

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
