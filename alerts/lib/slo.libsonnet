// Availability and latency SLOs on http_requests_total and the request-duration histogram:
// rates and ratios per burn-rate window, error budget remaining over the SLO period, and
// multi-window multi-burn-rate alerts (Google SRE workbook) with a traffic guard.
local leOf = import 'slo_threshold.libsonnet';
local u = import 'utils.libsonnet';

{
  local c = $._config,
  local slo = c.slo,
  local enabled = c.families.http,
  local by = u.by(c.clusterLabel, slo.groupLabels),
  local level = std.join('_', slo.groupLabels),
  local tiers = u.tiers(slo.burnRateTiers),
  local windows = u.sloWindows(slo.burnRateTiers),
  local reqs = 'http_requests_total{' + u.sel([c.selectors.http]) + '}',
  local errs = 'http_requests_total{' + u.sel([c.selectors.http, slo.availability.errorSelector]) + '}',
  local bucket(le) = 'http_request_duration_seconds_bucket{' + u.sel([c.selectors.http, 'le="%s"' % le]) + '}',
  local histograms = std.get(std.get(c, 'sloSpecs', {}), 'histograms', {}),
  local le =
    if !std.objectHas(histograms, 'http_request_duration_seconds')
    then error 'slo.latency: declare the bucket boundaries of http_request_duration_seconds in _config.sloSpecs.histograms (alerts/slos.yaml)'
    else leOf('latency (the default, _config.slo.latency)', slo.latency.thresholdSeconds, histograms.http_request_duration_seconds),
  local leRegex = '`' + std.strReplace(le, '.', '\\.') + '|\\+Inf`',
  local errorBudget(objective) = u.num(1 - objective),

  // Names of the recorded series (the dashboards use them too).
  local rec = {
    requests(w): level + ':http_requests:rate' + w,
    errors(w): level + ':http_requests_errors:rate' + w,
    errorRatio(w): level + ':http_requests_errors:ratio_rate' + w,
    buckets(w): level + '_le:http_request_duration_seconds_bucket:rate' + w,
    slowRatio(w): level + ':http_requests_slow:ratio_rate' + w,
    budget: level + ':slo_error_budget_remaining:ratio' + slo.period,
    coverage(w): level + ':slo_window_coverage:ratio' + w,
  },
  local weighted(t) = std.get(t, 'history', false),
  local longWindows = std.set([t.longWindow for t in tiers if weighted(t)], u.seconds),

  local f = {
    by: by,
    reqs: reqs,
    errs: errs,
    inf: bucket('+Inf'),
    thr: bucket(le),
    leRegex: leRegex,
    sel: c.selectors.http,
    period: slo.period,
  },

  local windowRules(w) = [
    {
      record: rec.requests(w),
      expr: u.fmt('sum by (%(by)s) (rate(%(reqs)s[%(w)s]))\n', f { w: w }),
    },
    {
      // A service without any error series yet records 0, not a gap.
      record: rec.errors(w),
      expr: u.fmt(|||
        sum by (%(by)s) (rate(%(errs)s[%(w)s]))
        or
        0 * sum by (%(by)s) (rate(%(reqs)s[%(w)s]))
      |||, f { w: w }),
    },
    {
      // Errors / requests; 0 (not NaN) at zero traffic.
      record: rec.errorRatio(w),
      expr: u.fmt(|||
        sum by (%(by)s) (rate(%(errs)s[%(w)s]))
        /
        (sum by (%(by)s) (rate(%(reqs)s[%(w)s])) > 0)
        or
        0 * sum by (%(by)s) (rate(%(reqs)s[%(w)s]))
      |||, f { w: w }),
    },
    {
      // The SLO threshold bucket and the total (+Inf) bucket, keeping `le`.
      record: rec.buckets(w),
      expr: u.fmt('sum by (%(by)s, le) (rate(http_request_duration_seconds_bucket{%(s)s}[%(w)s]))\n', f {
        w: w,
        s: u.sel([c.selectors.http, 'le=~' + leRegex]),
      }),
    },
    {
      // Share of requests slower than the threshold, from buckets (not histogram_quantile,
      // which cannot exceed the highest finite bucket); 0 at zero traffic.
      record: rec.slowRatio(w),
      expr: u.fmt(|||
        (
          sum by (%(by)s) (rate(%(inf)s[%(w)s]))
          -
          sum by (%(by)s) (rate(%(thr)s[%(w)s]))
        )
        /
        (sum by (%(by)s) (rate(%(inf)s[%(w)s])) > 0)
        or
        0 * sum by (%(by)s) (rate(%(inf)s[%(w)s]))
      |||, f { w: w }),
    },
  ],

  // Share of window w that holds request data (0..1): at `historyProbes` points spread over the
  // window, does the service have a request or +Inf-bucket series (within the 5m lookback)? The
  // probes are a subquery, so the cost is fixed per service, whatever the window.
  local coverageRule(w) =
    local secs = u.seconds(w);
    local step = std.max(1, std.ceil(secs / slo.historyProbes));
    {
      record: rec.coverage(w),
      expr: u.fmt(|||
        clamp_max(
          count_over_time((group by (%(by)s) (%(reqs)s or %(inf)s))[%(w)s:%(step)ss])
          /
          %(n)s,
          1
        )
      |||, f { w: w, step: step, n: std.floor(secs / step) }),
    },

  local budgetRules = [
    {
      record: level + ':http_requests_errors:ratio_rate' + slo.period,
      expr: u.fmt(|||
        sum_over_time(%(errors5m)s[%(period)s])
        /
        (sum_over_time(%(requests5m)s[%(period)s]) > 0)
        or
        0 * sum_over_time(%(requests5m)s[%(period)s])
      |||, f { errors5m: rec.errors('5m'), requests5m: rec.requests('5m') }),
    },
    {
      record: level + ':http_requests_slow:ratio_rate' + slo.period,
      expr: u.fmt(|||
        (
          sum by (%(by)s) (sum_over_time(%(b)s{le="+Inf"}[%(period)s]))
          -
          sum by (%(by)s) (sum_over_time(%(b)s{le="%(le)s"}[%(period)s]))
        )
        /
        (sum by (%(by)s) (sum_over_time(%(b)s{le="+Inf"}[%(period)s])) > 0)
        or
        0 * sum by (%(by)s) (sum_over_time(%(b)s{le="+Inf"}[%(period)s]))
      |||, f { b: rec.buckets('5m'), le: le }),
    },
    {
      record: rec.budget,
      labels: { slo: 'availability' },
      expr: '1 - ' + level + ':http_requests_errors:ratio_rate' + slo.period + ' / ' + errorBudget(slo.availability.objective) + '\n',
    },
    {
      record: rec.budget,
      labels: { slo: 'latency' },
      expr: '1 - ' + level + ':http_requests_slow:ratio_rate' + slo.period + ' / ' + errorBudget(slo.latency.objective) + '\n',
    },
  ],

  // Per-handler series for dashboards.
  local dashboardRules = [
    {
      record: level + '_handler_code:http_requests:rate5m',
      expr: 'sum by (' + by + ', handler, code) (rate(' + reqs + '[5m]))\n',
    },
    {
      record: level + '_handler_le:http_request_duration_seconds_bucket:rate5m',
      expr: 'sum by (' + by + ', handler, le) (rate(http_request_duration_seconds_bucket{' + u.sel([c.selectors.http]) + '}[5m]))\n',
    },
  ],

  local sloKinds = {
    availability: {
      alert: 'HeadroomErrorBudgetBurn',
      ratio: rec.errorRatio,
      traffic(w): rec.requests(w),
      present: reqs,
      budget: errorBudget(slo.availability.objective),
      objectivePct: u.num(slo.availability.objective * 100),
      what: 'availability',
      bad: 'failed',
      summaryWhat: 'Requests fail fast enough to exhaust the availability error budget',
    },
    latency: {
      alert: 'HeadroomLatencyBudgetBurn',
      ratio: rec.slowRatio,
      traffic(w): 'sum by (' + by + ') (' + rec.buckets(w) + '{le="+Inf"})',
      present: bucket('+Inf'),
      budget: errorBudget(slo.latency.objective),
      objectivePct: u.num(slo.latency.objective * 100),
      what: 'latency',
      bad: 'took longer than ' + u.num(slo.latency.thresholdSeconds) + 's',
      summaryWhat: 'Requests are slow enough to exhaust the latency error budget',
    },
  },

  local burnAlert(kind, t) =
    local k = sloKinds[kind];
    local minRate = std.get(t, 'minRequestRate', slo.minRequestRate);
    local p = {
      long: k.ratio(t.longWindow),
      coverage: if !weighted(t) then '' else u.fmt('\nand\n%(long)s * %(cov)s / %(budget)s > %(factor)s', {
        long: k.ratio(t.longWindow),
        cov: rec.coverage(t.longWindow),
        budget: k.budget,
        factor: u.num(t.factor),
      }),
      present: k.present,
      by: by,
      short: k.ratio(t.shortWindow),
      traffic: k.traffic(t.longWindow),
      budget: k.budget,
      factor: u.num(t.factor),
      minRate: u.num(minRate),
      lw: t.longWindow,
      sw: t.shortWindow,
      period: slo.period,
      pct: k.objectivePct,
      what: k.what,
      bad: k.bad,
      cl: c.clusterLabel,
      thresholdPct: u.num(t.factor * (1 - (if kind == 'availability' then slo.availability.objective else slo.latency.objective)) * 100),
    };
    {
      alert: k.alert,
      // $value is the burn rate over the long window (1 = exactly on budget).
      // With `history`, the long window must also be over the line when its missing part (see
      // historyProbes) counts as error-free; $value stays the plain long-window burn rate. The
      // service must still be scraped now: samples left in the windows by a target that vanished
      // do not keep a page open (HeadroomTargetDown and HeadroomJobSeriesAbsent say it is gone).
      expr: u.fmt(|||
        %(long)s / %(budget)s > %(factor)s
        and
        %(short)s / %(budget)s > %(factor)s
        and
        %(traffic)s >= %(minRate)s%(coverage)s
        and on (%(by)s)
        group by (%(by)s) (%(present)s)
      |||, p),
      'for': t['for'],
      labels: {
        severity: t.severity,
        slo: kind,
        slo_tier: t.name,
        long_window: t.longWindow,
        short_window: t.shortWindow,
        [c.teamLabel]: c.teams.http,
      },
      annotations: {
        summary: k.summaryWhat + ' (' + t.name + ' burn over ' + t.longWindow + ' and ' + t.shortWindow + ').',
        description: u.fmt('Service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}) burns its %(period)s %(what)s error budget (objective %(pct)s %%) {{ printf "%%.1f" $value }}x faster than sustainable over the last %(lw)s, and over the last %(sw)s too: more than %(thresholdPct)s %% of requests %(bad)s. The alert line is %(factor)sx with at least %(minRate)s req/s.', p),
      },
    },

  // The low-traffic outage path: a share of failed requests over a short window with an absolute
  // floor on their number, with no traffic guard (the floor is the guard). Counters go through
  // increase(), so a reset between two samples is absorbed.
  local outageAlert(o) = {
    local p = {
      by: by,
      reqs: reqs,
      errs: errs,
      w: o.window,
      ratio: u.num(o.errorRatio),
      minErrors: u.num(o.minErrors),
      pct: u.num(o.errorRatio * 100),
      cl: c.clusterLabel,
    },
    alert: 'HeadroomServiceOutage',
    // $value is the share of failed requests over the window.
    expr: u.fmt(|||
      sum by (%(by)s) (increase(%(errs)s[%(w)s]))
      /
      sum by (%(by)s) (increase(%(reqs)s[%(w)s]))
      >= %(ratio)s
      and on (%(by)s)
      sum by (%(by)s) (increase(%(errs)s[%(w)s])) >= %(minErrors)s
    |||, p),
    'for': o['for'],
    labels: { severity: o.severity, slo: 'availability', [c.teamLabel]: c.teams.http },
    annotations: {
      summary: 'A service fails (nearly) every request: an outage, whatever its traffic.',
      description: u.fmt('Service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}) failed {{ $value | humanizePercentage }} of its requests over the last %(w)s, with at least %(minErrors)s failed requests: the line is %(pct)s %% of requests failing, at any request rate.', p),
    },
  },
  local outage = std.get(slo, 'outage', null),

  local sloAlerts = (if outage == null then [] else [outageAlert(outage)]) + [burnAlert(kind, t) for kind in ['availability', 'latency'] for t in tiers] + [
    {
      alert: 'HeadroomSLOBucketMissing',
      expr: u.fmt(|||
        count by (%(by)s) (%(inf)s)
        unless
        count by (%(by)s) (%(thr)s)
      |||, f),
      'for': c.absentFor,
      labels: { severity: c.severities.ticket, [c.teamLabel]: c.teams.http },
      annotations: {
        summary: 'The latency SLO threshold is not a bucket boundary of the request-duration histogram.',
        description: u.fmt('Service {{ $labels.service }} in namespace {{ $labels.namespace }} (cluster {{ $labels.%(cl)s }}) exports http_request_duration_seconds_bucket without le="%(le)s", so its latency SLO reads 0 %% slow and HeadroomLatencyBudgetBurn cannot fire.', { cl: c.clusterLabel, le: le }),
      },
    },
  ],

  prometheusRules+:: {
    groups+: if !enabled then [] else [
      {
        name: c.groupPrefix + '-slo-' + w,
        rules: windowRules(w) + (if std.member(longWindows, w) then [coverageRule(w)] else []),
      }
      for w in windows
    ] + [
      { name: c.groupPrefix + '-slo-budget', rules: budgetRules },
      { name: c.groupPrefix + '-http', rules: dashboardRules },
    ],
  },

  prometheusAlerts+:: {
    groups+: if !enabled then [] else [
      { name: c.groupPrefix + '-slo-alerts', rules: sloAlerts },
    ],
  },
}
