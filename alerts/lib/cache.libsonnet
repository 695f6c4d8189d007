// Cache hit ratio from a hits/misses counter pair (Redis keyspace, or any other pair).
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local k = c.cache,
  local cl = c.clusterLabel,
  local sources = [k.sources[n] { name: n } for n in std.objectFields(k.sources) if k.sources[n] != null],

  local p(s) = {
    by: u.by(cl, s.by),
    hits: s.hits + '{' + u.sel([s.selector]) + '}',
    misses: s.misses + '{' + u.sel([s.selector]) + '}',
    w: k.window,
    level: s.level,
    kind: s.name,
    cold: k.coldStart,
    minRate: u.num(k.minLookupRate),
    cl: cl,
  },
  local rec(s) = {
    hits: s.level + ':cache_hits:rate' + k.window,
    lookups: s.level + ':cache_lookups:rate' + k.window,
    ratio: s.level + ':cache_hit:ratio_rate' + k.window,
  },

  local rules(s) = [
    {
      record: rec(s).hits,
      labels: { cache_kind: s.name },
      expr: u.fmt(|||
        sum by (%(by)s) (rate(%(hits)s[%(w)s]))
        or
        0 * sum by (%(by)s) (rate(%(misses)s[%(w)s]))
      |||, p(s)),
    },
    {
      record: rec(s).lookups,
      labels: { cache_kind: s.name },
      expr: u.fmt(|||
        (
          sum by (%(by)s) (rate(%(hits)s[%(w)s]))
          or
          0 * sum by (%(by)s) (rate(%(misses)s[%(w)s]))
        )
        +
        (
          sum by (%(by)s) (rate(%(misses)s[%(w)s]))
          or
          0 * sum by (%(by)s) (rate(%(hits)s[%(w)s]))
        )
      |||, p(s)),
    },
    {
      // hits / (hits + misses); no series (rather than NaN) while there are no lookups.
      record: rec(s).ratio,
      labels: { cache_kind: s.name },
      expr: u.fmt(|||
        (
          sum by (%(by)s) (rate(%(hits)s[%(w)s]))
          or
          0 * sum by (%(by)s) (rate(%(misses)s[%(w)s]))
        )
        /
        (
          (
            sum by (%(by)s) (rate(%(hits)s[%(w)s]))
            or
            0 * sum by (%(by)s) (rate(%(misses)s[%(w)s]))
          )
          +
          (
            sum by (%(by)s) (rate(%(misses)s[%(w)s]))
            or
            0 * sum by (%(by)s) (rate(%(hits)s[%(w)s]))
          )
          > 0
        )
      |||, p(s)),
    },
  ],

  local alert(s, severity, line, forDur, what) = {
    alert: 'HeadroomCacheHitRateLow',
    // Judged only with enough lookups, and only once the cache is warm: its counters existed
    // `coldStart` ago and have not reset (restart, FLUSHALL/CONFIG RESETSTAT) since. Either
    // counter proves it: a hits counter that was never created (no hit yet, e.g. a client
    // library that creates a labelled counter on first use) counts as zero hits, not as cold.
    expr: u.fmt(|||
      %(ratio)s{cache_kind="%(kind)s"} < %(line)s
      and on (%(by)s)
      %(lookups)s{cache_kind="%(kind)s"} >= %(minRate)s
      unless on (%(by)s)
      (
        count by (%(by)s) (resets(%(hits)s[%(cold)s]) > 0)
        or
        count by (%(by)s) (resets(%(misses)s[%(cold)s]) > 0)
      )
      and on (%(by)s)
      (
        count by (%(by)s) (%(hits)s offset %(cold)s)
        or
        count by (%(by)s) (%(misses)s offset %(cold)s)
      )
    |||, p(s) { ratio: rec(s).ratio, lookups: rec(s).lookups, line: u.num(line) }),
    'for': forDur,
    labels: { severity: severity, cache_kind: s.name, [c.teamLabel]: c.teams.cache },
    annotations: {
      summary: 'Cache hit ratio is below the %s of %s %%.' % [what, u.num(line * 100)],
      description: u.fmt('The %(kind)s cache {{ $labels.instance }} (cluster {{ $labels.%(cl)s }}) answers only {{ $value | humanizePercentage }} of lookups from cache over %(w)s, below the %(what)s of %(pct)s %% for %(for)s; the rest goes to the backing store.', p(s) { what: what, pct: u.num(line * 100), 'for': forDur }),
    },
  },

  prometheusRules+:: {
    groups+: if !c.families.cache then [] else [
      { name: c.groupPrefix + '-cache', rules: std.flattenArrays([rules(s) for s in sources]) },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !c.families.cache then [] else [
      {
        name: c.groupPrefix + '-cache-alerts',
        rules: std.flattenArrays([
          [
            alert(s, c.severities.ticket, k.hitRatioFloor, k.floorFor, 'floor'),
            alert(s, c.severities.info, k.hitRatioTarget, k.targetFor, 'target'),
          ]
          for s in sources
        ]),
      },
    ],
  },
}
