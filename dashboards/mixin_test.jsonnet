// Tests of the mixin: one `_config` moves the alert lines and the lines drawn on the dashboards
// together, families switch panels off, uids stay put. Run: `jsonnet dashboards/mixin_test.jsonnet`.
// Through the mixin's root entry, as users import it.
local base = import '../mixin.libsonnet';

local panelsOf(m, file) = m.grafanaDashboards[file].panels;
local panel(m, file, title) = [p for p in panelsOf(m, file) if p.title == title][0];
local steps(p) = [s.value for s in p.fieldConfig.defaults.thresholds.steps];
local alertExprs(m, name) = [r.expr for g in m.prometheusAlerts.groups for r in g.rules if std.get(r, 'alert') == name];

local tuned = base {
  _config+:: {
    replication+: { lagWarningSeconds: 5, lagCriticalSeconds: 30 },
    cache+: { hitRatioFloor: 0.8 },
    slo+: { latency+: { thresholdSeconds: 0.3 } },
    runbookURLPattern: 'https://runbooks.example/%s',
  },
};
local noMysql = base { _config+:: { families+: { mysql: false } } };

// [name, actual, expected]
local cases = [
  [
    'uids and files are stable',
    std.objectFields(base.grafanaDashboards),
    ['headroom-cost.json', 'headroom-data.json', 'headroom-overview.json', 'headroom-scaling.json', 'headroom-slo-specs.json', 'headroom-slo.json'],
  ],
  [
    'default lag lines are the rules pack defaults (1 s, 60 s)',
    steps(panel(base, 'headroom-data.json', 'PostgreSQL replication lag')),
    [null, 1, 60],
  ],
  [
    'a replication override moves the alert and the dashboard line together',
    [
      steps(panel(tuned, 'headroom-data.json', 'PostgreSQL replication lag')),
      [std.length(std.findSubstr('> 30', e)) > 0 for e in alertExprs(tuned, 'HeadroomPostgresReplicationLag')],
    ],
    [[null, 5, 30], [false, true]],
  ],
  [
    'a cache floor override moves the cache panel line',
    steps(panel(tuned, 'headroom-data.json', 'Cache hit ratio')),
    [null, 0.8, 0.95],
  ],
  [
    'the latency SLO threshold reaches the latency panel and the titles',
    [
      panel(tuned, 'headroom-slo.json', 'Latency distribution').options.sloThreshold,
      std.length([p for p in panelsOf(tuned, 'headroom-slo.json') if p.title == 'Requests slower than 0.3 s']),
    ],
    [0.3, 1],
  ],
  [
    'runbook links follow runbookURLPattern',
    [l.url for l in panel(tuned, 'headroom-data.json', 'PostgreSQL replication lag').links],
    ['https://runbooks.example/HeadroomPostgresReplicationLag'],
  ],
  [
    'without the MySQL family there are no MySQL panels (and the render still succeeds)',
    [p.title for p in panelsOf(noMysql, 'headroom-data.json') if std.length(std.findSubstr('MySQL', p.title)) > 0],
    [],
  ],
];

local check(c) = std.assertEqual({ case: c[0], value: c[1] }, { case: c[0], value: c[2] });
{
  passed: [c[0] for c in cases if check(c)],
}
