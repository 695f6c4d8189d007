// The rules pack's HeadroomHPAAtMaxReplicas with a short `for` (30s instead of 15m), for the live
// scaling alerts itest (stack/live/alerts.itest.ts): only the HPA recording rules it reads and that
// alert, in rule groups named after the check. A Prometheus of the test's own loads them (never the
// stack's, whose alert keeps the pack's 15m). The other scaling alerts keep out: with a short `for`
// HeadroomHPAScaleUpStalled would fire on every scale-up's wait (desired above current for upAfter).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-live-scaling',
    hpa+: { atMaxFor: '30s' },
  },
};
local keep = ['HeadroomHPAAtMaxReplicas'];
local name(r) = if std.objectHas(r, 'record') then r.record else r.alert;
{
  groups: [
    if grp.name == 'headroom-itest-live-scaling-hpa' then grp
    else grp { rules: [r for r in grp.rules if std.member(keep, name(r))] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-live-scaling-hpa' || grp.name == 'headroom-itest-live-scaling-scaling-alerts'
  ],
}
