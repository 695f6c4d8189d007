// What every Headroom dashboard shares, computed from the mixin (`root`): its `_config`, the
// recording rules and alerts of the rules pack. Used as `local c = (import 'common.libsonnet')($)`.
//
// - rec(name): a recording rule name, checked to exist in alerts/ (prometheusRules): a renamed
//   or disabled rule fails the render instead of leaving an empty panel;
// - runbook(alert): a panel link to the alert's runbook (runbookURLPattern), checked to exist;
// - selectors built from the variables ($cluster, $namespace, $service, ...);
// - the template variables, and `dashboard(...)` with the links and tags every dashboard has.
local g = import '../lib/g.libsonnet';

function(root)
  local c = root._config;
  local d = c.dashboards;
  // Computed once per call: locals of a function body are evaluated once, whereas object
  // fields and object locals are evaluated again on every access.
  local records = std.set([
    r.record
    for grp in root.prometheusRules.groups
    for r in grp.rules
    if std.objectHas(r, 'record')
  ]);
  local alerts = std.set([
    r.alert
    for grp in root.prometheusAlerts.groups
    for r in grp.rules
    if std.objectHas(r, 'alert')
  ]);
  // Matchers on the variables, built once.
  local m = {
    cluster: c.clusterLabel + '=~"$cluster"',
    namespace: c.namespaceLabel + '=~"$namespace"',
    service: d.serviceLabel + '=~"$service"',
    hpa: 'horizontalpodautoscaler=~"$hpa"',
    job: 'job=~"$job"',
  };
  {
    config:: c,

    rec(name)::
      assert std.setMember(name, records)
             : 'dashboards: recording rule %s is not defined by the rules pack (alerts/); render the rules or change the dashboard' % name;
      name,

    runbook(alert)::
      assert std.setMember(alert, alerts)
             : 'dashboards: alert %s is not defined by the rules pack (alerts/), so it has no runbook' % alert;
      g.link.panel('Runbook: %s' % alert, c.runbookURLPattern % alert),
    runbooks(names):: [self.runbook(a) for a in names],

    uid(name):: d.uidPrefix + '-' + name,

    // Fixed colours for the series of the given groups of _config.dashboards.seriesColors
    // (components, pricing, percentiles, ...): the same series has the same colour everywhere.
    colors(groups):: {
      fieldConfig+: { overrides+: [
        (g.panel.withOverride(rule[0], { color: { mode: 'fixed', fixedColor: rule[1] } }, matcher='byRegexp')).fieldConfig.overrides[0]
        for grp in groups
        for rule in d.seriesColors[grp]
      ] },
    },

    // A number as PromQL and titles write it: 0.001, 14.4, 0.5.
    num(x):: std.format('%g', x),
    // Prometheus duration ('30m', '1d') in seconds.
    seconds(dur)::
      local n = std.length(dur);
      std.parseInt(dur[0:n - 1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[dur[n - 1]],

    // Label matchers, empty parts dropped: sel(['a="1"', '', 'b=~"$b"']) == 'a="1", b=~"$b"'.
    sel(parts):: std.join(', ', std.filter(function(p) p != '', parts)),

    m:: m,

    // SLO recording rules are named after slo.groupLabels (alerts/lib/slo.libsonnet).
    sloLevel:: std.join('_', c.slo.groupLabels),

    // ---- Variables ----------------------------------------------------------------------

    vars:: {
      datasource: g.variable.datasource('datasource', 'prometheus', label='Data source', current=c.datasourceName),
      costDatasource: g.variable.datasource('costDatasource', 'headroom-cost-datasource', label='Cost data source', current=c.costDatasourceName),
      // Cluster and namespace pickers list the label values of `metric{matchers}` (metric may be
      // '' with a __name__ matcher).
      cluster(metric, matchers=''):: g.variable.query(
        'cluster',
        'label_values(%s{%s}, %s)' % [metric, $.sel([matchers]), c.clusterLabel],
        label='Cluster',
        hide=!d.showMultiCluster,
      ),
      namespace(metric, matchers=''):: g.variable.query(
        'namespace',
        'label_values(%s{%s}, %s)' % [metric, $.sel([matchers, $.m.cluster]), c.namespaceLabel],
        label='Namespace',
      ),
      service:: g.variable.query(
        'service',
        'label_values(http_requests_total{%s}, %s)' % [$.sel([c.selectors.http, $.m.cluster, $.m.namespace]), d.serviceLabel],
        label='Service',
      ),
      hpa:: g.variable.query(
        'hpa',
        'label_values(kube_horizontalpodautoscaler_spec_max_replicas{%s}, horizontalpodautoscaler)' % $.sel([c.selectors.hpa, $.m.cluster, $.m.namespace]),
        label='Autoscaler',
      ),
      // Exporter jobs of the data tier: any of `metrics` (a list of metric names).
      job(metrics):: g.variable.query(
        'job',
        'label_values({%s}, job)' % $.sel(['__name__=~"%s"' % std.join('|', metrics), $.m.cluster, $.m.namespace]),
        label='Job',
      ),
    },

    // ---- Dashboard ----------------------------------------------------------------------

    // Every dashboard: uid '<prefix>-<name>', the common tags, the dropdown of all Headroom
    // dashboards, and the given variables (a datasource variable first) and panels.
    dashboard(name, title, description, variables, panels, links=[])::
      g.dashboard.new(
        d.titlePrefix + title,
        self.uid(name),
        tags=d.tags,
        description=description,
        from=d.from,
        refresh=d.refresh,
        timezone=d.timezone,
      )
      + g.dashboard.withLinks(links + [g.link.dashboards('Headroom', d.tags)])
      + g.dashboard.withVariables(variables)
      + g.dashboard.withPanels(panels),

    // Grafana unit of the configured currency.
    currencyUnit:: 'currency' + c.cost.currency,
  }
