// The rules pack's run-rate budget alert with a deliberately low budget, for the live check
// alerts/tests/low-budget.itest.ts: $10 a month for the compute group (the demo runs 5 to 12
// t3.large compute nodes at $60.74 a month each), 30 s instead of an hour before it fires. Only the
// two recording rules the alert reads and the alert itself, in rule groups named after the check;
// the check's own Prometheus loads them (never the stack's, whose budgets stay the pack's).
local mixin = (import '../../mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-low-budget',
    budgets+: {
      monthly: { compute: 10 },
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
