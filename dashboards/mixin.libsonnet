// Headroom monitoring mixin: the rules pack (alerts/) plus the dashboards, on one `_config`.
//
//   prometheusRules, prometheusAlerts  -> alerts/ (rendered by alerts/render.sh)
//   grafanaDashboards                  -> dashboards/out/<uid>.json (rendered by render.sh)
//
// Tune both through `_config` (alerts/config.libsonnet, plus dashboards/config.libsonnet for
// dashboard-only settings), e.g.
//   (import 'mixin.libsonnet') + { _config+:: { cache+: { hitRatioFloor: 0.85 } } }
// moves the cache alert and the line drawn on the cache panel together.
(import '../alerts/mixin.libsonnet')
+ (import 'config.libsonnet')
+ {
  grafanaDashboards+::
    // Bound once per evaluation: it reads the whole rules pack to check the names it uses.
    local c = (import 'boards/common.libsonnet')($);
    local boards =
      (import 'boards/slo.libsonnet')(c).dashboards
      + (import 'boards/scaling.libsonnet')(c).dashboards
      + (import 'boards/cost.libsonnet')(c).dashboards
      + (import 'boards/datatier.libsonnet')(c).dashboards
      + (import 'boards/slo_specs.libsonnet')(c).dashboards;
    boards + (import 'boards/overview.libsonnet')(c, std.objectFields(boards)).dashboards,
}
