// Autoscaling (kube-state-metrics HPA series) and capacity forecast.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local h = c.hpa,
  local cl = c.clusterLabel,
  local by = u.by(cl, ['namespace', 'horizontalpodautoscaler']),
  local hpaSel = u.sel([c.selectors.hpa]),
  local level = 'namespace_horizontalpodautoscaler',
  local m(kind) = 'kube_horizontalpodautoscaler_' + kind,
  local rec(kind) = level + ':' + m(kind) + ':max',
  local kinds = ['status_current_replicas', 'status_desired_replicas', 'spec_min_replicas', 'spec_max_replicas'],
  local hpaWhere = 'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} (cluster {{ $labels.' + cl + ' }})',

  // max by (...) folds duplicate kube-state-metrics replicas into one series per HPA.
  local hpaRules = [
    {
      record: rec(kind),
      expr: 'max by (' + by + ') (' + m(kind) + '{' + hpaSel + '})\n',
    }
    for kind in kinds
  ],

  // Pods and their workload, as kubernetes-mixin maps them: a pod's ReplicaSet (kube_pod_owner),
  // that ReplicaSet's Deployment (kube_replicaset_owner). This rule is the one place that names
  // the workload `service` too (label_replace), so that the utilisation joins the SLO side
  // (http_requests_total{service=...}). Its own name, so that it sits beside kubernetes-mixin's
  // namespace_workload_pod:kube_pod_owner:relabel without doubling that rule's matches.
  local ksm = c.selectors.kubeStateMetrics,
  local podOn = u.by(cl, ['namespace', 'pod']),
  local wlBy = u.by(cl, ['namespace', 'workload', 'service']),
  local owner = 'namespace_service_pod:kube_pod_owner:relabel',
  local ofWorkload(perPod) = '(' + perPod + ')\n    * on (' + podOn + ') group_left (workload, service) ' + owner,
  local perPod(expr) = 'sum by (' + podOn + ') (' + expr + ')',
  local cpuUsed = perPod('rate(container_cpu_usage_seconds_total{' + u.sel([c.selectors.cadvisor, 'container!=""', 'image!=""']) + '}[' + c.pods.cpuRateWindow + '])'),
  local memUsed = perPod('container_memory_working_set_bytes{' + u.sel([c.selectors.cadvisor, 'container!=""', 'image!=""']) + '}'),
  local requested(resource) = perPod('kube_pod_container_resource_requests{' + u.sel([ksm, 'resource="' + resource + '"']) + '}'),
  local memLimit = perPod('kube_pod_container_resource_limits{' + u.sel([ksm, 'resource="memory"']) + '}'),
  // Of the workload's pods that report usage: usage / requests summed (the HPA's average), and the
  // busiest pod's; a pod without a request is left out (no ratio).
  local ratioRules(name, used, resource) = [
    {
      record: 'namespace_service:' + name + '_ratio_requests:avg',
      expr: u.fmt(|||
        sum by (%(by)s) (
          %(used)s
        )
        /
        sum by (%(by)s) (
          %(req)s
        )
      |||, { by: wlBy, used: ofWorkload(used), req: ofWorkload(requested(resource) + ' > 0 and on (' + podOn + ') ' + used) }),
    },
    {
      record: 'namespace_service:' + name + '_ratio_requests:max',
      expr: u.fmt(|||
        max by (%(by)s) (
          %(ratio)s
        )
      |||, { by: wlBy, ratio: ofWorkload(used + ' / (' + requested(resource) + ' > 0)') }),
    },
  ],

  local podRules = [
    {
      record: owner,
      expr: u.fmt(|||
        max by (%(podOn)s, workload, service) (
          label_replace(
            label_replace(
              label_replace(kube_pod_owner{%(podSel)s}, "replicaset", "$1", "owner_name", "(.*)")
              * on (%(rsOn)s) group_left (owner_name)
              max by (%(rsOn)s, owner_name) (kube_replicaset_owner{%(rsSel)s}),
              "workload", "$1", "owner_name", "(.*)"
            ),
            "service", "$1", "workload", "(.*)"
          )
        )
      |||, {
        podOn: podOn,
        rsOn: u.by(cl, ['namespace', 'replicaset']),
        podSel: u.sel([ksm, 'owner_kind="ReplicaSet"']),
        rsSel: u.sel([ksm, 'owner_kind="Deployment"']),
      }),
      labels: { workload_type: 'deployment' },
    },
    {
      record: 'namespace_service:kube_pod_owner:count',
      expr: 'count by (' + wlBy + ') (' + owner + ')\n',
    },
  ] + ratioRules('container_cpu_usage', cpuUsed, 'cpu') + ratioRules('container_memory_working_set', memUsed, 'memory') + [
    {
      // The memory target: the limit, on the scale of the requests (where the working set of the
      // pods is killed on average).
      record: 'namespace_service:kube_pod_container_resource_limits_memory:ratio_requests',
      expr: u.fmt(|||
        sum by (%(by)s) (
          %(limit)s
        )
        /
        sum by (%(by)s) (
          %(req)s
        )
      |||, { by: wlBy, limit: ofWorkload(memLimit), req: ofWorkload(requested('memory') + ' and on (' + podOn + ') ' + memLimit) }),
    },
  ],

  local hpaAlerts = [
    {
      alert: 'HeadroomHPAAtMaxReplicas',
      // An HPA pinned by min == max is at its maximum on purpose.
      expr: u.fmt(|||
        %(current)s >= %(max)s
        and
        (%(max)s > %(min)s)
      |||, { current: rec('status_current_replicas'), max: rec('spec_max_replicas'), min: rec('spec_min_replicas') }),
      'for': h.atMaxFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: 'HPA has been running at its maximum replicas; demand above it is not served.',
        description: hpaWhere + ' has run at its maximum of {{ $value }} replicas for ' + h.atMaxFor + ': it cannot scale further, so load above this ceiling raises latency and errors. Raise maxReplicas or add capacity.',
      },
    },
    {
      alert: 'HeadroomHPAReplicasMismatch',
      // kubernetes-mixin's guards: not at min or max (where the count is held on purpose), and
      // the current count unchanged (not on its way). A scale-up that does not happen is
      // HeadroomHPAScaleUpStalled's (one ticket per incident).
      expr: u.fmt(|||
        (%(desired)s != %(current)s)
        and
        (%(current)s > %(min)s)
        and
        (%(current)s < %(max)s)
        and on (%(by)s)
        (max by (%(by)s) (changes(%(raw)s{%(sel)s}[%(w)s])) == 0)
        unless on (%(by)s)
        (%(desired)s > %(current)s)
      |||, { desired: rec('status_desired_replicas'), current: rec('status_current_replicas'), min: rec('spec_min_replicas'), max: rec('spec_max_replicas'), by: by, raw: m('status_current_replicas'), sel: hpaSel, w: h.mismatchUnchanged }),
      'for': h.mismatchFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: 'HPA has not reached its desired replica count.',
        description: hpaWhere + ' wants {{ $value }} replicas but the current count, between its minimum and maximum, has stayed unchanged for ' + h.mismatchUnchanged + ": scaling down does not take effect (something else writes the target's spec.replicas back: a manifest with replicas re-applied by GitOps or a deploy, an operator that owns the count).",
      },
    },
    {
      alert: 'HeadroomHPAScaleUpStalled',
      // desired is clamped to the maximum, so it is never above a current count at the maximum.
      expr: u.fmt(|||
        %(desired)s > %(current)s
      |||, { desired: rec('status_desired_replicas'), current: rec('status_current_replicas') }),
      'for': h.scaleUpStalledFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: 'HPA decided to scale up and the workload has not followed.',
        description: hpaWhere + ' has wanted {{ $value }} replicas, more than it runs, for ' + h.scaleUpStalledFor + ": its scale-ups do not hold. The HPA reads its current count from the target's spec.replicas, so something writes that back (a manifest with replicas re-applied by GitOps or a deploy, an operator), and the load stays on too few pods.",
      },
    },
  ] + [
    {
      alert: a.alert,
      // A target scaled to zero has ScalingActive false on purpose (ScalingDisabled).
      expr: u.fmt(|||
        max by (%(by)s) (kube_horizontalpodautoscaler_status_condition{%(sel)s}) == 1
        unless on (%(by)s)
        %(current)s == 0
      |||, { by: by, sel: u.sel([hpaSel, 'condition="' + a.condition + '"', 'status="false"']), current: rec('status_current_replicas') }),
      'for': h.conditionFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: a.summary,
        description: hpaWhere + ' has had its ' + a.condition + ' condition false for ' + h.conditionFor + ': ' + a.why,
      },
    }
    for a in [
      {
        alert: 'HeadroomHPAScalingInactive',
        condition: 'ScalingActive',
        summary: 'HPA cannot compute a replica count: it does not scale.',
        why: 'it cannot read its metric (metrics-server or the metrics adapter down, pods without requests), so the replica count is frozen whatever the load.',
      },
      {
        alert: 'HeadroomHPAUnableToScale',
        condition: 'AbleToScale',
        summary: 'HPA cannot read or change the scale of its target.',
        why: 'it cannot get or update the scale of its target (the target missing or renamed, RBAC), so no scaling decision takes effect.',
      },
    ]
  ] + [
    {
      alert: 'HeadroomHPAFlapping',
      expr: u.fmt(|||
        max by (%(by)s) (changes(%(current)s{%(sel)s}[%(w)s])) > %(n)s
      |||, { by: by, current: m('status_current_replicas'), sel: hpaSel, w: h.flappingWindow, n: h.flappingChanges }),
      'for': h.flappingFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: 'HPA replica count is flapping.',
        description: hpaWhere + ' changed its replica count {{ $value }} times within ' + h.flappingWindow + ' (more than ' + h.flappingChanges + '): scale-up and scale-down fight each other. Widen the scale-down stabilization window or the target tolerance.',
      },
    },
  ],

  local capacityAlerts = [
    {
      alert: 'HeadroomCapacityExhaustionForecast',
      // Linear trend of the replica count over `lookback`, projected `horizonDays` ahead; only
      // for HPAs with that much history and not already at their maximum. The fallback: silent
      // for an HPA that `headroom forecast serve` forecasts (lib/forecast.libsonnet).
      expr: u.fmt(|||
        max by (%(by)s) (predict_linear(%(current)s{%(sel)s}[%(lb)s], %(secs)s))
        >= on (%(by)s)
        max by (%(by)s) (%(max)s{%(sel)s})
        and on (%(by)s)
        (max by (%(by)s) (%(current)s{%(sel)s}) < on (%(by)s) max by (%(by)s) (%(max)s{%(sel)s}))
        and on (%(by)s)
        max by (%(by)s) (%(current)s{%(sel)s} offset %(lb)s)
        unless on (%(fby)s)
        headroom_forecast_exhaustion_probability{%(fsel)s}
      |||, {
        fby: u.by(cl, c.forecast.fallbackLabels),
        fsel: u.sel([c.forecast.selector, 'window="14d"']),
        by: by,
        current: m('status_current_replicas'),
        max: m('spec_max_replicas'),
        sel: hpaSel,
        lb: c.capacity.lookback,
        secs: c.capacity.horizonDays * 86400,
      }),
      'for': c.capacity['for'],
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.capacity },
      annotations: {
        summary: 'HPA will reach its maximum replicas within ' + c.capacity.horizonDays + ' days at the current trend.',
        description: '%s grows its replica count so that, on the trend of the last %s, it needs {{ printf "%%.1f" $value }} replicas within %s days, at or above its maximum: plan capacity or raise the limit before then.' % [hpaWhere, c.capacity.lookback, c.capacity.horizonDays],
      },
    },
  ],

  prometheusRules+:: {
    groups+: (if c.families.hpa then [{ name: c.groupPrefix + '-hpa', rules: hpaRules }] else [])
             + [{ name: c.groupPrefix + '-pods', rules: podRules }],
  },

  prometheusAlerts+:: {
    groups+: [
      {
        name: c.groupPrefix + '-scaling-alerts',
        rules: (if c.families.hpa then hpaAlerts else []) + (if c.families.capacity then capacityAlerts else []),
      },
    ],
  },
}
