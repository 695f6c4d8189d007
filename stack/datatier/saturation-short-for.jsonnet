// The rules pack's database saturation alerts with short `for`s, for the saturation itest
// (stack/datatier/saturation.itest.ts): HeadroomDatabaseConnectionsHigh (15s instead of 10m),
// HeadroomDatabaseQueriesHigh (15s instead of 15m, its rate over 30s instead of 5m, so that it ends
// within a minute of the load: the stack's own keeps 5m), HeadroomDatabaseDown (10s instead of 2m)
// and HeadroomDatabaseCPUHigh (15s instead of 30m, the host's busy share over 30s instead of 5m),
// with the recording rules they read, in rule groups named after the check. A Prometheus of the
// test's own loads them (never the stack's, whose alerts keep the pack's).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-saturation',
    saturation+: { window: '30s', connectionsFor: '15s', queriesFor: '15s', downFor: '10s', cpuFor: '15s' },
  },
};
local keep = ['instance:db_queries:rate30s', 'instance:db_connections:ratio', 'HeadroomDatabaseConnectionsHigh', 'HeadroomDatabaseQueriesHigh', 'HeadroomDatabaseDown', 'instance:database_host_cpu_utilisation:ratio_rate30s', 'HeadroomDatabaseCPUHigh'];
local name(r) = if std.objectHas(r, 'record') then r.record else r.alert;
{
  groups: [
    grp { rules: [r for r in grp.rules if std.member(keep, name(r))] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-saturation-saturation' || grp.name == 'headroom-itest-saturation-saturation-alerts'
  ],
}
