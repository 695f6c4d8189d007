// A non-default _config, rendered and checked by test/stages/30-rules.sh (promtool check rules,
// lint, amtool check-config): tiers removed, added and retuned (one with history weighting on an
// odd window), the outage path off, a family off, another cluster label, other PostgreSQL groups.
local overrides = {
  clusterLabel: 'k8s_cluster',
  selectors+: { http: 'job="api"' },
  families+: { mysql: false, capacity: false },
  teams+: { http: 'checkout' },
  slo+: {
    period: '28d',
    availability+: { objective: 0.995 },
    latency+: { thresholdSeconds: 0.25, le: '0.25' },
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
};
local mixin = (import '../mixin.libsonnet') + { _config+:: overrides };

{
  'prometheus_rules.yaml': mixin.prometheusRules,
  'prometheus_alerts.yaml': mixin.prometheusAlerts,
  'alertmanager.yml': (import '../alertmanager.jsonnet')(config=overrides),
}
