// The rules pack's scaling alerts with short windows, for the live scaling alerts itest
// (stack/live/alerts.itest.ts): only the HPA recording rules they read and these alerts, in rule
// groups named after the check. A Prometheus of the test's own loads them (never the stack's, whose
// alerts keep the pack's windows). The lengths, and why:
// - HeadroomHPAAtMaxReplicas, for 30s (15m in the pack).
// - HeadroomHPAScaleUpStalled, for 30s (10m): desired is above current only when the HPA's write
//   does not hold (stack/hpa.ts reports the stabilised count, equal to current while a scale-up
//   waits out its window, as Kubernetes does).
// - HeadroomHPAReplicasMismatch, for 15s with current unchanged for 45s (5m and 15m): the same
//   expression, on the short history of a test.
// The other scaling alerts keep out (the conditions never go false on the live stack; Flapping
// counts changes over 30 minutes).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-live-scaling',
    hpa+: { atMaxFor: '30s', scaleUpStalledFor: '30s', mismatchFor: '15s', mismatchUnchanged: '45s' },
  },
};
local keep = ['HeadroomHPAAtMaxReplicas', 'HeadroomHPAScaleUpStalled', 'HeadroomHPAReplicasMismatch'];
local name(r) = if std.objectHas(r, 'record') then r.record else r.alert;
{
  groups: [
    if grp.name == 'headroom-itest-live-scaling-hpa' then grp
    else grp { rules: [r for r in grp.rules if std.member(keep, name(r))] }
    for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups
    if grp.name == 'headroom-itest-live-scaling-hpa' || grp.name == 'headroom-itest-live-scaling-scaling-alerts'
  ],
}
