// Scaling & capacity: what the autoscaler did and why, where it hit its limits, and when the
// replica count is forecast to reach its maximum.
local g = import '../lib/g.libsonnet';

function(c) {
  local cfg = c.config,
  local hpaSel = c.sel([c.m.cluster, c.m.namespace, c.m.hpa]),
  local podSel = c.sel([c.m.cluster, c.m.namespace, c.m.service]),
  local hpa(kind) = '%s{%s}' % [c.rec('namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_%s:max' % kind), hpaSel],
  local current = hpa('status_current_replicas'),
  local desired = hpa('status_desired_replicas'),
  local minR = hpa('spec_min_replicas'),
  local maxR = hpa('spec_max_replicas'),
  // The pods' usage against their requests (cAdvisor over kube-state-metrics, per workload, named
  // `service` by the rules); the memory limit on the same scale.
  local util(resource, op) = '%s{%s}' % [c.rec('namespace_service:%s_ratio_requests:%s' % [{ cpu: 'container_cpu_usage', memory: 'container_memory_working_set' }[resource], op]), podSel],
  local memLimit = '%s{%s}' % [c.rec('namespace_service:kube_pod_container_resource_limits_memory:ratio_requests'), podSel],
  local hpaBy = c.sel([cfg.clusterLabel, cfg.namespaceLabel, 'horizontalpodautoscaler']),
  // kube-state-metrics reports a utilization target in percent.
  local cpuTarget = 'max by (%s) (kube_horizontalpodautoscaler_spec_target_metric{%s})' % [
    hpaBy,
    c.sel([cfg.selectors.hpa, hpaSel, 'metric_name="cpu"', 'metric_target_type="utilization"']),
  ],
  local hpaAlerts = ['HeadroomHPAAtMaxReplicas', 'HeadroomHPAScaleUpStalled', 'HeadroomHPAReplicasMismatch', 'HeadroomHPAFlapping', 'HeadroomHPAScalingInactive', 'HeadroomHPAUnableToScale'],
  // Capacity planning: demand against what the maximum can carry, forecast far enough ahead to
  // show when it runs out, with the planned growth. Raw series (deduplicated like the rules) and
  // the 5 min request rate (its rule keeps the whole history): a rule has history only from when
  // it was loaded, and these read weeks.
  local plan = cfg.dashboards.capacityPlanning,
  local horizon = '%dd' % plan.horizonDays,
  local history = '%dd' % plan.historyDays,
  local rawHpa(kind) = 'max by (%s) (kube_horizontalpodautoscaler_%s{%s})' % [hpaBy, kind, c.sel([cfg.selectors.hpa, hpaSel])],
  local maxReplicas = 'sum(%s)' % rawHpa('spec_max_replicas'),
  // The CPU utilisation each autoscaler judges (its pods' usage over their requests, in percent):
  // kube-state-metrics' status of the HPA, raw, so weeks of it.
  local cpuNow = 'max by (%s) (kube_horizontalpodautoscaler_status_target_metric{%s})' % [
    hpaBy,
    c.sel([cfg.selectors.hpa, hpaSel, 'metric_name="cpu"', 'metric_target_type="utilization"']),
  ],
  local perHpa(a, b) = 'sum(%s * on (%s) %s)' % [a, hpaBy, b],
  local rps = 'sum(%s{%s})' % [c.rec('namespace_service:http_requests:rate5m'), podSel],
  // Replicas the load needs at the target, per autoscaler: replicas x utilisation / target (what
  // it would ask for without a maximum; both in percent).
  local replicasNeeded = 'sum(%s * on (%s) %s / on (%s) %s)' % [rawHpa('status_current_replicas'), hpaBy, cpuNow, hpaBy, cpuTarget],
  // Requests per second the maximum serves at the target: each replica serves rps / (replicas x
  // utilisation) per unit of CPU, and the maximum runs maxReplicas x target of it.
  local servedAtMax = '%s * %s / %s' % [rps, perHpa(rawHpa('spec_max_replicas'), cpuTarget), perHpa(rawHpa('status_current_replicas'), cpuNow)],
  // Capacity is about the busy hours: one point a day, the 90th percentile of the day's 5-minute
  // values (above the quiet night, below a few minutes of spike), or its median for a capacity.
  local daily(q, expr) = 'quantile_over_time(%s, (%s)[1d:5m])' % [q, expr],
  local growthText = if plan.growthPercentPerYear > 0 then ', with %s %% a year of planned growth on top of the trend' % c.num(plan.growthPercentPerYear) else '',
  local scenarios = std.join(', ', [std.toString(p) for p in plan.growthScenariosPercentPerYear]),
  local scenarioText = if scenarios != '' then ' (dotted: the growth scenarios %s %% a year, the header says when each reaches the maximum)' % scenarios else '',

  local panels = [
    g.panel.row('Autoscaler'),
    g.panel.stat('Replicas', description='Current replicas of the selected autoscalers.')
    + g.panel.withTargets([g.target.prometheus('sum(%s)' % current, legend='current')])
    + g.panel.withThresholds([['blue', null]]),
    g.panel.stat('Maximum replicas', description="The autoscalers' maxReplicas: the ceiling of the scaling range.", graph=false)
    + g.panel.withTargets([g.target.prometheus('sum(%s)' % maxR, legend='max', instant=true)])
    + g.panel.withThresholds([['text', null]]),
    g.panel.stat('Time at maximum', description='Share of the time range spent at maxReplicas (HeadroomHPAAtMaxReplicas fires after %s there).' % cfg.hpa.atMaxFor, unit='percentunit', graph=false)
    + g.panel.withTargets([g.target.prometheus('max(avg_over_time((%s >= bool %s)[$__range:1m]))' % [current, maxR], legend='at max', instant=true)])
    + g.panel.withThresholds([['green', null], ['orange', 0.0001]])
    + g.panel.withLinks(c.runbooks(['HeadroomHPAAtMaxReplicas'])),
    g.panel.stat('Replica changes', description='Scale events in the time range (more than %d within %s is flapping).' % [cfg.hpa.flappingChanges, cfg.hpa.flappingWindow], graph=false)
    + g.panel.withTargets([g.target.prometheus('sum(changes(%s[$__range]))' % current, legend='changes', instant=true)])
    + g.panel.withThresholds([['blue', null]])
    + g.panel.withLinks(c.runbooks(['HeadroomHPAFlapping'])),
    g.panel.scalingTimeline('Scaling timeline', description='Replicas with the min/max band, scale events and their reasons (utilisation against the target), time at the ceiling, reaction delay and flapping.')
    + g.panel.withRoleTargets([
      ['current', g.target.prometheus(current, legend='current')],
      ['desired', g.target.prometheus(desired, legend='desired')],
      ['min', g.target.prometheus(minR, legend='min')],
      ['max', g.target.prometheus(maxR, legend='max')],
      ['utilisation', g.target.prometheus(util('cpu', 'avg'), legend='cpu')],
      ['target', g.target.prometheus(cpuTarget, legend='cpu target')],
    ])
    // Steps of at most a minute up to 7 days (scale events are minutes apart: the cooldown), so
    // every replica change is one step of the line and the events agree with "Replica changes".
    + g.panel.withMaxDataPoints(7 * 24 * 60 + 1)
    + g.panel.withOptions({
      workloadLabel: 'horizontalpodautoscaler',
      flapWindowSeconds: c.seconds(cfg.hpa.flappingWindow),
    })
    + g.panel.withLinks(c.runbooks(hpaAlerts))
    + g.panel.size(24, 12),

    g.panel.row('Capacity'),
    g.panel.capacityForecast('Replicas needed at the target against the maximum', description='Replicas the load needs at the CPU target (replicas x the utilisation the autoscaler judges / target: what it would ask for without a maximum), the 90th percentile of each day, forecast %s ahead from the last %s%s%s, against maxReplicas (query B): when demand outgrows the maximum.' % [horizon, history, growthText, scenarioText])
    + g.panel.withTargets([
      g.target.prometheus(daily(0.9, replicasNeeded), legend='replicas needed (p90 of the day)'),
      g.target.prometheus(maxReplicas, legend='max replicas'),
    ])
    + g.panel.withMinInterval('1d')
    + g.panel.withOptions({ horizon: horizon, capacitySource: 'query', capacityRefId: 'B', growthPercentPerYear: plan.growthPercentPerYear, growthScenarios: scenarios })
    + g.panel.withTimeFrom(history)
    + g.panel.withLinks(c.runbooks(['HeadroomCapacityExhaustionForecast']))
    + g.panel.size(12, 10),
    g.panel.capacityForecast('Requests per second against what the maximum serves', description='Requests per second (the 90th percentile of each day), forecast %s ahead from the last %s%s%s, against what maxReplicas serve at the CPU target (query B: maxReplicas x target x requests per replica per unit of CPU, the median of each day).' % [horizon, history, growthText, scenarioText])
    + g.panel.withUnit('reqps')
    + g.panel.withTargets([
      g.target.prometheus(daily(0.9, rps), legend='requests per second (p90 of the day)'),
      g.target.prometheus(daily(0.5, servedAtMax), legend='served at max'),
    ])
    + g.panel.withMinInterval('1d')
    + g.panel.withOptions({ horizon: horizon, capacitySource: 'query', capacityRefId: 'B', growthPercentPerYear: plan.growthPercentPerYear, growthScenarios: scenarios })
    + g.panel.withTimeFrom(history)
    + g.panel.size(12, 10),
    g.panel.timeseries('Utilisation against the target', description="CPU (cAdvisor's usage over %s) and memory working set against the pods' requests: the workload's (avg: usage / requests, as the autoscaler computes it) and the busiest pod's (max). The CPU target is the autoscaler's; the memory limit, on the same scale, is the memory's: a pod above it is killed." % cfg.pods.cpuRateWindow, unit='percentunit', fill=0)
    + g.panel.withTargets([
      g.target.prometheus(util('cpu', 'avg'), legend='CPU avg {{service}}'),
      g.target.prometheus(util('cpu', 'max'), legend='CPU max {{service}}'),
      g.target.prometheus(util('memory', 'avg'), legend='memory avg {{service}}'),
      g.target.prometheus(util('memory', 'max'), legend='memory max {{service}}'),
      g.target.prometheus('%s / 100' % cpuTarget, legend='CPU target {{horizontalpodautoscaler}}'),
      g.target.prometheus(memLimit, legend='memory limit {{service}}'),
    ])
    + c.colors(['utilisation'])
    + g.panel.withOverride('^(CPU target|memory limit) ', { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } }, matcher='byRegexp')
    + g.panel.withSoftRange(softMin=0, softMax=1)
    + g.panel.size(8, 10),
    g.panel.timeseries('Replicas against the limits', fill=0)
    + g.panel.withTargets([
      g.target.prometheus(current, legend='current {{horizontalpodautoscaler}}'),
      g.target.prometheus(desired, legend='desired {{horizontalpodautoscaler}}'),
      g.target.prometheus(minR, legend='min {{horizontalpodautoscaler}}'),
      g.target.prometheus(maxR, legend='max {{horizontalpodautoscaler}}'),
    ])
    + c.colors(['replicas'])
    + g.panel.withOverride('^(min|max) ', { 'custom.lineStyle': { fill: 'dash', dash: [10, 10] } }, matcher='byRegexp')
    + g.panel.withLinks(c.runbooks(['HeadroomHPAAtMaxReplicas', 'HeadroomHPAScaleUpStalled', 'HeadroomHPAReplicasMismatch'])),
    g.panel.timeseries('Pods', description="Pods of each workload (kube-state-metrics' kube_pod_owner, through the ReplicaSet to its Deployment).", fill=0)
    + g.panel.withTargets([g.target.prometheus('%s{%s}' % [c.rec('namespace_service:kube_pod_owner:count'), podSel], legend='{{service}}')]),
  ],

  dashboards:: if !cfg.families.hpa then {} else {
    [c.uid('scaling') + '.json']: c.dashboard(
      'scaling',
      'Scaling & capacity',
      'What the autoscaler did and why, where it hit its limits, and when the replica count reaches its maximum.',
      [
        c.vars.datasource,
        c.vars.cluster('kube_horizontalpodautoscaler_spec_max_replicas', cfg.selectors.hpa),
        c.vars.namespace('kube_horizontalpodautoscaler_spec_max_replicas', cfg.selectors.hpa),
        c.vars.hpa,
        c.vars.service,
      ],
      panels,
    ),
  },
}
