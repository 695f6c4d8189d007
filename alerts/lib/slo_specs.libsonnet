// SLOs as specs: one set of recording rules and burn-rate alerts per SLO of `_config.sloSpecs`
// (generated from alerts/slos.yaml into alerts/slos.json by alerts/slo/convert.ts). Each SLO has
// its own selector, objective, period, tiers, traffic floor and labels, and keeps every guard of
// the pack's default SLOs (lib/slo.libsonnet): traffic floor, low-traffic outage path, history
// coverage in the paging tiers' long windows, only while the service is scraped, no NaN.
// Series are recorded per cluster, namespace and service with the label `slo` (the SLO's name).
local leOf = import 'slo_threshold.libsonnet';
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local defaults = c.slo,
  local specs = std.get(c, 'sloSpecs', { histograms: {}, slos: [] }),
  local level = std.join('_', defaults.groupLabels + ['slo']),
  local by = u.by(c.clusterLabel, defaults.groupLabels),

  // Names of the recorded series (the SLO-list dashboard reads them too).
  local rec = {
    requests(w): level + ':sli_requests:rate' + w,
    bad(w): level + ':sli_bad:rate' + w,
    badRatio(w): level + ':sli_bad:ratio_rate' + w,
    coverage(w): level + ':slo_window_coverage:ratio' + w,
    periodRatio: level + ':sli_bad:ratio_rate_period',
    budget: level + ':slo_error_budget_remaining:ratio',
    exhaustion: level + ':slo_budget_exhaustion:seconds',
  },

  // One SLO, its defaults filled from _config.slo.
  local tierFields = ['longWindow', 'shortWindow', 'factor', 'severity', 'for'],
  local complete(s, tiers) = std.mapWithKey(function(k, t)
    if t == null then null
    else
      local missing = [f for f in tierFields if !std.objectHas(t, f)];
      if missing == [] then t
      else error 'SLO ' + s.name + ': tiers.' + k + ': missing ' + std.join(', ', missing)
                 + ' (a tier the pack does not define, or removed, needs ' + std.join(', ', tierFields) + ')', tiers),
  local resolve(s) =
    local tiers = u.tiers(complete(s, std.mergePatch(defaults.burnRateTiers, std.get(s, 'tiers', {}))));
    local sli = s.sli;
    local base = u.sel(['service="' + s.service + '"', std.get(sli, 'selector', '')]);
    local isLatency = sli.kind == 'latency';
    local le = if isLatency then leOf(s.name, sli.thresholdSeconds, specs.histograms[sli.histogram]) else null;
    local bucket(l) = sli.histogram + '_bucket{' + u.sel([base, 'le="' + l + '"']) + '}';
    s {
      tiers: tiers,
      period: std.get(s, 'period', defaults.period),
      minRequestRate: std.get(s, 'minRequestRate', defaults.minRequestRate),
      outage: if isLatency then null else std.get(s, 'outage', defaults.outage),
      labels: std.get(s, 'labels', {}),
      team: std.get(s, 'team', c.teams.http),
      le: le,
      budget: u.num(1 - s.objective),
      // Windows recorded: both of each tier, 5m (period sums) and the current-burn window.
      windows: std.set(['5m', c.sloSpecBurnWindow] + std.flattenArrays([[t.longWindow, t.shortWindow] for t in tiers]), u.seconds),
      total: if isLatency then bucket('+Inf') else sli.counter + '{' + base + '}',
      badSel: if isLatency then null else sli.counter + '{' + u.sel([base, sli.errorSelector]) + '}',
      threshold: if isLatency then bucket(le) else null,
      sel: { slo: s.name },
    },
  local slos = [resolve(s) for s in specs.slos],

  local sum(expr) = 'sum by (' + by + ') (' + expr + ')',
  local rate(sel, w) = sum('rate(' + sel + '[' + w + '])'),
  // Bad events per second over w; 0 (not a gap) while there are requests but no bad series.
  local badRate(s, w) =
    if s.sli.kind == 'latency'
    then '(' + rate(s.total, w) + ' - ' + rate(s.threshold, w) + ')'
    else rate(s.badSel, w),
  local fmt = u.fmt,

  local windowRules(s, w) = [
    { record: rec.requests(w), labels: s.sel, expr: rate(s.total, w) + '\n' },
    {
      // Bad / all; 0 (not NaN) at zero traffic.
      record: rec.badRatio(w),
      labels: s.sel,
      expr: fmt('%(bad)s\n/\n(%(all)s > 0)\nor\n0 * %(all)s\n', { bad: badRate(s, w), all: rate(s.total, w) }),
    },
  ] + (if w != '5m' then [] else [
         {
           record: rec.bad(w),
           labels: s.sel,
           expr: fmt('%(bad)s\nor\n0 * %(all)s\n', { bad: badRate(s, w), all: rate(s.total, w) }),
         },
       ]),

  // As lib/slo.libsonnet's coverage: share of `historyProbes` points of w with a request series.
  local coverageRule(s, w) =
    local secs = u.seconds(w);
    local step = std.max(1, std.ceil(secs / defaults.historyProbes));
    {
      record: rec.coverage(w),
      labels: s.sel,
      expr: fmt('clamp_max(\n  count_over_time((group by (%(by)s) (%(all)s))[%(w)s:%(step)ss])\n  /\n  %(n)s,\n  1\n)\n', {
        by: by,
        all: s.total,
        w: w,
        step: step,
        n: std.floor(secs / step),
      }),
    },

  local sloSel(s) = '{slo="' + s.name + '"}',

  local budgetRules(s) = [
    {
      record: rec.periodRatio,
      labels: s.sel { slo_period: s.period },
      expr: fmt('sum_over_time(%(bad)s[%(p)s])\n/\n(sum_over_time(%(all)s[%(p)s]) > 0)\nor\n0 * sum_over_time(%(all)s[%(p)s])\n', {
        bad: rec.bad('5m') + sloSel(s),
        all: rec.requests('5m') + sloSel(s),
        p: s.period,
      }),
    },
  ],
  // 1 untouched, 0 spent, negative overspent; and seconds until it is spent at the burn of the
  // last `sloSpecBurnWindow` (0 once spent; no series while nothing burns: never at this rate).
  local remainingRules(s) = [
    {
      record: rec.budget,
      labels: s.sel,
      expr: '1 - ' + rec.periodRatio + sloSel(s) + ' / ' + s.budget + '\n',
    },
  ],
  local exhaustionRules(s) = [
    {
      record: rec.exhaustion,
      labels: s.sel,
      expr: fmt('clamp_min(%(rem)s, 0) * %(ps)s\n/ on (%(by)s, slo)\n(%(ratio)s / %(budget)s > 0)\n', {
        by: by,
        rem: rec.budget + sloSel(s),
        ps: u.seconds(s.period),
        ratio: rec.badRatio(c.sloSpecBurnWindow) + sloSel(s),
        budget: s.budget,
      }),
    },
  ],

  local burnAlert(s, t) =
    local weighted = std.get(t, 'history', false);
    local p = {
      long: rec.badRatio(t.longWindow) + sloSel(s),
      short: rec.badRatio(t.shortWindow) + sloSel(s),
      traffic: rec.requests(t.longWindow) + sloSel(s),
      cov: rec.coverage(t.longWindow) + sloSel(s),
      budget: s.budget,
      factor: u.num(t.factor),
      minRate: u.num(std.get(t, 'minRequestRate', s.minRequestRate)),
      by: by,
      present: s.total,
      name: s.name,
      period: s.period,
      pct: u.num(s.objective * 100),
      lw: t.longWindow,
      sw: t.shortWindow,
      cl: c.clusterLabel,
      thresholdPct: u.num(t.factor * (1 - s.objective) * 100),
      bad: if s.sli.kind == 'latency' then 'took longer than ' + u.num(s.sli.thresholdSeconds) + 's' else 'failed',
    };
    {
      alert: 'HeadroomSLOBurn',
      // $value is the burn rate over the long window (1 = exactly on budget).
      expr: fmt('%(long)s / %(budget)s > %(factor)s\nand\n%(short)s / %(budget)s > %(factor)s\nand\n%(traffic)s >= %(minRate)s', p)
            + (if weighted then fmt('\nand\n%(long)s * %(cov)s / %(budget)s > %(factor)s', p) else '')
            + fmt('\nand on (%(by)s)\ngroup by (%(by)s) (%(present)s)\n', p),
      'for': t['for'],
      labels: s.labels {
        severity: t.severity,
        slo: s.name,
        sli: s.sli.kind,
        slo_tier: t.name,
        long_window: t.longWindow,
        short_window: t.shortWindow,
        [c.teamLabel]: s.team,
      },
      annotations: {
        summary: 'An SLO burns its error budget too fast (' + t.name + ' burn over ' + t.longWindow + ' and ' + t.shortWindow + ').',
        description: fmt('SLO %(name)s of service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}) burns its %(period)s error budget (objective %(pct)s %%) {{ printf "%%.1f" $value }}x faster than sustainable over the last %(lw)s, and over the last %(sw)s too: more than %(thresholdPct)s %% of requests %(bad)s. The alert line is %(factor)sx with at least %(minRate)s req/s.', p),
      },
    },

  local outageAlert(s) =
    local o = s.outage;
    local p = {
      by: by,
      errs: s.badSel,
      reqs: s.total,
      w: o.window,
      ratio: u.num(o.errorRatio),
      minErrors: u.num(o.minErrors),
      pct: u.num(o.errorRatio * 100),
      cl: c.clusterLabel,
      name: s.name,
    };
    {
      alert: 'HeadroomSLOOutage',
      // $value is the share of failed requests over the window.
      expr: fmt('sum by (%(by)s) (increase(%(errs)s[%(w)s]))\n/\nsum by (%(by)s) (increase(%(reqs)s[%(w)s]))\n>= %(ratio)s\nand on (%(by)s)\nsum by (%(by)s) (increase(%(errs)s[%(w)s])) >= %(minErrors)s\n', p),
      'for': o['for'],
      labels: s.labels { severity: o.severity, slo: s.name, sli: s.sli.kind, [c.teamLabel]: s.team },
      annotations: {
        summary: 'A service fails (nearly) every request: an outage, whatever its traffic.',
        description: fmt('SLO %(name)s of service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}): {{ $value | humanizePercentage }} of its requests failed over the last %(w)s, with at least %(minErrors)s failed requests: the line is %(pct)s %% of requests failing, at any request rate.', p),
      },
    },

  local bucketMissing(s) = {
    alert: 'HeadroomSLOSpecBucketMissing',
    expr: fmt('count by (%(by)s) (%(all)s)\nunless\ncount by (%(by)s) (%(thr)s)\n', { by: by, all: s.total, thr: s.threshold }),
    'for': c.absentFor,
    labels: s.labels { severity: c.severities.ticket, slo: s.name, [c.teamLabel]: s.team },
    annotations: {
      summary: 'The latency SLO threshold is not a bucket boundary of the request-duration histogram.',
      description: fmt('Service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}) exports %(h)s_bucket without le="%(le)s", so SLO %(name)s reads 0 %% slow and its burn alerts cannot fire.', {
        cl: c.clusterLabel,
        h: s.sli.histogram,
        le: s.le,
        name: s.name,
      }),
    },
  },

  local longWindows(s) = std.set([t.longWindow for t in s.tiers if std.get(t, 'history', false)], u.seconds),

  // The SLOs with every default filled (alerts/slo/testgen.ts builds the promtool cases from it).
  sloSpecsResolved:: [
    {
      name: s.name,
      service: s.service,
      sli: s.sli,
      objective: s.objective,
      period: s.period,
      le: s.le,
      buckets: if s.sli.kind == 'latency' then specs.histograms[s.sli.histogram] else null,
      tiers: [t { minRequestRate: std.get(t, 'minRequestRate', s.minRequestRate), history: std.get(t, 'history', false) } for t in s.tiers],
      outage: s.outage,
    }
    for s in slos
  ],

  prometheusRules+:: {
    groups+: std.flattenArrays([
      [
        {
          name: c.groupPrefix + '-slo-spec-' + s.name,
          rules: std.flattenArrays([windowRules(s, w) for w in s.windows])
                 + [coverageRule(s, w) for w in longWindows(s)],
        },
        { name: c.groupPrefix + '-slo-spec-' + s.name + '-period', rules: budgetRules(s) },
        { name: c.groupPrefix + '-slo-spec-' + s.name + '-budget', rules: remainingRules(s) },
        { name: c.groupPrefix + '-slo-spec-' + s.name + '-exhaustion', rules: exhaustionRules(s) },
      ]
      for s in slos
    ]),
  },

  prometheusAlerts+:: {
    groups+: [
      {
        name: c.groupPrefix + '-slo-spec-' + s.name + '-alerts',
        rules: (if s.outage == null then [] else [outageAlert(s)])
               + [burnAlert(s, t) for t in s.tiers]
               + (if s.sli.kind == 'latency' then [bucketMissing(s)] else []),
      }
      for s in slos
    ],
  },
}
