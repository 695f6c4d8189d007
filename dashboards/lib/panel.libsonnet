// Panels: constructors for Grafana's core panels and Headroom's four panel plugins, and mixins
// that set one aspect of any panel. Combine with `+`:
//
//   panel.timeseries('Error rate', unit='percentunit')
//   + panel.withTargets([target.prometheus('sum(rate(errors[5m]))', legend='{{service}}')])
//   + panel.withThresholds([['green', null], ['red', 0.001]], style='dashed')
//   + panel.withLinks([link.panel('Runbook', url)])
//   + panel.size(12, 8)
//
// Position and id come from grid.layout (dashboard.withPanels), not from the constructors.
local target = import 'target.libsonnet';

{
  // Panel types the checks accept: Grafana's core panels and Headroom's plugins.
  types:: {
    headroom: {
      latency: 'headroom-latency-panel',
      costPerRequest: 'headroom-costperrequest-panel',
      scalingTimeline: 'headroom-scalingtimeline-panel',
      capacityForecast: 'headroom-capacityforecast-panel',
    },
    core: [
      'alertlist',
      'annolist',
      'barchart',
      'bargauge',
      'candlestick',
      'canvas',
      'dashlist',
      'datagrid',
      'flamegraph',
      'gauge',
      'geomap',
      'heatmap',
      'histogram',
      'logs',
      'news',
      'nodeGraph',
      'piechart',
      'row',
      'stat',
      'state-timeline',
      'status-history',
      'table',
      'text',
      'timeseries',
      'traces',
      'trend',
      'xychart',
    ],
  },

  // Any panel type. Panels without targets (text, alertlist, row) carry no data source.
  new(type, title, description=''):: {
    type: type,
    title: title,
    description: description,
    gridPos: { w: 12, h: 8 },
    fieldConfig: { defaults: {}, overrides: [] },
    options: {},
    links: [],
  },

  // ---- Grafana core panels -------------------------------------------------------------

  timeseries(title, description='', unit='short', fill=10, stack=false)::
    self.new('timeseries', title, description) + {
      fieldConfig+: {
        defaults+: {
          unit: unit,
          color: { mode: 'palette-classic' },
          custom: {
            drawStyle: 'line',
            lineInterpolation: 'linear',
            lineWidth: 1,
            fillOpacity: fill,
            gradientMode: 'none',
            showPoints: 'never',
            spanNulls: false,
            axisPlacement: 'auto',
            scaleDistribution: { type: 'linear' },
            stacking: { mode: if stack then 'normal' else 'none', group: 'A' },
            thresholdsStyle: { mode: 'off' },
          },
        },
      },
      options: {
        legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
        tooltip: { mode: 'multi', sort: 'desc' },
      },
    },

  // One big number per series; `calc` reduces the series ('lastNotNull', 'mean', 'max', ...).
  stat(title, description='', unit='short', calc='lastNotNull', graph=true, colorMode='value')::
    self.new('stat', title, description) + {
      gridPos: { w: 6, h: 4 },
      fieldConfig+: { defaults+: { unit: unit, color: { mode: 'thresholds' } } },
      options: {
        reduceOptions: { calcs: [calc], fields: '', values: false },
        colorMode: colorMode,
        graphMode: if graph then 'area' else 'none',
        justifyMode: 'auto',
        orientation: 'auto',
        textMode: 'auto',
        wideLayout: true,
        showPercentChange: false,
      },
    },

  // Discrete states over time, one lane per series; colours and texts from value mappings.
  stateTimeline(title, description='')::
    self.new('state-timeline', title, description) + {
      fieldConfig+: {
        defaults+: {
          color: { mode: 'thresholds' },
          custom: { fillOpacity: 70, lineWidth: 0 },
        },
      },
      options: {
        mergeValues: true,
        showValue: 'auto',
        alignValue: 'left',
        rowHeight: 0.9,
        legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
        tooltip: { mode: 'single', sort: 'none' },
      },
    },

  table(title, description='')::
    self.new('table', title, description) + {
      fieldConfig+: { defaults+: { custom: { align: 'auto', cellOptions: { type: 'auto' } } } },
      options: {
        showHeader: true,
        cellHeight: 'sm',
        footer: { show: false, reducer: ['sum'], fields: '' },
      },
    },

  // Grafana's heatmap over pre-bucketed data (targets with format 'heatmap').
  heatmap(title, description='', unit='s', scheme='Oranges')::
    self.new('heatmap', title, description) + {
      options: {
        calculate: false,
        cellGap: 1,
        color: {
          mode: 'scheme',
          scheme: scheme,
          steps: 64,
          exponent: 0.5,
          scale: 'exponential',
          fill: 'dark-orange',
          reverse: false,
        },
        yAxis: { axisPlacement: 'left', unit: unit },
        rowsFrame: { layout: 'auto' },
        filterValues: { le: 1e-9 },
        showValue: 'never',
        tooltip: { mode: 'single', yHistogram: true, showColorScale: false },
        legend: { show: true },
        exemplars: { color: 'rgba(255,0,255,0.7)' },
      },
    },

  text(title, content, mode='markdown')::
    self.new('text', title) + {
      options: { mode: mode, content: content, code: { language: 'plaintext', showLineNumbers: false, showMiniMap: false } },
    },

  // Grafana's alert list (unified alerting): firing and pending alerts of Grafana-managed rules
  // and of data-source-managed rules (Prometheus rule files) Grafana can read.
  alertlist(title, description='', maxItems=20, labelFilter='')::
    self.new('alertlist', title, description) + {
      options: {
        viewMode: 'list',
        groupMode: 'default',
        groupBy: [],
        maxItems: maxItems,
        sortOrder: 1,
        dashboardAlerts: false,
        alertName: '',
        alertInstanceLabelFilter: labelFilter,
        folder: '',
        stateFilter: { firing: true, pending: true, noData: false, normal: false, 'error': true },
      },
    },

  // A row header; panels after it (up to the next row) belong to it.
  row(title):: {
    type: 'row',
    title: title,
    collapsed: false,
    panels: [],
    gridPos: { w: 24, h: 1 },
  },

  // ---- Headroom panels (options: panels/<name>/types.ts; unset options take the plugin's defaults)

  latency(title, description='')::
    self.new(self.types.headroom.latency, title, description) + { fieldConfig+: { defaults+: { unit: 's' } } },
  costPerRequest(title, description='')::
    self.new(self.types.headroom.costPerRequest, title, description),
  scalingTimeline(title, description='')::
    self.new(self.types.headroom.scalingTimeline, title, description),
  capacityForecast(title, description='')::
    self.new(self.types.headroom.capacityForecast, title, description),

  // ---- Mixins --------------------------------------------------------------------------

  // Size in grid units (24 columns; a unit of height is about 30 px).
  size(w, h):: { gridPos: { w: w, h: h } },

  // Queries, with refIds A, B, ... where a target has none. The panel's data source is the
  // targets' one, or Grafana's "Mixed" when they differ.
  withTargets(targets)::
    local ts = [
      targets[i] { refId: std.get(targets[i], 'refId', target.refId(i)) }
      for i in std.range(0, std.length(targets) - 1)
    ];
    // (std.manifestJson* is slow in the C++ interpreter: compare type and uid instead.)
    local sources = std.set([t.datasource.type + ' ' + t.datasource.uid for t in ts]);
    {
      targets: ts,
      datasource: if std.length(sources) == 1 then ts[0].datasource else target.datasource.mixed,
    },

  // The scaling timeline's queries by role: [['current', target], ['desired', target], ...]
  // (roles: current, desired, min, max, utilisation, target). Sets the targets (refIds A, B, ...)
  // and the panel's `queryRoles` option naming each refId's role, so the panel never guesses a
  // role from a series' name or values (aggregated PromQL has no name).
  withRoleTargets(roles)::
    self.withTargets([r[1] for r in roles])
    + self.withOptions({
      queryRoles: std.join(', ', [
        std.get(roles[i][1], 'refId', target.refId(i)) + '=' + roles[i][0]
        for i in std.range(0, std.length(roles) - 1)
      ]),
    }),

  withOptions(options):: { options+: options },
  // At most this many points per series (Grafana's "Max data points"; the default is the panel's
  // width in pixels). The step is range / n, never below the data source's scrape interval.
  withMaxDataPoints(n):: { maxDataPoints: n },
  // The smallest step of the panel's queries (Grafana's "Min interval"), e.g. '1d'.
  withMinInterval(interval):: { interval: interval },
  withUnit(unit):: { fieldConfig+: { defaults+: { unit: unit } } },
  withDecimals(n):: { fieldConfig+: { defaults+: { decimals: n } } },
  withMinMax(min=null, max=null)::
    { fieldConfig+: { defaults+: { [if min != null then 'min']: min, [if max != null then 'max']: max } } },
  // Axis range that grows with the data but always includes these values (timeseries).
  withSoftRange(softMin=null, softMax=null)::
    { fieldConfig+: { defaults+: { custom+: {
      [if softMin != null then 'axisSoftMin']: softMin,
      [if softMax != null then 'axisSoftMax']: softMax,
    } } } },
  withLogScale(base=10)::
    { fieldConfig+: { defaults+: { custom+: { scaleDistribution: { type: 'log', log: base } } } } },

  // Thresholds as [[colour, value], ...], the first value null (the base). `style` draws them on
  // a timeseries: 'off', 'line', 'dashed', 'area', 'line+area', 'dashed+area'.
  withThresholds(steps, style=null, mode='absolute')::
    assert std.length(steps) > 0 && steps[0][1] == null : 'withThresholds: the first step is the base (value null)';
    {
      fieldConfig+: {
        defaults+: {
          thresholds: { mode: mode, steps: [{ color: s[0], value: s[1] } for s in steps] },
          [if style != null then 'custom']+: { thresholdsStyle: { mode: style } },
        },
      },
    },

  // Value mappings {value: [text, colour]}, e.g. { '0': ['stopped', 'red'], '1': ['running', 'green'] }.
  withValueMappings(map)::
    local keys = std.objectFields(map);
    {
      fieldConfig+: {
        defaults+: {
          mappings: [{
            type: 'value',
            options: {
              [keys[i]]: { text: map[keys[i]][0], color: map[keys[i]][1], index: i }
              for i in std.range(0, std.length(keys) - 1)
            },
          }],
        },
      },
    },

  // Field overrides; `by` is a field name, or with matcher 'byRegexp' a JavaScript regexp that
  // searches the name as written ('^CPU target'): Grafana anchors a bare pattern ^…$ (so
  // 'CPU target' would match only that exact name), not one written /…/.
  withOverride(by, properties, matcher='byName')::
    {
      fieldConfig+: {
        overrides+: [{
          matcher: { id: matcher, options: if matcher == 'byRegexp' then '/%s/' % by else by },
          properties: [{ id: k, value: properties[k] } for k in std.objectFields(properties)],
        }],
      },
    },

  withLinks(links):: { links+: links },
  // A relative time range of the panel's own (e.g. '14d'), whatever the dashboard's range is.
  withTimeFrom(range):: { timeFrom: range },
  withDescription(text):: { description: text },
  withTransformations(ts):: { transformations+: ts },
}
