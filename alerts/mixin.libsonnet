// Headroom rules pack, in the monitoring-mixin shape:
//   prometheusRules  -> recording rules  (rendered to prometheus_rules.yaml)
//   prometheusAlerts -> alerting rules   (rendered to prometheus_alerts.yaml)
// Tune everything through _config (config.libsonnet), e.g.
//   (import 'mixin.libsonnet') + { _config+:: { replication+: { lagCriticalSeconds: 30 } } }
local base =
  (import 'config.libsonnet')
  + (import 'lib/slo.libsonnet')
  + (import 'lib/slo_specs.libsonnet')
  + (import 'lib/replication.libsonnet')
  + (import 'lib/cache.libsonnet')
  + (import 'lib/saturation.libsonnet')
  + (import 'lib/redis.libsonnet')
  + (import 'lib/pool.libsonnet')
  + (import 'lib/scaling.libsonnet')
  + (import 'lib/forecast.libsonnet')
  + (import 'lib/budget.libsonnet')
  + (import 'lib/meta.libsonnet');

base {
  local withRunbook(rule) = rule {
    annotations+: {
      runbook_url: $._config.runbookURLPattern % rule.alert,
    },
  },
  local nonEmpty(groups) = std.filter(function(g) std.length(g.rules) > 0, groups),

  local ruleGroups = super.prometheusRules.groups,
  local alertGroups = super.prometheusAlerts.groups,

  prometheusRules:: {
    groups: nonEmpty(ruleGroups),
  },
  prometheusAlerts:: {
    groups: nonEmpty([
      g { rules: [withRunbook(r) for r in g.rules] }
      for g in alertGroups
    ]),
  },
}
