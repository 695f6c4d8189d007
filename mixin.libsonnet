// Headroom's monitoring mixin, one entry at its root as kubernetes-mixin has: the rules pack
// (prometheusRules, prometheusAlerts from alerts/), the dashboards (grafanaDashboards from
// dashboards/) and the one `_config` both read (alerts/config.libsonnet, plus
// dashboards/config.libsonnet for dashboard-only settings). E.g.
//   (import 'mixin.libsonnet') + { _config+:: { cache+: { hitRatioFloor: 0.85 } } }
// moves the cache alert and the line drawn on the cache panel together.
import 'dashboards/mixin.libsonnet'
