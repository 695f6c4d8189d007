// The application's database connection pools against their size: connections in use
// (hikaricp_connections_active) / the pool's maximum (hikaricp_connections_max), as HikariCP's
// Micrometer binder names them (`hikaricp.connections.active` / `.max`, tag `pool`). Per pool of
// each instance: every pod opens its own pool, and one full pool makes its requests wait.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local p = c.pool,
  local cl = c.clusterLabel,
  local on = u.by(cl, ['namespace', 'job', 'instance', 'pool']),
  local s = u.sel([c.selectors.pool]),

  local usage = 'instance_pool:hikaricp_connections:usage_ratio',

  prometheusRules+:: {
    groups+: if !c.families.pool then [] else [
      {
        name: c.groupPrefix + '-pool',
        rules: [
          {
            // No series while the pool's maximum is unknown or 0 (no division by zero).
            record: usage,
            expr: u.fmt('max by (%(on)s) (hikaricp_connections_active{%(s)s})\n/ on (%(on)s)\n(max by (%(on)s) (hikaricp_connections_max{%(s)s}) > 0)\n', { on: on, s: s }),
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
