// Data source references and query targets.
//
// Dashboards never name a data source uid: every reference points at a dashboard variable
// (`${datasource}`, `${costDatasource}`), so the dashboards work in any Grafana whatever its
// data sources are called. Panels take the data source of their targets (panel.withTargets).
{
  datasource:: {
    // Reference to the data source chosen in a data source variable of the given plugin type.
    // (Concatenation, not `%`: std.format is slow in the C++ interpreter and this is per target.)
    fromVariable(type, variable):: { type: type, uid: '${' + variable + '}' },

    prometheus(variable='datasource'):: self.fromVariable('prometheus', variable),
    cost(variable='costDatasource'):: self.fromVariable('headroom-cost-datasource', variable),

    // Grafana's own pseudo data sources (these fixed uids are Grafana's, not an instance's).
    mixed:: { type: 'datasource', uid: '-- Mixed --' },
    grafana:: { type: 'grafana', uid: '-- Grafana --' },
  },

  // A PromQL query.
  //   legend:   legendFormat ('{{service}}'); '' lets Grafana name series by their labels
  //   instant:  one value per series at the end of the range (stat, table) instead of a range
  //   format:   'time_series', 'table' or 'heatmap' (Grafana turns cumulative buckets into bins)
  //   interval: minimum step ('' = Grafana's default from the panel width)
  prometheus(expr, legend='', instant=false, format='time_series', interval='', datasource=self.datasource.prometheus())::
    {
      datasource: datasource,
      expr: expr,
      legendFormat: legend,
      instant: instant,
      range: !instant,
      format: format,
      interval: interval,
      editorMode: 'code',
    },

  // A query of the Headroom cost data source. queryType is one of 'cost', 'costPerRequest',
  // 'projection', 'savings', 'rightSizing' (datasources/cost/types.ts); `params` adds any other
  // field of its query model.
  cost(queryType, params={}, datasource=self.datasource.cost())::
    assert std.member(['cost', 'costPerRequest', 'projection', 'savings', 'rightSizing'], queryType)
           : 'target.cost: unknown queryType %s' % queryType;
    { datasource: datasource, queryType: queryType } + params,

  // refId for the i-th target (0-based): A .. Z, then AA, AB, ...
  refId(i)::
    if i < 26 then std.char(65 + i) else self.refId(std.floor(i / 26) - 1) + std.char(65 + i % 26),
}
