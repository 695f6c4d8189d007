// The rules pack's replication lag warnings with a short `for` (15s instead of 5m), for the
// incidents itest (stack/datatier/incidents.itest.ts): the replication recording rules and the
// warning tiers of HeadroomPostgresReplicationLag and HeadroomMySQLReplicationLag (over 1 s), in
// rule groups named after the check. The critical tiers (2m) fire on the stack itself within the
// incidents; a Prometheus of the test's own loads these (never the stack's, whose warnings keep 5m).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-replication',
    replication+: { warningFor: '15s' },
  },
};
local warningOrRecord(r) = std.objectHas(r, 'record') || r.labels.severity == 'warning';
{
  groups: [
    grp { rules: [r for r in grp.rules if warningOrRecord(r)] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-replication-replication' || grp.name == 'headroom-itest-replication-replication-alerts'
  ],
}
