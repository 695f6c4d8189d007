// Entry point for render.sh: one object per output file (render.mjs writes them as YAML).
local alertmanager = import 'alertmanager.jsonnet';
local mixin = import 'mixin.libsonnet';

{
  'prometheus_rules.yaml': mixin.prometheusRules,
  'prometheus_alerts.yaml': mixin.prometheusAlerts,
  'alertmanager.yml': alertmanager(),
}
