// Autoscaling (kube-state-metrics HPA series) and capacity forecast.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local h = c.hpa,
  local cl = c.clusterLabel,
  local by = u.by(cl, ['namespace', 'horizontalpodautoscaler']),
  local podBy = u.by(cl, ['namespace', 'service']),
  local hpaSel = u.sel([c.selectors.hpa]),
  local podSel = u.sel([c.selectors.pod]),
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

  local podRules = [
    {
      record: 'namespace_service:headroom_pods:count',
      expr: 'count by (' + podBy + ') (headroom_pod_cpu_utilization_ratio{' + podSel + '})\n',
    },
  ] + std.flattenArrays([
    [
      {
        record: 'namespace_service:headroom_pod_' + r + '_utilization_ratio:avg',
        expr: 'avg by (' + podBy + ') (headroom_pod_' + r + '_utilization_ratio{' + podSel + '})\n',
      },
      {
        record: 'namespace_service:headroom_pod_' + r + '_utilization_ratio:max',
        expr: 'max by (' + podBy + ') (headroom_pod_' + r + '_utilization_ratio{' + podSel + '})\n',
      },
    ]
    for r in ['cpu', 'memory']
  ]),

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
      expr: u.fmt(|||
        %(desired)s != %(current)s
      |||, { desired: rec('status_desired_replicas'), current: rec('status_current_replicas') }),
      'for': h.mismatchFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.hpa },
      annotations: {
        summary: 'HPA has not reached its desired replica count.',
        description: hpaWhere + ' wants {{ $value }} replicas but the current count has differed for ' + h.mismatchFor + ': scaling does not take effect (quota, scheduling, image pulls or a stuck rollout).',
      },
    },
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
