// Entry point for render.sh: one YAML document per output file.
local alertmanager = import 'alertmanager.jsonnet';
local mixin = import 'mixin.libsonnet';
local yaml(x) = std.manifestYamlDoc(x, indent_array_in_object=true, quote_keys=false);

{
  'prometheus_rules.yaml': yaml(mixin.prometheusRules),
  'prometheus_alerts.yaml': yaml(mixin.prometheusAlerts),
  'alertmanager.yml': yaml(alertmanager()),
}
