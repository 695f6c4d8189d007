// The application's database connection pools against their size: connections in use / the
// pool's maximum, per pool of each instance (every pod opens its own pool, and one full pool
// makes its requests wait), under either family of names (_config.pool):
//   HikariCP through Micrometer (`hikaricp.connections.active` / `.max`, tag `pool`):
//     hikaricp_connections_active / hikaricp_connections_max
//   OpenTelemetry's semantic conventions (db.client.connection.count{state=used} / .max):
//     db_client_connection_count{db_client_connection_state="used"} / db_client_connection_max,
//     the pool's name (db_client_connection_pool_name) copied to `pool`.
// The recording rule keeps its first name (instance_pool:hikaricp_connections:usage_ratio) so the
// dashboards and users' queries on it keep working; it holds the pools of both families.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local p = c.pool,
  local cl = c.clusterLabel,
  local on = u.by(cl, ['namespace', 'job', 'instance', 'pool']),
  local s = u.sel([c.selectors.pool]),

  local usage = 'instance_pool:hikaricp_connections:usage_ratio',
  local asPool(series) = 'label_replace(%s, "pool", "$1", "db_client_connection_pool_name", "(.*)")' % series,
  // [used, max] per family in use.
  local families = std.filter(function(f) f != null, [
    if p.hikariCP then ['hikaricp_connections_active{%s}' % s, 'hikaricp_connections_max{%s}' % s],
    if p.openTelemetry then [
      asPool('db_client_connection_count{%s}' % u.sel(['db_client_connection_state="used"', s])),
      asPool('db_client_connection_max{%s}' % s),
    ],
  ]),
  assert !c.families.pool || std.length(families) > 0 : '_config.pool: set hikariCP or openTelemetry (or both) to true',
  local indent(text) = std.join('', ['  ' + l + '\n' for l in std.split(std.rstripChars(text, '\n'), '\n')]),
  // No series while the pool's maximum is unknown or 0 (no division by zero).
  local ratio(f) = u.fmt('max by (%(on)s) (%(used)s)\n/ on (%(on)s)\n(max by (%(on)s) (%(max)s) > 0)\n', { on: on, used: f[0], max: f[1] }),

  prometheusRules+:: {
    groups+: if !c.families.pool then [] else [
      {
        name: c.groupPrefix + '-pool',
        rules: [
          {
            record: usage,
            expr: if std.length(families) == 1 then ratio(families[0]) else std.join('or\n', ['(\n' + indent(ratio(f)) + ')\n' for f in families]),
          },
        ],
      },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !c.families.pool then [] else [
      {
        name: c.groupPrefix + '-pool-alerts',
        rules: [
          {
            alert: 'HeadroomConnectionPoolHigh',
            expr: '%s > %s\n' % [usage, u.num(p.usageRatio)],
            'for': p.usageFor,
            labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.pool },
            annotations: {
              summary: "An application's database connection pool is nearly exhausted.",
              description: u.fmt('Pool {{ $labels.pool }} of {{ $labels.instance }} (job {{ $labels.job }}, cluster {{ $labels.%(cl)s }}) has {{ $value | humanizePercentage }} of its connections in use, above %(pct)s %% for %(for)s: requests will soon wait for a connection.', {
                cl: cl,
                pct: u.num(p.usageRatio * 100),
                'for': p.usageFor,
              }),
            },
          },
        ],
      },
    ],
  },
}
