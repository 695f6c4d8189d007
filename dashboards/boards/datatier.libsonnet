// Data tier: replication lag per replica against the alert lines, replication threads, database
// saturation (queries/s, statement and query time, connections, the application's connection
// pools, host CPU) and Redis health against the
// alert lines, cache hit ratio against its floor and target, and the reads that reach the databases.
local g = import '../lib/g.libsonnet';

function(c) {
  local cfg = c.config,
  local r = cfg.replication,
  local k = cfg.cache,
  local f = cfg.families,
  local s = c.sel([c.m.cluster, c.m.namespace, c.m.job]),
  local pgLag = '%s{%s}' % [c.rec('instance:pg_replication_lag_seconds:replica'), s],
  local myLag = '%s{%s}' % [c.rec('instance:mysql_replication_lag_seconds:delay_adjusted'), s],
  // The replication channel to show: mysqld_exporter's default channel has an empty name, that is
  // no channel_name label, and Grafana writes a missing label's name ("channel_name") in a legend.
  local myLagByChannel = 'label_replace(label_replace(%s, "channel", "$1", "channel_name", "(.+)"), "channel", "default channel", "channel_name", "")' % myLag,
  // Cache sources whose counters must exist (cache.required): their recording rules.
  local caches = [k.sources[n] { name: n } for n in k.required if std.get(k.sources, n) != null],
  local cacheRec(src, what) = '%s{%s}' % [c.rec('%s:cache_%s:rate%s' % [src.level, what, k.window]), c.sel([s, 'cache_kind="%s"' % src.name])],
  local cacheRatio(src) = '%s{%s}' % [c.rec('%s:cache_hit:ratio_rate%s' % [src.level, k.window]), c.sel([s, 'cache_kind="%s"' % src.name])],

  local lagThresholds = g.panel.withThresholds([['green', null], ['orange', r.lagWarningSeconds], ['red', r.lagCriticalSeconds]], style='dashed'),
  local lagDescription(what) =
    '%s; the dashed lines are the alert lines: warning above %s s (for %s), critical above %s s (for %s).' % [
      what,
      c.num(r.lagWarningSeconds),
      r.warningFor,
      c.num(r.lagCriticalSeconds),
      r.criticalFor,
    ],
  local z = cfg.saturation,
  local rd = cfg.redis,
  local anyDb = f.postgres || f.mysql,
  // The database hosts' CPU is node_exporter's, a job of its own: not filtered by $job.
  local sHost = c.sel([c.m.cluster, c.m.namespace, cfg.selectors.databaseHost]),
  local queries = '%s{%s}' % [c.rec('instance:db_queries:rate%s' % z.window), s],
  local connections = '%s{%s}' % [c.rec('instance:db_connections:ratio'), s],
  local statementTime = '%s{%s}' % [c.rec('instance:pg_stat_statements_seconds:mean_rate%s' % z.window), s],
  local hostCpu = '%s{%s}' % [c.rec('instance:database_host_cpu_utilisation:ratio_rate%s' % z.window), sHost],
  local qtPct = c.num(z.queryTimeQuantile * 100),
  local queryTime = '%s{%s}' % [c.rec('instance:mysql_info_schema_query_response_time_seconds:p%s_rate%s' % [qtPct, z.window]), s],
  // The application's pools belong to its own job: not filtered by $job (like the hosts' CPU).
  local pl = cfg.pool,
  local sPool = c.sel([c.m.cluster, c.m.namespace, cfg.selectors.pool]),
  local poolUsage = '%s{%s}' % [c.rec('instance_pool:hikaricp_connections:usage_ratio'), sPool],
  local redisMemory = '%s{%s}' % [c.rec('instance:redis_memory_used:ratio'), s],
  local redisEvictions = '%s{%s}' % [c.rec('instance:redis_evicted_keys:rate%s' % rd.window), s],
  local redisRejected = '%s{%s}' % [c.rec('instance:redis_rejected_connections:rate%s' % rd.window), s],
  // A line the alert fires above: green below it, red above, drawn dashed on a time series.
  local lineAt(v, style='dashed') = g.panel.withThresholds([['green', null], ['red', v]], style=style),
  local queriesDescription = 'Per server over %s: PostgreSQL transactions (commits + rollbacks, pg_stat_database), MySQL statements (Queries). The dashed line is the ceiling (%s/s; the seeds: 380/s today, goal under 360): HeadroomDatabaseQueriesHigh after %s above it.' % [z.window, c.num(z.queriesPerSecondCeiling), z.queriesFor],
  local connectionsDescription = 'Client connections / max_connections per server (PostgreSQL backends of all databases; MySQL Threads_connected). The dashed line: HeadroomDatabaseConnectionsHigh after %s above %s %%.' % [z.connectionsFor, c.num(z.connectionsRatio * 100)],
  local cpuDescription = "Busy share of each database host's CPUs over %s (1 - idle, node_exporter; hosts: selectors.databaseHost). The dashed line is the upgrade trigger: HeadroomDatabaseCPUHigh after %s above %s %%." % [z.window, z.cpuFor, c.num(z.cpuRatio * 100)],
  local queryTimeDescription = "P%s of each MariaDB/MySQL server's query time over %s (the QUERY_RESPONSE_TIME plugin's histogram through mysqld_exporter; judged from %s queries/s). The dashed line is the goal (%s ms; the seeds: 50 ms on average, P95 under 100 ms): HeadroomDatabaseQueryTimeHigh after %s above it." % [qtPct, z.window, c.num(z.queryTimeMinRate), c.num(z.queryTimeGoalSeconds * 1000), z.queryTimeFor],
  local poolDescription = "Connections in use / the pool's size, per pool of each application instance (HikariCP's hikaricp_connections_active / hikaricp_connections_max). The dashed line: HeadroomConnectionPoolHigh after %s above %s %% (the seeds: a pool of 150 peaking at 128)." % [pl.usageFor, c.num(pl.usageRatio * 100)],
  local memoryDescription = 'Redis used memory / maxmemory (only where maxmemory is set). The dashed line: HeadroomRedisMemoryHigh after %s above %s %%.' % [rd.memoryFor, c.num(rd.memoryRatio * 100)],

  local hitThresholds(style) = g.panel.withThresholds([['red', null], ['orange', k.hitRatioFloor], ['green', k.hitRatioTarget]], style=style),

  local metrics =
    (if f.postgres then ['pg_replication_is_replica'] else [])
    + (if f.mysql then ['mysql_slave_status_slave_sql_running'] else [])
    + (if f.cache then [src.hits for src in caches] else []),

  local anyMetric = '__name__=~"%s"' % std.join('|', metrics),

  local stats =
    (if f.postgres then [
       g.panel.stat('Worst PostgreSQL replica lag', unit='s', graph=false)
       + g.panel.withTargets([g.target.prometheus('max(%s)' % pgLag, legend='max')])
       + lagThresholds
       + g.panel.withLinks(c.runbooks(['HeadroomPostgresReplicationLag'])),
       g.panel.stat('PostgreSQL replicas', description='Servers reporting pg_replication_is_replica = 1 (once per instance, whichever collector reports it).', graph=false)
       + g.panel.withTargets([g.target.prometheus('count(max by (%s, namespace, job, instance) (pg_replication_is_replica{%s}) == 1)' % [cfg.clusterLabel, c.sel([cfg.selectors.postgres, s])], legend='replicas')])
       + g.panel.withThresholds([['red', null], ['green', 1]]),
     ] else [])
    + (if f.mysql then [
         g.panel.stat('Worst MySQL replica lag', description='Seconds behind the source minus the intended delay (SQL_Delay).', unit='s', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % myLag, legend='max')])
         + lagThresholds
         + g.panel.withLinks(c.runbooks(['HeadroomMySQLReplicationLag'])),
       ] else [])
    + (if anyDb then [
         g.panel.stat('Busiest database: queries/s', description=queriesDescription, unit='ops', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % queries, legend='max')])
         + g.panel.withDecimals(0)
         + lineAt(z.queriesPerSecondCeiling)
         + g.panel.withLinks(c.runbooks(['HeadroomDatabaseQueriesHigh'])),
         g.panel.stat('Fullest database: connections', description=connectionsDescription, unit='percentunit', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % connections, legend='max')])
         + g.panel.withDecimals(1)
         + lineAt(z.connectionsRatio)
         + g.panel.withLinks(c.runbooks(['HeadroomDatabaseConnectionsHigh'])),
         g.panel.stat('Busiest database host: CPU', description=cpuDescription, unit='percentunit', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % hostCpu, legend='max')])
         + g.panel.withDecimals(1)
         + lineAt(z.cpuRatio)
         + g.panel.withLinks(c.runbooks(['HeadroomDatabaseCPUHigh'])),
       ] else [])
    + (if f.mysql && z.mysqlQueryTime then [
         g.panel.stat('Slowest MySQL: query time P%s' % qtPct, description=queryTimeDescription, unit='s', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % queryTime, legend='max')])
         + lineAt(z.queryTimeGoalSeconds)
         + g.panel.withLinks(c.runbooks(['HeadroomDatabaseQueryTimeHigh'])),
       ] else [])
    + (if f.pool then [
         g.panel.stat('Fullest application pool', description=poolDescription, unit='percentunit', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % poolUsage, legend='max')])
         + g.panel.withDecimals(1)
         + lineAt(pl.usageRatio)
         + g.panel.withLinks(c.runbooks(['HeadroomConnectionPoolHigh'])),
       ] else [])
    + (if f.cache then [
         g.panel.stat('Redis memory', description=memoryDescription, unit='percentunit', graph=false)
         + g.panel.withTargets([g.target.prometheus('max(%s)' % redisMemory, legend='max')])
         + g.panel.withDecimals(1)
         + lineAt(rd.memoryRatio)
         + g.panel.withLinks(c.runbooks(['HeadroomRedisMemoryHigh'])),
       ] else [])
    + (if f.cache then [
         g.panel.stat('Lowest cache hit ratio', description='Over %s; floor %s %%, target %s %%.' % [k.window, c.num(k.hitRatioFloor * 100), c.num(k.hitRatioTarget * 100)], unit='percentunit', graph=false)
         + g.panel.withTargets([g.target.prometheus('min(%s)' % cacheRatio(src), legend=src.name) for src in caches])
         + g.panel.withDecimals(1)
         + hitThresholds(null)
         + g.panel.withLinks(c.runbooks(['HeadroomCacheHitRateLow'])),
       ] else []),

  // Seconds as seconds on the axis ("200 s"): Grafana's "s" writes 200 s as "3.33 mins".
  local lagUnit = 'suffix: s',
  local replication =
    (if f.postgres then [
       g.panel.timeseries('PostgreSQL replication lag', description=lagDescription('Lag of each replica behind its primary (primaries excluded)'), unit=lagUnit, fill=0)
       + g.panel.withTargets([g.target.prometheus(pgLag, legend='{{instance}}')])
       + lagThresholds
       + g.panel.withSoftRange(softMin=0, softMax=r.lagWarningSeconds * 2)
       + g.panel.withLinks(c.runbooks(['HeadroomPostgresReplicationLag'])),
     ] else [])
    + (if f.mysql then [
         g.panel.timeseries('MySQL replication lag', description=lagDescription('Seconds behind the source minus the intended delay, while the SQL thread runs'), unit=lagUnit, fill=0)
         + g.panel.withTargets([g.target.prometheus(myLagByChannel, legend='{{instance}} ({{channel}})')])
         + lagThresholds
         + g.panel.withSoftRange(softMin=0, softMax=r.lagWarningSeconds * 2)
         + g.panel.withLinks(c.runbooks(['HeadroomMySQLReplicationLag'])),
         g.panel.stateTimeline('MySQL replication threads', description='IO and SQL threads of each replica; HeadroomMySQLReplicationNotRunning fires after %s stopped.' % r.notRunningFor)
         + g.panel.withTargets([
           g.target.prometheus('mysql_slave_status_slave_io_running{%s}' % c.sel([cfg.selectors.mysql, s]), legend='{{instance}} IO thread'),
           g.target.prometheus('mysql_slave_status_slave_sql_running{%s}' % c.sel([cfg.selectors.mysql, s]), legend='{{instance}} SQL thread'),
         ])
         + g.panel.withValueMappings({ '0': ['stopped', 'red'], '1': ['running', 'green'] })
         + g.panel.withLinks(c.runbooks(['HeadroomMySQLReplicationNotRunning']))
         + g.panel.size(24, 5),
       ] else []),

  local upTargets =
    (if f.postgres then [g.target.prometheus('pg_up{%s}' % c.sel([cfg.selectors.postgres, s]), legend='{{instance}} PostgreSQL')] else [])
    + (if f.mysql then [g.target.prometheus('mysql_up{%s}' % c.sel([cfg.selectors.mysql, s]), legend='{{instance}} MySQL')] else [])
    + (if f.cache then [g.target.prometheus('redis_up{%s}' % c.sel([cfg.selectors.redis, s]), legend='{{instance}} Redis')] else []),

  local saturation = if !anyDb then [] else [
    g.panel.row('Database saturation'),
    g.panel.timeseries('Queries per second', description=queriesDescription, unit='ops', fill=0)
    + g.panel.withTargets([g.target.prometheus(queries, legend='{{instance}} ({{engine}})')])
    + lineAt(z.queriesPerSecondCeiling)
    + g.panel.withSoftRange(softMin=0, softMax=z.queriesPerSecondCeiling * 1.2)
    + g.panel.withLinks(c.runbooks(['HeadroomDatabaseQueriesHigh'])),
  ] + (if f.mysql && z.mysqlQueryTime then [
         g.panel.timeseries('MySQL query time (P%s)' % qtPct, description=queryTimeDescription, unit='s', fill=0)
         + g.panel.withTargets([g.target.prometheus(queryTime, legend='{{instance}}')])
         + lineAt(z.queryTimeGoalSeconds)
         + g.panel.withSoftRange(softMin=0, softMax=z.queryTimeGoalSeconds * 1.2)
         + g.panel.withLinks(c.runbooks(['HeadroomDatabaseQueryTimeHigh'])),
       ] else []) + (if f.postgres then [
                       g.panel.timeseries('PostgreSQL statement time', description='Mean execution time of a statement per server over %s (pg_stat_statements: time / calls). The dashed line is the goal for the 95th percentile (%s ms): the exporters give no percentile, and a mean above the line means the P95 goal is missed.' % [z.window, c.num(z.queryTimeGoalSeconds * 1000)], unit='s', fill=0)
                       + g.panel.withTargets([g.target.prometheus(statementTime, legend='{{instance}}')])
                       + lineAt(z.queryTimeGoalSeconds)
                       + g.panel.withSoftRange(softMin=0, softMax=z.queryTimeGoalSeconds * 1.2),
                     ] else []) + [
    g.panel.timeseries('Connections / max_connections', description=connectionsDescription, unit='percentunit', fill=0)
    + g.panel.withTargets([g.target.prometheus(connections, legend='{{instance}} ({{engine}})')])
    + lineAt(z.connectionsRatio)
    + g.panel.withSoftRange(softMin=0, softMax=1)
    + g.panel.withLinks(c.runbooks(['HeadroomDatabaseConnectionsHigh'])),
  ] + (if f.pool then [
         g.panel.timeseries('Application connection pools', description=poolDescription, unit='percentunit', fill=0)
         + g.panel.withTargets([g.target.prometheus(poolUsage, legend='{{instance}} ({{pool}})')])
         + lineAt(pl.usageRatio)
         + g.panel.withSoftRange(softMin=0, softMax=1)
         + g.panel.withLinks(c.runbooks(['HeadroomConnectionPoolHigh'])),
       ] else []) + [
    g.panel.timeseries('Database host CPU', description=cpuDescription, unit='percentunit', fill=0)
    + g.panel.withTargets([g.target.prometheus(hostCpu, legend='{{instance}}')])
    + lineAt(z.cpuRatio)
    + g.panel.withSoftRange(softMin=0, softMax=1)
    + g.panel.withLinks(c.runbooks(['HeadroomDatabaseCPUHigh'])),
  ] + (if upTargets == [] then [] else [
         g.panel.stateTimeline('Servers reachable by their exporters', description='pg_up, mysql_up, redis_up: 0 when the exporter answers but cannot reach its server (HeadroomDatabaseDown, HeadroomRedisDown after %s). A server whose exporter is not scraped has no lane (HeadroomTargetDown).' % z.downFor)
         + g.panel.withTargets(upTargets)
         + g.panel.withValueMappings({ '0': ['down', 'red'], '1': ['up', 'green'] })
         + g.panel.withLinks(c.runbooks((if anyDb then ['HeadroomDatabaseDown'] else []) + (if f.cache then ['HeadroomRedisDown'] else [])))
         + g.panel.size(24, 5),
       ]),

  local redis = if !f.cache then [] else [
    g.panel.row('Redis'),
    g.panel.timeseries('Redis memory / maxmemory', description=memoryDescription, unit='percentunit', fill=0)
    + g.panel.withTargets([g.target.prometheus(redisMemory, legend='{{instance}}')])
    + lineAt(rd.memoryRatio)
    + g.panel.withSoftRange(softMin=0, softMax=1)
    + g.panel.withLinks(c.runbooks(['HeadroomRedisMemoryHigh'])),
    g.panel.timeseries('Redis evictions and refused connections', description='Keys evicted and connections refused per second over %s. The dashed line: HeadroomRedisEvictions after %s above %s evictions/s; HeadroomRedisRejectedConnections after %s with any refused connection.' % [rd.window, rd.evictionsFor, c.num(rd.evictionsPerSecond), rd.rejectedFor], unit='ops', fill=0)
    + g.panel.withTargets([
      g.target.prometheus(redisEvictions, legend='evicted {{instance}}'),
      g.target.prometheus(redisRejected, legend='refused {{instance}}'),
    ])
    + lineAt(rd.evictionsPerSecond)
    + g.panel.withSoftRange(softMin=0, softMax=rd.evictionsPerSecond * 2)
    + g.panel.withLinks(c.runbooks(['HeadroomRedisEvictions', 'HeadroomRedisRejectedConnections'])),
  ],

  local cache = if !f.cache then [] else [
    g.panel.row('Cache'),
    g.panel.timeseries('Cache hit ratio', description='hits / (hits + misses) over %s; the dashed lines are the floor (%s %%, warning after %s) and the target (%s %%, info after %s).' % [
      k.window,
      c.num(k.hitRatioFloor * 100),
      k.floorFor,
      c.num(k.hitRatioTarget * 100),
      k.targetFor,
    ], unit='percentunit', fill=0)
    + g.panel.withTargets([g.target.prometheus(cacheRatio(src), legend='{{cache_kind}} {{instance}}') for src in caches])
    + hitThresholds('dashed')
    + g.panel.withSoftRange(softMin=k.hitRatioFloor - 0.05, softMax=1)
    + g.panel.withLinks(c.runbooks(['HeadroomCacheHitRateLow'])),
    g.panel.timeseries('Cache lookups', description='Lookups and hits per second over %s (the ratio is judged from %s lookups/s).' % [k.window, c.num(k.minLookupRate)], unit='ops', fill=0)
    + g.panel.withTargets(std.join([], [
      [
        g.target.prometheus(cacheRec(src, 'lookups'), legend='lookups {{cache_kind}} {{instance}}'),
        g.target.prometheus(cacheRec(src, 'hits'), legend='hits {{cache_kind}} {{instance}}'),
      ]
      for src in caches
    ]))
    + c.colors(['cacheLookups']),
    g.panel.row('Database load'),
    g.panel.timeseries('Reads reaching the database', description='Cache misses per second: the reads that fall through the cache to the database (what the databases do with them: Queries per second above).', unit='ops', fill=20)
    + g.panel.withTargets([
      g.target.prometheus('%s - %s' % [cacheRec(src, 'lookups'), cacheRec(src, 'hits')], legend='misses {{cache_kind}} {{instance}}')
      for src in caches
    ])
    + c.colors(['cacheMisses'])
    + g.panel.size(24, 8),
  ],

  dashboards:: if !(f.postgres || f.mysql || f.cache) then {} else {
    [c.uid('data') + '.json']: c.dashboard(
      'data',
      'Data tier',
      'Replication lag per replica against the alert lines, replication threads, database saturation and Redis health against the alert lines, cache hit ratio against its floor and target, and the reads that reach the databases.',
      [
        c.vars.datasource,
        c.vars.cluster('', anyMetric),
        c.vars.namespace('', anyMetric),
        c.vars.job(metrics),
      ],
      [g.panel.row('Now')] + stats
      + (if f.postgres || f.mysql then [g.panel.row('Replication')] + replication else [])
      + saturation
      + redis
      + cache,
    ),
  },
}
