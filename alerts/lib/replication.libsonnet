// Replication lag: PostgreSQL (postgres_exporter) and MySQL (mysqld_exporter).
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local r = c.replication,
  local cl = c.clusterLabel,
  local pgSel = u.sel([c.selectors.postgres]),
  local mySel = u.sel([c.selectors.mysql]),
  local pgLag = 'instance:pg_replication_lag_seconds:replica',
  local myLag = 'instance:mysql_replication_lag_seconds:delay_adjusted',
  local onPg = u.by(cl, ['namespace', 'job', 'instance']),
  local onMy = u.by(cl, ['namespace', 'job', 'instance', 'channel_name']),

  // The metric contract, one fact: the names the exporter versions give the replica's lag and role.
  // postgres_exporter 0.11 has no replication collector: its example queries.yaml (and ours,
  // stack/datatier/exporters.ts) yields `pg_replication_lag` and `pg_replication_is_replica`, with
  // the exporter's `server` label. From 0.13 a built-in collector emits `pg_replication_lag_seconds`
  // and `pg_replication_is_replica` without labels. The rules read either; one exporter per server
  // (how both are deployed: the multi-target pattern from 0.12), so `server` is dropped and an
  // exporter that emits both names (0.13+ still given the example queries.yaml) counts once: the
  // newer name wins.
  local pgLagRaw = u.fmt(|||
    (
      pg_replication_lag_seconds{%(s)s}
      or on (%(on)s)
      max without (server) (pg_replication_lag{%(s)s})
    )
  |||, { s: pgSel, on: onPg }),
  // 1 on a replica, 0 on a primary, once per instance whichever collector reports it.
  local pgIsReplica = 'max by (%s) (pg_replication_is_replica{%s})' % [onPg, pgSel],

  local pgRules = [
    {
      // Lag is only meaningful on replicas: a primary reports a stale or zero value.
      record: pgLag,
      expr: u.fmt(|||
        %(lag)s
        and on (%(on)s)
        (%(replica)s == 1)
      |||, { lag: std.rstripChars(pgLagRaw, '\n'), replica: pgIsReplica, on: onPg }),
    },
  ],

  local myRules = [
    {
      // Seconds_Behind_Master minus the intended delay (SQL_Delay; missing = 0), only while
      // the SQL thread runs (otherwise the lag is undefined and replication-not-running fires).
      record: myLag,
      expr: u.fmt(|||
        clamp_min(
          (
            mysql_slave_status_seconds_behind_master{%(s)s} - mysql_slave_status_sql_delay{%(s)s}
            or
            mysql_slave_status_seconds_behind_master{%(s)s}
          ),
          0
        )
        and on (%(on)s)
        (mysql_slave_status_slave_sql_running{%(s)s} == 1)
      |||, { s: mySel, on: onMy }),
    },
  ],

  // A PostgreSQL replication group whose standbys are all connected to the primary and have
  // replayed all the WAL it wrote: the replay position, not the last replay's timestamp.
  local pgGroup = u.by(cl, r.pgGroupLabels),
  local pgCaughtUp = u.fmt(|||
    unless on (%(g)s)
    (
      max by (%(g)s) (pg_stat_replication_pg_wal_lsn_diff{%(s)s}) == 0
      and on (%(g)s)
      count by (%(g)s) (pg_stat_replication_pg_wal_lsn_diff{%(s)s})
      >= on (%(g)s)
      count by (%(g)s) (%(replica)s == 1)
    )
  |||, { g: pgGroup, s: pgSel, replica: 'max by (%s) (pg_replication_is_replica{%s})' % [u.by(cl, r.pgGroupLabels + ['instance']), pgSel] }),

  local lagAlert(name, engine, metric, team, severity, line, forDur, guard='') = {
    alert: name,
    expr: metric + ' > ' + u.num(line) + '\n' + guard,
    'for': forDur,
    labels: { severity: severity, [c.teamLabel]: team },
    annotations: {
      summary: engine + ' replica is behind its primary by more than ' + u.num(line) + ' s.',
      description: u.fmt('%(engine)s replica {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) is {{ $value | humanizeDuration }} behind its primary, above the %(sev)s line of %(line)s s for %(for)s.', {
        engine: engine,
        cl: cl,
        sev: severity,
        line: u.num(line),
        'for': forDur,
      }),
    },
  },

  local pgAlerts = [
    lagAlert('HeadroomPostgresReplicationLag', 'PostgreSQL', pgLag, c.teams.postgres, c.severities.ticket, r.lagWarningSeconds, r.warningFor, pgCaughtUp),
    lagAlert('HeadroomPostgresReplicationLag', 'PostgreSQL', pgLag, c.teams.postgres, c.severities.page, r.lagCriticalSeconds, r.criticalFor, pgCaughtUp),
  ],

  local myAlerts = [
    lagAlert('HeadroomMySQLReplicationLag', 'MySQL', myLag, c.teams.mysql, c.severities.ticket, r.lagWarningSeconds, r.warningFor),
    lagAlert('HeadroomMySQLReplicationLag', 'MySQL', myLag, c.teams.mysql, c.severities.page, r.lagCriticalSeconds, r.criticalFor),
    {
      alert: 'HeadroomMySQLReplicationNotRunning',
      // One alert per stopped thread, labelled thread="io" or thread="sql".
      expr: u.fmt(|||
        label_replace(mysql_slave_status_slave_io_running{%(s)s} == 0, "thread", "io", "", "")
        or
        label_replace(mysql_slave_status_slave_sql_running{%(s)s} == 0, "thread", "sql", "", "")
      |||, { s: mySel }),
      'for': r.notRunningFor,
      labels: { severity: c.severities.page, [c.teamLabel]: c.teams.mysql },
      annotations: {
        summary: 'MySQL replication is stopped on a replica.',
        description: u.fmt('The replication {{ $labels.thread }} thread of MySQL replica {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}, channel "{{ $labels.channel_name }}") has not been running for %(for)s: the replica serves ever older data.', { cl: cl, 'for': r.notRunningFor }),
      },
    },
  ],

  prometheusRules+:: {
    groups+: [
      {
        name: c.groupPrefix + '-replication',
        rules: (if c.families.postgres then pgRules else []) + (if c.families.mysql then myRules else []),
      },
    ],
  },

  prometheusAlerts+:: {
    groups+: [
      {
        name: c.groupPrefix + '-replication-alerts',
        rules: (if c.families.postgres then pgAlerts else []) + (if c.families.mysql then myAlerts else []),
      },
    ],
  },
}
