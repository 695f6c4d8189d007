// Dashboards: the top-level JSON model Grafana stores and provisions.
//
//   dashboard.new('Headroom / Cost', 'headroom-cost', tags=['headroom'])
//   + dashboard.withVariables([...])
//   + dashboard.withLinks([...])
//   + dashboard.withPanels([...])     // laid out by grid.layout
local grid = import 'grid.libsonnet';
local target = import 'target.libsonnet';

{
  // Schema version written into the JSON; Grafana migrates older ones on load.
  schemaVersion:: 39,

  new(title, uid, tags=[], description='', from='now-6h', refresh='1m', timezone='utc', graphTooltip=1, editable=true)::
    assert std.length(uid) > 0 && std.length(uid) <= 40 : 'dashboard %s: uid must have 1 to 40 characters' % title;
    {
      title: title,
      uid: uid,
      tags: tags,
      description: description,
      schemaVersion: $.schemaVersion,
      version: 1,
      editable: editable,
      // 0 = tooltips per panel, 1 = shared crosshair, 2 = shared tooltip.
      graphTooltip: graphTooltip,
      timezone: timezone,
      refresh: refresh,
      time: { from: from, to: 'now' },
      timepicker: {},
      fiscalYearStartMonth: 0,
      liveNow: false,
      weekStart: '',
      annotations: {
        list: [{
          builtIn: 1,
          datasource: target.datasource.grafana,
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        }],
      },
      templating: { list: [] },
      links: [],
      panels: [],
    },

  withVariables(variables):: { templating+: { list+: variables } },
  withLinks(links):: { links+: links },
  // Replaces the panels with `panels` laid out on the grid (ids 1..n in order).
  withPanels(panels):: { panels: grid.layout(panels) },
}
