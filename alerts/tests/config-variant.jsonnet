// A non-default _config, rendered and checked by test/stages/30-rules.sh (promtool check rules,
// lint, amtool check-config): tiers removed, added and retuned (one with history weighting on an
// odd window), the outage path off, families off, another cluster label, other PostgreSQL groups,
// the pools read under OpenTelemetry's names only.
local overrides = {
  clusterLabel: 'k8s_cluster',
  selectors+: { http: 'job="api"' },
  families+: { mysql: false, capacity: false },
  pool+: { hikariCP: false },
  teams+: { http: 'checkout' },
  slo+: {
    period: '28d',
    availability+: { objective: 0.995 },
    latency+: { thresholdSeconds: 0.25 },
    burnRateTiers+: {
      gradual: null,
      medium: null,
      fast+: { 'for': '5m', minRequestRate: 5 },
      hourly: { longWindow: '4h', shortWindow: '20m', factor: 8, severity: 'critical', 'for': '10m', history: true },
      weekly: { longWindow: '7d', shortWindow: '12h', factor: 1, severity: 'warning', 'for': '6h', history: true },
    },
    outage: null,
    historyProbes: 50,
  },
  replication+: { pgGroupLabels: ['namespace', 'pg_cluster'] },
  absentLookbacks: ['6h'],
  cache+: { sources+: { generic: null } },
  // SLO specs on the tuned tiers: one adds a tier and retunes another, one keeps an outage path
  // although the default is off, one latency SLO on another histogram.
  sloSpecs: {
    histograms: {
      grpc_server_handling_seconds: ['0.05', '0.25', '1'],
      http_request_duration_seconds: ['0.1', '0.25', '0.5', '1'],
    },
    slos: [
      {
        name: 'orders',
        service: 'orders',
        sli: { kind: 'availability', counter: 'grpc_server_handled_total', selector: 'grpc_service="orders.Orders"', errorSelector: 'grpc_code=~"Unavailable|Internal"' },
        objective: 0.995,
        period: '7d',
        tiers: { daily: { longWindow: '1d', shortWindow: '2h', factor: 2, severity: 'warning', 'for': '1h' }, fast: { factor: 10 } },
        outage: { window: '5m', errorRatio: 0.8, minErrors: 10, severity: 'critical', 'for': '2m' },
        labels: { product: 'shop' },
      },
      {
        name: 'orders-latency',
        service: 'orders',
        sli: { kind: 'latency', histogram: 'grpc_server_handling_seconds', selector: 'grpc_service="orders.Orders"', thresholdSeconds: 0.25 },
        objective: 0.95,
        minRequestRate: 1,
      },
    ],
  },
};
local mixin = (import '../mixin.libsonnet') + { _config+:: overrides };

{
  'prometheus_rules.yaml': mixin.prometheusRules,
  'prometheus_alerts.yaml': mixin.prometheusAlerts,
  'alertmanager.yml': (import '../alertmanager.jsonnet')(config=overrides),
}
