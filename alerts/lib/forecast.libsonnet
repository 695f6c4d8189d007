// Capacity exhaustion from the forecast `headroom forecast serve` exposes (headroom_forecast_*):
// the probability that a configured series reaches its capacity within 14 days (page) or 30
// days (ticket), and the exporter failing to refresh an entry. The probability is trusted only
// while the entry's last refresh succeeded (headroom_forecast_up == 1) and is recent: a stuck
// exporter keeps serving its last numbers, which must not page.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local f = c.forecast,
  local sel = u.sel([f.selector]),
  local prob(window) = 'headroom_forecast_exhaustion_probability{' + u.sel([sel, 'window="' + window + '"']) + '}',
  local fresh = u.fmt(|||
    and on (forecast)
    (max by (forecast) (headroom_forecast_up{%(sel)s}) == 1)
    and on (forecast)
    (time() - max by (forecast) (headroom_forecast_last_refresh_timestamp_seconds{%(sel)s}) < %(stale)s)
  |||, { sel: sel, stale: f.staleSeconds }),
  local where = 'Forecast {{ $labels.forecast }} of {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }}',
  local labels(sev) = { severity: sev, [c.teamLabel]: c.teams.capacity },

  local alerts = [
    {
      alert: 'HeadroomCapacityExhaustion14d',
      expr: u.fmt(|||
        %(p14)s >= %(page)s
        %(fresh)s
      |||, { p14: prob('14d'), page: u.num(f.page.probability), fresh: std.rstripChars(fresh, '\n') }),
      'for': f.page['for'],
      labels: labels(c.severities.page),
      annotations: {
        summary: 'Capacity is likely to run out within 14 days.',
        description: where + ' reaches its capacity within 14 days with probability {{ printf "%.2f" $value }} (at or above ' + u.num(f.page.probability) + '): add capacity or cut demand now.',
      },
    },
    {
      alert: 'HeadroomCapacityExhaustion30d',
      // The 14-day page covers the nearer case: one notification per series.
      expr: u.fmt(|||
        (%(p30)s >= %(ticket)s unless ignoring (window) %(p14)s >= %(page)s)
        %(fresh)s
      |||, {
        p30: prob('30d'),
        p14: prob('14d'),
        ticket: u.num(f.ticket.probability),
        page: u.num(f.page.probability),
        fresh: std.rstripChars(fresh, '\n'),
      }),
      'for': f.ticket['for'],
      labels: labels(c.severities.ticket),
      annotations: {
        summary: 'Capacity is likely to run out within 30 days.',
        description: where + ' reaches its capacity within 30 days with probability {{ printf "%.2f" $value }} (at or above ' + u.num(f.ticket.probability) + '): plan capacity.',
      },
    },
    {
      alert: 'HeadroomForecastDown',
      expr: u.fmt(|||
        max by (%(cl)s, job, forecast) (headroom_forecast_up{%(sel)s}) == 0
      |||, { cl: c.clusterLabel, sel: sel }),
      'for': f.downFor,
      labels: labels(c.severities.ticket),
      annotations: {
        summary: 'The capacity forecast exporter cannot refresh a forecast.',
        description: 'headroom forecast serve (job {{ $labels.job }}) has failed to refresh forecast {{ $labels.forecast }} for ' + f.downFor + ' (see headroom_forecast_errors_total by kind): the forecast alerts for it are silent meanwhile.',
      },
    },
  ],

  prometheusAlerts+:: {
    groups+: [
      {
        name: c.groupPrefix + '-forecast-alerts',
        rules: if c.families.capacity then alerts else [],
      },
    ],
  },
}
