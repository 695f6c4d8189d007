// Entry point of render.sh: one dashboard per output file, named after its uid.
// The dashboards object is bound once: every field access of the mixin evaluates it anew.
local dashboards = (import 'mixin.libsonnet').grafanaDashboards;

{
  [name]: dashboards[name]
  for name in std.objectFields(dashboards)
}
