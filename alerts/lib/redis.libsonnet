// Redis health (redis_exporter): evictions, memory against maxmemory, refused connections, and a
// Redis its exporter cannot reach. Per instance; part of the cache family.
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local d = c.redis,
  local cl = c.clusterLabel,
  local on = u.by(cl, ['namespace', 'job', 'instance']),
  local s = u.sel([c.selectors.redis]),
  local w = d.window,

  local evictions = 'instance:redis_evicted_keys:rate' + w,
  local memory = 'instance:redis_memory_used:ratio',
  local rejected = 'instance:redis_rejected_connections:rate' + w,

  local rules = [
    { record: evictions, expr: 'sum by (%s) (rate(redis_evicted_keys_total{%s}[%s]))\n' % [on, s, w] },
    {
      // Only where maxmemory is set: 0 means no limit (Redis then never evicts, it runs the
      // host out of memory, which is the host's alert).
      record: memory,
      expr: u.fmt('max by (%(on)s) (redis_memory_used_bytes{%(s)s})\n/ on (%(on)s)\n(max by (%(on)s) (redis_memory_max_bytes{%(s)s}) > 0)\n', { on: on, s: s }),
    },
    { record: rejected, expr: 'sum by (%s) (rate(redis_rejected_connections_total{%s}[%s]))\n' % [on, s, w] },
  ],

  local alert(name, expr, forDur, severity, summary, description) = {
    alert: name,
    expr: expr + '\n',
    'for': forDur,
    labels: { severity: severity, [c.teamLabel]: c.teams.cache },
    annotations: {
      summary: summary,
      description: u.fmt(description, { cl: cl, w: w, 'for': forDur }),
    },
  },

  local alerts = [
    alert(
      'HeadroomRedisEvictions',
      '%s > %s' % [evictions, u.num(d.evictionsPerSecond)],
      d.evictionsFor,
      c.severities.ticket,
      'Redis evicts keys: the cache is full.',
      'Redis {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) has evicted {{ $value | printf "%.3g" }} keys/s over %(w)s, above ' + u.num(d.evictionsPerSecond) + '/s for %(for)s: it drops data it would have served, and the hit ratio suffers.',
    ),
    alert(
      'HeadroomRedisMemoryHigh',
      '%s > %s' % [memory, u.num(d.memoryRatio)],
      d.memoryFor,
      c.severities.ticket,
      'Redis uses most of its maxmemory.',
      'Redis {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) uses {{ $value | humanizePercentage }} of its maxmemory, above ' + u.num(d.memoryRatio * 100) + ' %% for %(for)s: evictions (or, with noeviction, failed writes) come next.',
    ),
    alert(
      'HeadroomRedisRejectedConnections',
      '%s > 0' % rejected,
      d.rejectedFor,
      c.severities.ticket,
      'Redis refuses connections.',
      'Redis {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) has refused {{ $value | printf "%.3g" }} connections/s over %(w)s for %(for)s: maxclients is reached, clients get errors.',
    ),
    // The series exists only while the exporter is scraped (a failing target is HeadroomTargetDown).
    alert(
      'HeadroomRedisDown',
      'redis_up{%s} == 0' % s,
      d.downFor,
      c.severities.page,
      'The Redis exporter answers but cannot reach Redis.',
      'The exporter {{ $labels.instance }} (job {{ $labels.job }}, cluster {{ $labels.%(cl)s }}) has reported Redis down for %(for)s: every lookup misses or fails.',
    ),
  ],

  prometheusRules+:: {
    groups+: if !c.families.cache then [] else [
      { name: c.groupPrefix + '-redis', rules: rules },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !c.families.cache then [] else [
      { name: c.groupPrefix + '-redis-alerts', rules: alerts },
    ],
  },
}
