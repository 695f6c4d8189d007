// Database saturation: queries per second against a ceiling, client connections against
// max_connections, the database host's CPU, and a server its exporter cannot reach. PostgreSQL
// (postgres_exporter), MySQL/MariaDB (mysqld_exporter), node_exporter; per server (instance).
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local z = c.saturation,
  local cl = c.clusterLabel,
  local on = u.by(cl, ['namespace', 'job', 'instance']),
  local pgSel = u.sel([c.selectors.postgres]),
  local mySel = u.sel([c.selectors.mysql]),
  local w = z.window,

  local queries = 'instance:db_queries:rate' + w,
  local connections = 'instance:db_connections:ratio',
  local cpu = 'instance:database_host_cpu_utilisation:ratio_rate' + w,
  local statementTime = 'instance:pg_stat_statements_seconds:mean_rate' + w,
  local mysqlQueryTime = c.families.mysql && z.mysqlQueryTime,
  local qrt = 'mysql_info_schema_query_response_time_seconds',
  local qrtPct = u.num(z.queryTimeQuantile * 100),
  local queryTime = 'instance:%s:p%s_rate%s' % [qrt, qrtPct, w],
  local queryRate = u.fmt('sum by (%(on)s) (rate(%(m)s_count{%(s)s}[%(w)s]))', { on: on, m: qrt, s: mySel, w: w }),

  // Per engine: the family switch, the `engine` label, the team, and the exporter's series.
  // PostgreSQL counts transactions (commits + rollbacks of every database: pg_stat_database has
  // no statement counter; pg_stat_statements is an extension and, in postgres_exporter 0.13+, an
  // opt-in collector), MySQL its Queries status counter (statements, stored programs' included).
  local engines = std.filter(function(e) e.on, [
    {
      on: c.families.postgres,
      engine: 'postgresql',
      name: 'PostgreSQL',
      team: c.teams.postgres,
      queries: u.fmt('sum by (%(on)s) (rate(pg_stat_database_xact_commit{%(s)s}[%(w)s]) + rate(pg_stat_database_xact_rollback{%(s)s}[%(w)s]))', { on: on, s: pgSel, w: w }),
      what: 'transactions',
      connected: 'sum by (%s) (pg_stat_database_numbackends{%s})' % [on, pgSel],
      max: 'max by (%s) (pg_settings_max_connections{%s})' % [on, pgSel],
      up: 'pg_up{%s}' % pgSel,
    },
    {
      on: c.families.mysql,
      engine: 'mysql',
      name: 'MySQL',
      team: c.teams.mysql,
      queries: 'sum by (%s) (rate(mysql_global_status_queries{%s}[%s]))' % [on, mySel, w],
      what: 'queries',
      connected: 'sum by (%s) (mysql_global_status_threads_connected{%s})' % [on, mySel],
      max: 'max by (%s) (mysql_global_variables_max_connections{%s})' % [on, mySel],
      up: 'mysql_up{%s}' % mySel,
    },
  ]),

  local rules = std.flattenArrays([
    [
      { record: queries, labels: { engine: e.engine }, expr: e.queries + '\n' },
      {
        // No series while max_connections is unknown or 0 (no division by zero).
        record: connections,
        labels: { engine: e.engine },
        expr: u.fmt('%(connected)s\n/ on (%(on)s)\n(%(max)s > 0)\n', { connected: e.connected, max: e.max, on: on }),
      },
    ]
    for e in engines
  ]) + (if !c.families.postgres then [] else [
          {
            // For the dashboards: PostgreSQL's mean statement time (pg_stat_statements, from the demo's
            // queries file on 0.11 or the opt-in stat_statements collector of 0.13+, which adds
            // `queryid`: summed away). No series while nothing runs. The exporters give no percentile.
            record: statementTime,
            expr: u.fmt('sum by (%(on)s) (rate(pg_stat_statements_seconds_total{%(s)s}[%(w)s]))\n/ on (%(on)s)\n(sum by (%(on)s) (rate(pg_stat_statements_calls_total{%(s)s}[%(w)s])) > 0)\n', { on: on, s: pgSel, w: w }),
          },
        ]) + (if !mysqlQueryTime then [] else [
                {
                  // MariaDB/MySQL's query time percentile from the QUERY_RESPONSE_TIME plugin's histogram
                  // (mysqld_exporter 0.14 --collect.info_schema.query_response_time: one histogram per
                  // server, no labels but `le`; the plugin counts every statement, the exporter's own
                  // included). No series while nothing runs (histogram_quantile of nothing is NaN).
                  record: queryTime,
                  labels: { engine: 'mysql' },
                  expr: u.fmt('histogram_quantile(%(q)s, sum by (%(on)s, le) (rate(%(m)s_bucket{%(s)s}[%(w)s])))\nand on (%(on)s)\n(%(rate)s > 0)\n', { q: u.num(z.queryTimeQuantile), on: on, m: qrt, s: mySel, w: w, rate: queryRate }),
                },
              ]) + [
    {
      // The busy share of all CPUs of a host: 1 - the idle share (node-mixin's way). A counter
      // reset (reboot) is absorbed by rate().
      record: cpu,
      expr: 'clamp(1 - avg by (%s) (rate(node_cpu_seconds_total{%s}[%s])), 0, 1)\n' % [on, u.sel(['mode="idle"', c.selectors.databaseHost]), w],
    },
  ],

  local alertsOf(e) = [
    {
      alert: 'HeadroomDatabaseQueriesHigh',
      expr: '%s{engine="%s"} > %s\n' % [queries, e.engine, u.num(z.queriesPerSecondCeiling)],
      'for': z.queriesFor,
      labels: { severity: c.severities.ticket, engine: e.engine, [c.teamLabel]: e.team },
      annotations: {
        summary: 'A database server runs more queries per second than its configured ceiling.',
        description: u.fmt('%(name)s server {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) runs {{ $value | printf "%.4g" }} %(what)s/s over %(w)s, above the ceiling of %(ceiling)s for %(for)s.', {
          name: e.name,
          cl: cl,
          what: e.what,
          w: w,
          ceiling: u.num(z.queriesPerSecondCeiling),
          'for': z.queriesFor,
        }),
      },
    },
    {
      alert: 'HeadroomDatabaseConnectionsHigh',
      expr: '%s{engine="%s"} > %s\n' % [connections, e.engine, u.num(z.connectionsRatio)],
      'for': z.connectionsFor,
      labels: { severity: c.severities.ticket, engine: e.engine, [c.teamLabel]: e.team },
      annotations: {
        summary: 'A database server has most of its max_connections in use.',
        description: u.fmt('%(name)s server {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) has {{ $value | humanizePercentage }} of its max_connections in use, above %(pct)s %% for %(for)s: new connections will soon be refused.', {
          name: e.name,
          cl: cl,
          pct: u.num(z.connectionsRatio * 100),
          'for': z.connectionsFor,
        }),
      },
    },
    {
      // The series exists only while the exporter is scraped: a target that fails its scrapes
      // makes it stale (HeadroomTargetDown reports that), so 0 means "exporter up, server not".
      alert: 'HeadroomDatabaseDown',
      expr: e.up + ' == 0\n',
      'for': z.downFor,
      labels: { severity: c.severities.page, engine: e.engine, [c.teamLabel]: e.team },
      annotations: {
        summary: 'A database exporter answers but cannot reach its server.',
        description: u.fmt('The exporter {{ $labels.instance }} (job {{ $labels.job }}, cluster {{ $labels.%(cl)s }}) has reported %(name)s down for %(for)s: the server refuses or drops its connections.', {
          name: e.name,
          cl: cl,
          'for': z.downFor,
        }),
      },
    },
  ],

  local cpuAlert = {
    alert: 'HeadroomDatabaseCPUHigh',
    expr: '%s > %s\n' % [cpu, u.num(z.cpuRatio)],
    'for': z.cpuFor,
    labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.databaseHost },
    annotations: {
      summary: 'A database host is busier than its upgrade trigger.',
      description: u.fmt('Database host {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) has had its CPUs {{ $value | humanizePercentage }} busy over %(w)s, above the upgrade trigger of %(pct)s %% for %(for)s.', {
        cl: cl,
        w: w,
        pct: u.num(z.cpuRatio * 100),
        'for': z.cpuFor,
      }),
    },
  },

  local queryTimeAlert = {
    alert: 'HeadroomDatabaseQueryTimeHigh',
    expr: u.fmt('%(rec)s > %(goal)s\nand on (%(on)s)\n%(rate)s >= %(min)s\n', { rec: queryTime, goal: u.num(z.queryTimeGoalSeconds), on: on, rate: queryRate, min: u.num(z.queryTimeMinRate) }),
    'for': z.queryTimeFor,
    labels: { severity: c.severities.ticket, engine: 'mysql', [c.teamLabel]: c.teams.mysql },
    annotations: {
      summary: 'A database server answers its queries slower than the query-time goal.',
      description: u.fmt('MySQL server {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) has answered %(pct)s %% of its queries within {{ $value | humanizeDuration }} over %(w)s, above the goal of %(goal)s ms for %(for)s.', {
        cl: cl,
        pct: qrtPct,
        w: w,
        goal: u.num(z.queryTimeGoalSeconds * 1000),
        'for': z.queryTimeFor,
      }),
    },
  },

  local anyDb = c.families.postgres || c.families.mysql,

  prometheusRules+:: {
    groups+: if !anyDb then [] else [
      { name: c.groupPrefix + '-saturation', rules: rules },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !anyDb then [] else [
      { name: c.groupPrefix + '-saturation-alerts', rules: std.flattenArrays([alertsOf(e) for e in engines]) + (if mysqlQueryTime then [queryTimeAlert] else []) + [cpuAlert] },
    ],
  },
}
