// Dashboard settings, added to the rules pack's `_config` (alerts/config.libsonnet).
//
// Selectors, thresholds, SLO targets, windows, the cluster label and the runbook URL pattern are
// NOT repeated here: the dashboards read them from the same `_config` the rules are rendered
// from, so a line drawn on a dashboard is the line an alert fires on. Override either part on
// the mixin, e.g.
//   (import 'dashboards/mixin.libsonnet') + { _config+:: {
//     replication+: { lagCriticalSeconds: 30 },  // rules and dashboards
//     dashboards+: { refresh: '30s' },            // dashboards only
//   } }
(import '../alerts/config.libsonnet') + {
  _config+:: {
    // Data sources the dashboards preselect by name (provisioning/datasources/headroom.yaml
    // provisions these names). Each dashboard has a picker, so any other one works too.
    datasourceName: 'Prometheus',
    costDatasourceName: 'Headroom Cost',
    alertmanagerDatasourceName: 'Alertmanager',

    dashboards: {
      // Dashboard uids are '<uidPrefix>-<name>' (headroom-slo, headroom-cost, ...): stable, so
      // links and bookmarks survive re-provisioning.
      uidPrefix: 'headroom',
      titlePrefix: 'Headroom / ',
      tags: ['headroom'],
      timezone: 'utc',
      refresh: '1m',
      from: 'now-6h',
      // false hides the cluster picker (queries still filter on it, with All).
      showMultiCluster: true,
      // Label that names a service (kept by the SLO recording rules through slo.groupLabels).
      serviceLabel: 'service',
      // Error budget remaining below this share is amber; below 0 it is red.
      budgetWarningRatio: 0.25,
      // Percentiles drawn by the latency panels.
      percentiles: [50, 90, 95, 99],
      // Capacity planning (Scaling & capacity, Cost): the demand forecasts read this much history
      // (their own time range, whatever the dashboard's range is: forecasting from 6 hours is
      // noise), look this far ahead (long enough to show when the maximum runs out) and add the
      // traffic growth the business plans for on top of the trend they find.
      capacityPlanning: {
        historyDays: 30,
        horizonDays: 120,
        growthPercentPerYear: 50,
        // Further growth rates drawn beside it, each with when it reaches the capacity ([]: none).
        growthScenariosPercentPerYear: [0, 50, 100],
      },
      // One colour per series kind, the same on every panel (Grafana colour names), by group:
      // a panel takes the groups its series belong to (common.libsonnet colors()). Keys are
      // regular expressions on the series' legend (display name); a later match wins.
      seriesColors: {
        // Cost components, and the instance types that make them up (the demo's and AWS's kinds).
        components: [
          // A group's budget line ('budget compute') takes its group's colour.
          ['^(budget )?compute\\b|^t3\\.|^m[5-7]', 'blue'],
          ['^(budget )?database\\b|^db\\.|^rds-', 'purple'],
          ['^(budget )?cache\\b|^cache\\.', 'orange'],
          ['^(budget )?storage\\b|^ebs-|^pd-', 'yellow'],
          ['^(budget )?egress\\b|-egress$', 'light-green'],
        ],
        pricing: [
          ['^on demand', 'text'],
          ['^reserved 1y', 'green'],
          ['^reserved 3y', 'dark-green'],
          ['^spot', 'yellow'],
        ],
        // As the latency panel draws them.
        percentiles: [
          ['^p50\\b', 'green'],
          ['^p90\\b', 'yellow'],
          ['^p95\\b', 'orange'],
          ['^p99\\b', 'red'],
        ],
        replicas: [
          ['^current\\b', 'green'],
          ['^desired\\b', 'yellow'],
          ['^min\\b', 'blue'],
          ['^max\\b', 'red'],
        ],
        // CPU blue, memory purple, the busiest pod lighter; the target red.
        utilisation: [
          ['^CPU avg', 'blue'],
          ['^CPU max', 'light-blue'],
          ['^memory avg', 'purple'],
          ['^memory max', 'light-purple'],
          ['^CPU target', 'red'],
          ['^memory limit', 'dark-purple'],
        ],
        // From the fastest tier to the slowest.
        burnRates: [
          [' 1h \\(', 'red'],
          [' 6h \\(', 'orange'],
          [' 1d \\(', 'yellow'],
          [' 3d \\(', 'blue'],
        ],
        responses: [
          [' 2\\d\\d$', 'green'],
          [' 5\\d\\d$', 'red'],
          [' 503$', 'orange'],
        ],
        // Cache traffic: the lookups panel draws lookups and hits, the database panel the misses.
        cacheLookups: [
          ['^lookups', 'blue'],
          ['^hits', 'green'],
        ],
        cacheMisses: [
          ['^misses', 'orange'],
        ],
      },
    },

    cost: {
      // ISO code; Grafana's unit is 'currency' + code (currencyUSD, currencyEUR, ...).
      currency: 'USD',
      // Hours in a month for every monthly figure: the suite's one constant (core/cost/hours.json,
      // also what the cost data source and panels use), not a setting.
      hoursPerMonth:: (import '../core/cost/hours.json').perMonth,
      // Cost per request is shown per this many requests (1000 or 1000000).
      perRequests: 1000,
      // Budget per `perRequests` requests drawn on the cost-per-request panel (0: none).
      budgetPerRequests: 0,
      // Monthly budget of the fleet; the cost forecast draws it as its capacity (0: none). By
      // default the sum of the budget groups' (budgets.monthly, what the cost alerts use): the
      // demo fleet's $2,000 a month.
      monthlyBudget: std.foldl(function(sum, g) sum + $._config.budgets.monthly[g], std.objectFields($._config.budgets.monthly), 0),
      // kube_node_labels label naming a node's component (compute, database, cache).
      componentLabel: 'label_headroom_component',
      // node_total_hourly_cost label naming the instance type.
      instanceTypeLabel: 'instance_type',
      // Allocation (OpenCost's rule on requests): a container's share of its node's hourly cost is
      // cpuWeight x its CPU request / the node's allocatable CPU + (1 - cpuWeight) x the same for
      // memory (kube_pod_container_resource_requests, kube_node_status_allocatable); what the
      // requests leave of a node's cost is idle. allocationLabel names the service it is shown by.
      allocationCpuWeight: 0.5,
      allocationLabel: 'container',
      // Right-sizing panel (the cost data source's rightSizing query): the instance type of the
      // nodes sized and the PromQL of their CPU utilisation (0..1); the demo: the CPU the
      // containers on the compute nodes use (cAdvisor) / the compute nodes' allocatable CPU.
      rightSizing: {
        instanceType: 't3.large',
        cpuQuery: 'sum(rate(container_cpu_usage_seconds_total{container!="", image!=""}[5m]) and on (cluster, namespace, pod, container) kube_pod_container_resource_requests{resource="cpu", node=~"compute-.*"}) / sum(kube_node_status_allocatable{resource="cpu", node=~"compute-.*"})',
        targetUtilization: 0.7,
      },
    },
  },
}
