// The rules pack's run-rate budget alert with one deliberately low budget, for the live check
// alerts/tests/low-budget.itest.ts: budget groups by instance type (so its series never meet the
// pack's component groups), $10 a month for the t3.large nodes (the demo runs 5 to 12 of them at
// $60.74 a month each), 30 s instead of an hour before it fires. Only the two recording rules the
// alert reads and the alert itself; the rule groups are named after the check.
local mixin = (import '../../mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-low-budget',
    budgets+: {
      groupLabel: 'label_node_kubernetes_io_instance_type',
      monthly: { 't3.large': 10 },
      runRateFor: '30s',
    },
  },
};
local keep = ['budget_group:node_total_hourly_cost:sum', 'budget_group:cost_budget:monthly', 'HeadroomCostRunRateOverBudget'];
local name(r) = if std.objectHas(r, 'record') then r.record else r.alert;
{
  groups: [
    grp { rules: [r for r in grp.rules if std.member(keep, name(r))] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-low-budget-cost' || grp.name == 'headroom-itest-low-budget-cost-alerts'
  ],
}
