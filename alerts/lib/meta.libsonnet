// The alerting pipeline itself: an always-firing heartbeat, one absent-metric alert per series the
// pack depends on (a rule over a missing series is silent, not green), the same per job (a job
// that stopped exporting one), and scrape targets that are down.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local cacheRequired = [c.cache.sources[n] for n in c.cache.required if std.get(c.cache.sources, n) != null],
  // The pools' names in use (lib/pool.libsonnet): present under either family.
  local poolUsed = (if c.pool.hikariCP then ['hikaricp_connections_active'] else []) + (if c.pool.openTelemetry then ['db_client_connection_count'] else []),
  local poolMax = (if c.pool.hikariCP then ['hikaricp_connections_max'] else []) + (if c.pool.openTelemetry then ['db_client_connection_max'] else []),

  // [family enabled, metric, selector, team, other names of the metric (optional)]. A metric that
  // exporter versions name differently counts as present under any of its names; `metric` is the
  // first.
  local dependencies = std.filter(function(d) d[0], [
    [c.families.http, 'http_requests_total', c.selectors.http, c.teams.http],
    [c.families.http, 'http_request_duration_seconds_bucket', c.selectors.http, c.teams.http],
    [c.families.postgres, 'pg_replication_lag_seconds', c.selectors.postgres, c.teams.postgres, ['pg_replication_lag']],
    [c.families.postgres, 'pg_replication_is_replica', c.selectors.postgres, c.teams.postgres],
    [c.families.mysql, 'mysql_slave_status_seconds_behind_master', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql, 'mysql_slave_status_slave_io_running', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql, 'mysql_slave_status_slave_sql_running', c.selectors.mysql, c.teams.mysql],
    // Database saturation (lib/saturation.libsonnet). Left out on purpose, as their rules work
    // without them: mysql_slave_status_sql_delay (missing = no intended delay) and
    // pg_stat_replication_pg_wal_lsn_diff (missing = the lag is judged without the guard).
    [c.families.postgres, 'pg_up', c.selectors.postgres, c.teams.postgres],
    [c.families.postgres, 'pg_stat_database_xact_commit', c.selectors.postgres, c.teams.postgres],
    [c.families.postgres, 'pg_stat_database_xact_rollback', c.selectors.postgres, c.teams.postgres],
    [c.families.postgres, 'pg_stat_database_numbackends', c.selectors.postgres, c.teams.postgres],
    [c.families.postgres, 'pg_settings_max_connections', c.selectors.postgres, c.teams.postgres],
    [c.families.mysql, 'mysql_up', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql, 'mysql_global_status_queries', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql, 'mysql_global_status_threads_connected', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql, 'mysql_global_variables_max_connections', c.selectors.mysql, c.teams.mysql],
    [c.families.mysql && c.saturation.mysqlQueryTime, 'mysql_info_schema_query_response_time_seconds_bucket', c.selectors.mysql, c.teams.mysql],
    [c.families.postgres || c.families.mysql, 'node_cpu_seconds_total', c.selectors.databaseHost, c.teams.databaseHost],
    // Redis health (lib/redis.libsonnet, part of the cache family).
    [c.families.cache, 'redis_up', c.selectors.redis, c.teams.cache],
    [c.families.cache, 'redis_evicted_keys_total', c.selectors.redis, c.teams.cache],
    [c.families.cache, 'redis_memory_used_bytes', c.selectors.redis, c.teams.cache],
    [c.families.cache, 'redis_memory_max_bytes', c.selectors.redis, c.teams.cache],
    [c.families.cache, 'redis_rejected_connections_total', c.selectors.redis, c.teams.cache],
    // The application's connection pools (lib/pool.libsonnet).
    [c.families.pool, poolUsed[0], c.selectors.pool, c.teams.pool, poolUsed[1:]],
    [c.families.pool, poolMax[0], c.selectors.pool, c.teams.pool, poolMax[1:]],
  ] + std.flattenArrays([
    [
      [c.families.cache, s.hits, s.selector, c.teams.cache],
      [c.families.cache, s.misses, s.selector, c.teams.cache],
    ]
    for s in cacheRequired
  ]) + [
    [c.families.hpa || c.families.capacity, 'kube_horizontalpodautoscaler_status_current_replicas', c.selectors.hpa, c.teams.hpa],
    [c.families.hpa, 'kube_horizontalpodautoscaler_status_desired_replicas', c.selectors.hpa, c.teams.hpa],
    [c.families.hpa, 'kube_horizontalpodautoscaler_spec_min_replicas', c.selectors.hpa, c.teams.hpa],
    [c.families.hpa || c.families.capacity, 'kube_horizontalpodautoscaler_spec_max_replicas', c.selectors.hpa, c.teams.hpa],
  ]),

  // The selector of a dependency: its name, or a regular expression over its names.
  local seriesOf(d) =
    local others = if std.length(d) > 4 then d[4] else [];
    if others == [] then d[1] + '{' + u.sel([d[2]]) + '}'
    else '{' + u.sel(['__name__=~"%s"' % std.join('|', [d[1]] + others), d[2]]) + '}',

  local absentAlert(d) = {
    local series = seriesOf(d),
    alert: 'HeadroomSeriesAbsent',
    // label_replace gives the result the `metric` label, so that the description can show it.
    expr: 'label_replace(absent(' + series + '), "metric", "' + d[1] + '", "", "")\n',
    'for': c.absentFor,
    labels: { severity: c.severities.ticket, metric: d[1], [c.teamLabel]: d[3] },
    annotations: {
      summary: 'A series the Headroom rules depend on is missing.',
      description: 'No series has matched ' + series + ' for ' + c.absentFor + ', so the alerts built on {{ $labels.metric }} cannot fire: check the exporter, its scrape job and the selector in _config.',
    },
  },

  // Per job: a family that the job exported `absentLookbacks` ago and no longer exports (a
  // vanished target, an exporter that lost its database, a relabelling change). The job, cluster
  // and namespace are in the labels, unlike absent(), which only sees a family missing everywhere.
  local jobLabels = u.by(c.clusterLabel, ['namespace', 'job']),
  local jobAbsentAlert(d) = {
    local series = seriesOf(d),
    local before = std.join('\n    or\n', [
      '    group by (%s) (%s offset %s)' % [jobLabels, series, o]
      for o in c.absentLookbacks
    ]),
    alert: 'HeadroomJobSeriesAbsent',
    expr: 'label_replace(\n  (\n' + before + '\n  )\n  unless\n  group by (' + jobLabels + ') (' + series + '),\n  "metric", "' + d[1] + '", "", ""\n)\n',
    'for': c.absentFor,
    labels: { severity: c.severities.ticket, metric: d[1], [c.teamLabel]: d[3] },
    annotations: {
      summary: 'A job stopped exporting a series the Headroom rules depend on.',
      description: 'Job {{ $labels.job }} (cluster {{ $labels.' + c.clusterLabel + ' }}, namespace "{{ $labels.namespace }}") exported ' + series + ' before (up to ' + c.absentLookbacks[std.length(c.absentLookbacks) - 1] + ' ago) and has exported none of it for ' + c.absentFor + ': the alerts built on {{ $labels.metric }} are blind for it. Check the target (up), the exporter and its scrape job.',
    },
  },

  local targetDownAlert = {
    alert: 'HeadroomTargetDown',
    expr: 'up{' + u.sel([c.selectors.up]) + '} == 0\n',
    'for': c.targetDownFor,
    labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.meta },
    annotations: {
      summary: 'Prometheus cannot scrape a target: the alerts built on its series are blind.',
      description: 'Target {{ $labels.instance }} of job {{ $labels.job }} (cluster {{ $labels.' + c.clusterLabel + ' }}) has failed every scrape for ' + c.targetDownFor + ': its series are stale, and no Headroom alert judges them until it is back.',
    },
  },

  // A rule group holds at most `groupSize` rules (the pack's lint): the dependencies' alerts are
  // split into numbered groups, '<name>', '<name>-2', ...
  local groupSize = 20,
  local chunked(name, rules) = [
    {
      name: name + (if i == 0 then '' else '-' + (i + 1)),
      rules: rules[i * groupSize:std.min((i + 1) * groupSize, std.length(rules))],
    }
    for i in std.range(0, std.ceil(std.length(rules) / groupSize) - 1)
  ],

  prometheusAlerts+:: {
    groups+: [
               {
                 name: c.groupPrefix + '-meta-alerts',
                 rules: [
                   {
                     alert: c.watchdogAlertName,
                     expr: 'vector(1)\n',
                     labels: { severity: c.severities.info, [c.teamLabel]: c.teams.meta },
                     annotations: {
                       summary: 'Always firing: proves that rules, Alertmanager and receivers work end to end.',
                       description: "This heartbeat alert always fires (value {{ $value }}). It is routed to the heartbeat receiver, a dead man's switch that raises an alarm when the heartbeat stops arriving. Never silence it.",
                     },
                   },
                   targetDownAlert,
                 ],
               },
             ]
             + chunked(c.groupPrefix + '-meta-absent-alerts', [absentAlert(d) for d in dependencies])
             + chunked(c.groupPrefix + '-meta-job-alerts', [jobAbsentAlert(d) for d in dependencies]),
  },
}
