// The rules pack's connection pool alert with a short `for` (30s instead of 10m), for the live pool
// incident itest (stack/live/pool.itest.ts): only the pool's recording rule and
// HeadroomConnectionPoolHigh, in rule groups named after the check. A Prometheus of the test's own
// loads them (never the stack's, whose alert keeps the pack's 10m).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-pool',
    pool+: { usageFor: '30s' },
  },
};
{
  groups: [grp for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups if grp.name == 'headroom-itest-pool-pool' || grp.name == 'headroom-itest-pool-pool-alerts'],
}
