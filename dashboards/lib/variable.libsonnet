// Template variables (dashboard.templating.list).
//
// Query variables default to "All" (allValue '.*'), so queries filter with `label=~"$var"`
// and a missing label still matches.
local target = import 'target.libsonnet';

{
  // A data source picker limited to one plugin type; `current` preselects a data source by
  // name (Grafana falls back to the default data source of that type when it does not exist).
  datasource(name, pluginId, label='', current='', hide=false, regex=''):: {
    type: 'datasource',
    name: name,
    label: if label == '' then name else label,
    query: pluginId,
    regex: regex,
    refresh: 1,
    hide: if hide then 2 else 0,
    multi: false,
    includeAll: false,
    options: [],
    current: if current == '' then {} else { selected: true, text: current, value: current },
  },

  // A variable filled by a data source query, e.g.
  //   query('service', 'label_values(http_requests_total{namespace=~"$namespace"}, service)')
  // refresh: 1 = on dashboard load, 2 = on time range change. sort: 1 = alphabetical.
  query(name, query, label='', datasource=target.datasource.prometheus(), multi=true, includeAll=true, allValue='.*', refresh=2, sort=1, hide=false, regex=''):: {
    type: 'query',
    name: name,
    label: if label == '' then name else label,
    datasource: datasource,
    query: { query: query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    definition: query,
    refresh: refresh,
    sort: sort,
    regex: regex,
    hide: if hide then 2 else 0,
    multi: multi,
    includeAll: includeAll,
    [if includeAll then 'allValue']: allValue,
    options: [],
    current: if includeAll then { selected: true, text: ['All'], value: ['$__all'] } else {},
  },

  // A fixed list of values; the first one is selected.
  custom(name, values, label='', multi=false, includeAll=false, hide=false)::
    assert std.length(values) > 0 : 'variable.custom %s: no values' % name;
    local opt(v, selected) = { selected: selected, text: v, value: v };
    {
      type: 'custom',
      name: name,
      label: if label == '' then name else label,
      query: std.join(',', values),
      hide: if hide then 2 else 0,
      multi: multi,
      includeAll: includeAll,
      options: [opt(values[i], i == 0) for i in std.range(0, std.length(values) - 1)],
      current: opt(values[0], true),
    },

  // A hidden constant, e.g. a threshold that queries reuse.
  constant(name, value):: {
    type: 'constant',
    name: name,
    label: name,
    query: value,
    hide: 2,
    options: [{ selected: true, text: value, value: value }],
    current: { selected: true, text: value, value: value },
  },
}
