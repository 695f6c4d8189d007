// Tests of the dashboard library: `jsonnet dashboards/lib/lib_test.jsonnet` prints the names of
// the passed cases; a failing case stops with "Assertion failed" and both values.
local g = import 'g.libsonnet';

local p(w, h) = g.panel.timeseries('p') + g.panel.size(w, h);
local pos(panels) = [[q.gridPos.x, q.gridPos.y, q.gridPos.w, q.gridPos.h] for q in g.grid.layout(panels)];

// [name, actual, expected]
local cases = [
  [
    'grid: panels flow left to right and wrap below the tallest panel of the line',
    pos([p(12, 8), p(12, 6), p(8, 4), p(8, 4), p(8, 4), p(10, 3)]),
    [[0, 0, 12, 8], [12, 0, 12, 6], [0, 8, 8, 4], [8, 8, 8, 4], [16, 8, 8, 4], [0, 12, 10, 3]],
  ],
  [
    'grid: a row starts a new line, spans the width and is one unit high',
    pos([p(6, 5), g.panel.row('R'), p(24, 2), g.panel.row('S'), g.panel.row('T'), p(6, 2)]),
    [[0, 0, 6, 5], [0, 5, 24, 1], [0, 6, 24, 2], [0, 8, 24, 1], [0, 9, 24, 1], [0, 10, 6, 2]],
  ],
  [
    'grid: a first row sits at the top; default size is 12 x 8; too wide is clamped to 24',
    pos([g.panel.row('R'), g.panel.new('text', 't'), g.panel.new('text', 'u') + g.panel.size(30, 2)]),
    [[0, 0, 24, 1], [0, 1, 12, 8], [0, 9, 24, 2]],
  ],
  [
    'grid: ids are 1..n in order and other fields are kept',
    [[q.id, q.title] for q in g.grid.layout([g.panel.text('a', 'x'), g.panel.text('b', 'y')])],
    [[1, 'a'], [2, 'b']],
  ],
  [
    'grid: empty list',
    g.grid.layout([]),
    [],
  ],
  [
    'grid: 1000 panels, the last one read first: linear, no deep recursion',
    local laid = g.grid.layout([p(6, 2) for _ in std.range(1, 1000)]);
    [laid[999].gridPos, std.length(laid), g.grid.height(laid)],
    [{ x: 18, y: 498, w: 6, h: 2 }, 1000, 500],
  ],
  [
    'target: refIds A..Z, AA, AB, ...',
    [g.target.refId(i) for i in [0, 1, 25, 26, 27, 51, 52, 701, 702]],
    ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA'],
  ],
  [
    'target: Prometheus query through the ${datasource} variable',
    g.target.prometheus('up', legend='{{job}}', instant=true),
    {
      datasource: { type: 'prometheus', uid: '${datasource}' },
      expr: 'up',
      legendFormat: '{{job}}',
      instant: true,
      range: false,
      format: 'time_series',
      interval: '',
      editorMode: 'code',
    },
  ],
  [
    'target: cost query through the ${costDatasource} variable, extra fields kept',
    g.target.cost('costPerRequest', { perRequests: 1000 }),
    {
      datasource: { type: 'headroom-cost-datasource', uid: '${costDatasource}' },
      queryType: 'costPerRequest',
      perRequests: 1000,
    },
  ],
  [
    'panel: withTargets numbers refIds, keeps given ones, takes their data source',
    local q = g.panel.stat('s') + g.panel.withTargets([
      g.target.prometheus('a'),
      g.target.prometheus('b') { refId: 'capacity' },
      g.target.prometheus('c'),
    ]);
    [[t.refId for t in q.targets], q.datasource],
    [['A', 'capacity', 'C'], { type: 'prometheus', uid: '${datasource}' }],
  ],
  [
    'panel: withRoleTargets names the role of each refId in the queryRoles option',
    local q = g.panel.scalingTimeline('s') + g.panel.withRoleTargets([
      ['current', g.target.prometheus('a')],
      ['max', g.target.prometheus('b') { refId: 'ceiling' }],
      ['target', g.target.prometheus('c')],
    ]);
    [[t.refId for t in q.targets], q.options.queryRoles],
    [['A', 'ceiling', 'C'], 'A=current, ceiling=max, C=target'],
  ],
  [
    'panel: Prometheus and cost targets together make a Mixed panel',
    (g.panel.table('t') + g.panel.withTargets([g.target.prometheus('a'), g.target.cost('savings')])).datasource,
    { type: 'datasource', uid: '-- Mixed --' },
  ],
  [
    'panel: thresholds become steps and the draw style',
    local q = g.panel.timeseries('t', unit='s') + g.panel.withThresholds([['green', null], ['orange', 1], ['red', 60]], style='dashed');
    [q.fieldConfig.defaults.thresholds, q.fieldConfig.defaults.custom.thresholdsStyle, q.fieldConfig.defaults.unit, q.fieldConfig.defaults.custom.lineWidth],
    [
      { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 1 }, { color: 'red', value: 60 }] },
      { mode: 'dashed' },
      's',
      1,
    ],
  ],
  [
    'panel: thresholds on a stat add no custom field config',
    std.objectHas((g.panel.stat('s') + g.panel.withThresholds([['green', null]])).fieldConfig.defaults, 'custom'),
    false,
  ],
  [
    'panel: a byRegexp override is written /…/ so that Grafana searches the name instead of anchoring it ^…$',
    (g.panel.timeseries('t') + g.panel.withOverride('^CPU target ', { color: 'red' }, matcher='byRegexp')).fieldConfig.overrides[0].matcher,
    { id: 'byRegexp', options: '/^CPU target /' },
  ],
  [
    'panel: value mappings, overrides, links, options merge',
    local q = g.panel.stateTimeline('s')
              + g.panel.withValueMappings({ '0': ['stopped', 'red'], '1': ['running', 'green'] })
              + g.panel.withOverride('io', { displayName: 'IO thread' })
              + g.panel.withLinks([g.link.panel('Runbook', 'https://x/r.md')])
              + g.panel.withLinks([g.link.panelDashboard('Cost', 'headroom-cost')])
              + g.panel.withOptions({ rowHeight: 0.5 });
    [q.fieldConfig.defaults.mappings, q.fieldConfig.overrides, q.links, q.options.rowHeight, q.options.mergeValues],
    [
      [{ type: 'value', options: { '0': { text: 'stopped', color: 'red', index: 0 }, '1': { text: 'running', color: 'green', index: 1 } } }],
      [{ matcher: { id: 'byName', options: 'io' }, properties: [{ id: 'displayName', value: 'IO thread' }] }],
      [
        { title: 'Runbook', url: 'https://x/r.md', targetBlank: true },
        { title: 'Cost', url: '/d/headroom-cost?${__url_time_range}&${__all_variables}', targetBlank: false },
      ],
      0.5,
      true,
    ],
  ],
  [
    'panel: Headroom constructors use the plugin ids, which are not core types',
    [
      g.panel.latency('l').type,
      g.panel.costPerRequest('c').type,
      g.panel.scalingTimeline('s').type,
      g.panel.capacityForecast('f').type,
      std.length(std.setInter(std.set(std.objectValues(g.panel.types.headroom)), std.set(g.panel.types.core))),
    ],
    ['headroom-latency-panel', 'headroom-costperrequest-panel', 'headroom-scalingtimeline-panel', 'headroom-capacityforecast-panel', 0],
  ],
  [
    'panel: every core constructor makes a core type',
    [
      q.type
      for q in [
        g.panel.timeseries('a'),
        g.panel.stat('a'),
        g.panel.stateTimeline('a'),
        g.panel.table('a'),
        g.panel.heatmap('a'),
        g.panel.text('a', ''),
        g.panel.alertlist('a'),
        g.panel.row('a'),
      ]
      if !std.member(g.panel.types.core, q.type)
    ],
    [],
  ],
  [
    'variable: datasource picker by plugin type, preselected by name',
    g.variable.datasource('datasource', 'prometheus', label='Data source', current='Prometheus'),
    {
      type: 'datasource',
      name: 'datasource',
      label: 'Data source',
      query: 'prometheus',
      regex: '',
      refresh: 1,
      hide: 0,
      multi: false,
      includeAll: false,
      options: [],
      current: { selected: true, text: 'Prometheus', value: 'Prometheus' },
    },
  ],
  [
    'variable: query variable defaults to All with .* and refreshes on time change',
    local v = g.variable.query('service', 'label_values(up, service)');
    [v.query, v.definition, v.datasource.uid, v.allValue, v.current.value, v.refresh, v.multi],
    [
      { query: 'label_values(up, service)', refId: 'PrometheusVariableQueryEditor-VariableQuery' },
      'label_values(up, service)',
      '${datasource}',
      '.*',
      ['$__all'],
      2,
      true,
    ],
  ],
  [
    'variable: query variable without All has no allValue',
    std.objectHas(g.variable.query('x', 'label_values(up, x)', includeAll=false), 'allValue'),
    false,
  ],
  [
    'variable: custom and constant',
    [g.variable.custom('q', ['0.99', '0.9']).query, g.variable.custom('q', ['0.99', '0.9']).current.value, g.variable.constant('c', '1').hide],
    ['0.99,0.9', '0.99', 2],
  ],
  [
    'link: dashboards dropdown by tag and link by uid',
    [g.link.dashboards('Headroom', ['headroom']).tags, g.link.dashboard('Cost', 'headroom-cost').url, g.link.dashboard('Cost', 'headroom-cost').keepTime],
    [['headroom'], '/d/headroom-cost', true],
  ],
  [
    'dashboard: new, variables, links and laid-out panels',
    local d = g.dashboard.new('T', 'uid-1', tags=['a'])
              + g.dashboard.withVariables([g.variable.datasource('datasource', 'prometheus')])
              + g.dashboard.withVariables([g.variable.constant('c', '1')])
              + g.dashboard.withLinks([g.link.dashboards('All', ['a'])])
              + g.dashboard.withPanels([g.panel.row('R'), p(12, 4)]);
    [d.title, d.uid, d.tags, [v.name for v in d.templating.list], std.length(d.links), [q.gridPos for q in d.panels], d.schemaVersion],
    ['T', 'uid-1', ['a'], ['datasource', 'c'], 1, [{ x: 0, y: 0, w: 24, h: 1 }, { x: 0, y: 1, w: 12, h: 4 }], 39],
  ],
];

// std.assertEqual reports both sides, each with the name of the case.
local check(c) = std.assertEqual({ case: c[0], value: c[1] }, { case: c[0], value: c[2] });
{
  passed: [c[0] for c in cases if check(c)],
}
