// Data tier: replication lag per replica against the alert lines, replication threads, cache
// hit ratio against its floor and target, and the read load that reaches the databases.
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
    g.panel.timeseries('Reads reaching the database', description='Cache misses per second: the reads that fall through the cache to the database. (The demo exports no database query counters; add e.g. rate(pg_stat_database_xact_commit[5m]) here when your exporters do.)', unit='ops', fill=20)
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
      'Replication lag per replica against the alert lines, replication threads, cache hit ratio against its floor and target, and the reads that reach the databases.',
      [
        c.vars.datasource,
        c.vars.cluster('', anyMetric),
        c.vars.namespace('', anyMetric),
        c.vars.job(metrics),
      ],
      [g.panel.row('Now')] + stats
      + (if f.postgres || f.mysql then [g.panel.row('Replication')] + replication else [])
      + cache,
    ),
  },
}
