// Monthly cost budgets per team or service, and cost anomalies, on OpenCost's
// node_total_hourly_cost (a gauge: no counters, nothing to reset). Each node's hourly cost counts
// against the budget group named by its kube_node_labels label `_config.budgets.groupLabel`.
local u = import 'utils.libsonnet';
local hoursPerMonth = (import '../../core/cost/hours.json').perMonth;

{
  local c = $._config,
  local b = c.budgets,
  local a = b.anomaly,
  local cl = c.clusterLabel,
  local by = u.by(cl, ['budget_group']),

  // One clear message naming the field; jsonnet stops the render with it.
  local badBudgets = [g for g in std.objectFields(b.monthly) if !(std.isNumber(b.monthly[g]) && b.monthly[g] > 0 && b.monthly[g] <= 1e12)],
  assert std.isString(b.groupLabel) && std.length(b.groupLabel) > 0 : '_config.budgets.groupLabel must be a non-empty label name',
  assert std.isObject(b.monthly) : '_config.budgets.monthly must be an object: { group: monthly budget }',
  assert std.length(badBudgets) == 0 :
         '_config.budgets.monthly.' + std.join(', ', badBudgets) + ': a monthly budget is a number above 0 (at most 1e12)',
  assert std.isNumber(a.ratio) && a.ratio > 1 : '_config.budgets.anomaly.ratio must be a number above 1',
  assert std.isNumber(a.days) && a.days >= 1 && a.days == std.floor(a.days) : '_config.budgets.anomaly.days must be a whole number of days, at least 1',
  assert std.isNumber(a.minHistoryDays) && a.minHistoryDays >= 1 && a.minHistoryDays <= a.days : '_config.budgets.anomaly.minHistoryDays must be between 1 and anomaly.days',
  assert std.isNumber(a.minIncreaseMonthly) && a.minIncreaseMonthly >= 0 : '_config.budgets.anomaly.minIncreaseMonthly must be a number, at least 0',

  local rec = {
    hourly: 'budget_group:node_total_hourly_cost:sum',
    avg: 'budget_group:node_total_hourly_cost:avg' + a.window,
    monthToDate: 'budget_group:node_total_cost:month_to_date',
    baseline: 'budget_group:node_total_hourly_cost:avg%s_past%dd' % [a.window, a.days],
    baselineDays: 'budget_group:node_total_hourly_cost:avg%s_past%dd_days' % [a.window, a.days],
    budget: 'budget_group:cost_budget:monthly',
  },

  // The evaluation time inside a subquery: its steps see their own time, `@ end()` the rule's.
  local evalTime = 'max_over_time(vector(time())[1m:1m] @ end())',

  local p = {
    by: by,
    cl: cl,
    cost: 'node_total_hourly_cost{' + c.selectors.node + '}',
    labels: 'kube_node_labels{' + u.sel([c.selectors.node, b.groupLabel + '!=""']) + '}',
    group: b.groupLabel,
    hourly: rec.hourly,
    avg: rec.avg,
    mtd: rec.monthToDate,
    budget: rec.budget,
    now: evalTime,
    w: a.window,
    h: hoursPerMonth,
  },

  // The baseline's days, each as its own series (label baseline_day) so that a missing day is
  // left out of the average instead of dropping the whole sum.
  local pastDays = std.join('\nor\n', [
    'label_replace(%s offset %dd, "baseline_day", "%d", "", "")' % [rec.avg, d, d]
    for d in std.range(1, a.days)
  ]),

  local rules = [
    {
      // Hourly cost per budget group: each node's cost, joined to its group label.
      record: rec.hourly,
      expr: u.fmt(|||
        sum by (%(by)s) (
          %(cost)s
          * on (%(cl)s, node) group_left (budget_group)
          max by (%(cl)s, node, budget_group) (
            label_replace(%(labels)s, "budget_group", "$1", "%(group)s", "(.+)")
          )
        )
      |||, p),
    },
    {
      record: rec.avg,
      expr: 'avg_over_time(%s[%s])' % [rec.hourly, a.window],
    },
    {
      // The same hours of the past days: the average of the days that hold data.
      record: rec.baseline,
      expr: 'avg by (%s) (\n  %s\n)\n' % [by, std.strReplace(pastDays, '\n', '\n  ')],
    },
    {
      record: rec.baselineDays,
      expr: 'count by (%s) (\n  %s\n)\n' % [by, std.strReplace(pastDays, '\n', '\n  ')],
    },
    {
      // Spent so far this calendar month (UTC): one hourly step stands for one hour's cost, the
      // step at the current hour included (the hour under way). Hours without data count as
      // nothing: lost history lowers the figure, never raises it.
      record: rec.monthToDate,
      expr: u.fmt(|||
        sum_over_time(
          (
            %(hourly)s
            and on () (month() == scalar(month(%(now)s)))
            and on () (year() == scalar(year(%(now)s)))
          )[31d:1h]
        )
      |||, p),
    },
  ] + [
    {
      record: rec.budget,
      // The budget as a label too, so that the alerts can say it (group_left).
      labels: { budget_group: g, monthly_budget: u.num(b.monthly[g]) },
      expr: 'vector(%s)' % u.num(b.monthly[g]),
    }
    for g in std.objectFields(b.monthly)
  ],

  local labels = { severity: c.severities.ticket, [c.teamLabel]: c.teams.cost },
  local where = 'The {{ $labels.budget_group }} budget group (' + u.where(cl) + ')',
  local budgetText = '{{ $labels.monthly_budget }}',

  local alerts = [
    {
      alert: 'HeadroomCostRunRateOverBudget',
      expr: u.fmt(|||
        %(h)s * %(hourly)s
        > on (budget_group) group_left (monthly_budget)
        %(budget)s
      |||, p),
      'for': b.runRateFor,
      labels: labels,
      annotations: {
        summary: 'Monthly run rate of a budget group is over its budget.',
        description: where + ' costs {{ $value | humanize }} a month at its current hourly cost (%d h a month), above its monthly budget of %s for %s.' % [hoursPerMonth, budgetText, b.runRateFor],
      },
    },
    {
      alert: 'HeadroomCostForecastOverBudget',
      // Month-end forecast = spent so far + current hourly cost x the hours after the current
      // one; the budget is pro-rated from 730 hours to this month's (672 to 744).
      expr: u.fmt(|||
        (
          %(mtd)s
          + on (%(by)s)
          %(hourly)s * scalar(days_in_month() * 24 - (day_of_month() - 1) * 24 - hour() - 1)
        )
        > on (budget_group) group_left (monthly_budget)
        %(budget)s * scalar(days_in_month() * 24 / %(h)s)
      |||, p),
      'for': b.forecastFor,
      labels: labels,
      annotations: {
        summary: 'A budget group is forecast to end the month over its budget.',
        description: where + ' is forecast to spend {{ $value | humanize }} this calendar month (spent so far plus its current hourly cost for the hours left), above its monthly budget of %s pro-rated to the month, for %s.' % [budgetText, b.forecastFor],
      },
    },
    {
      alert: 'HeadroomCostAnomaly',
      expr: u.fmt(|||
        %(avg)s
        > on (%(by)s)
        %(ratio)s * %(baseline)s
        and on (%(by)s)
        (%(avg)s - on (%(by)s) %(baseline)s) * %(h)s >= %(minIncrease)s
        and on (%(by)s)
        %(days)s >= %(minDays)s
      |||, p {
        ratio: u.num(a.ratio),
        baseline: rec.baseline,
        days: rec.baselineDays,
        minIncrease: u.num(a.minIncreaseMonthly),
        minDays: a.minHistoryDays,
      }),
      'for': a['for'],
      labels: labels,
      annotations: {
        summary: 'Cost of a budget group is far above its usual level for these hours.',
        description: where + ' cost {{ $value | humanize }} an hour on average over the last %s, more than %s x its average over the same hours of the past %d days.' % [a.window, u.num(a.ratio), a.days],
      },
    },
  ],

  prometheusRules+:: {
    groups+: if !c.families.cost then [] else [
      { name: c.groupPrefix + '-cost', rules: rules },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !c.families.cost then [] else [
      { name: c.groupPrefix + '-cost-alerts', rules: alerts },
    ],
  },
}
