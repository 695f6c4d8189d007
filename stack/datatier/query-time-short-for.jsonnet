// The rules pack's MariaDB/MySQL query time alert with a short `for` (1m instead of 15m), for the
// incidents itest (stack/datatier/incidents.itest.ts): only the percentile's recording rule and
// HeadroomDatabaseQueryTimeHigh, in rule groups named after the check. A Prometheus of the test's
// own loads them (never the stack's, whose alert keeps the pack's 15m).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-query-time',
    saturation+: { queryTimeFor: '1m' },
  },
};
local keep = ['instance:mysql_info_schema_query_response_time_seconds:p95_rate5m', 'HeadroomDatabaseQueryTimeHigh'];
local name(r) = if std.objectHas(r, 'record') then r.record else r.alert;
{
  groups: [
    grp { rules: [r for r in grp.rules if std.member(keep, name(r))] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-query-time-saturation' || grp.name == 'headroom-itest-query-time-saturation-alerts'
  ],
}
