// What every series of every shipped dashboard must show, computed independently: plain PromQL on
// the raw series the exporters emit (never the dashboards' recording rules or queries), written
// here by hand, with the tolerance each comparison allows and why. values.itest.ts compares the
// last point of each series a panel received (and, for stats, the text it shows) with these.
//
// Tolerances: a panel's point from a recording rule is the rule evaluated at some time in the
// 30 s before the point (rules run every 15 s), so the raw expression is evaluated at every second
// of those 30 s and the closest value counts ("exact" = relative 1e-6 then). Expressions with
// rate() differ by rate's extrapolation over a shifted window: 1 %. The 30-day ratios are sums of
// 5-minute rates in the rules, which weigh each evaluation alike: the demo's history has them 5 min
// apart and its live hours 15 s apart, so the live hours weigh more (stack/README.md: 3.45 %
// against the counters' 3.40 % right after a start; slohistory.itest.ts allows 10 %): 10 % of the
// error ratio, of the slow ratio and of the budget spent.

import { inDemo } from './scopeSelectors';

export interface RawSeries {
  /** Plain PromQL on raw metrics; each result series matches the panel's series by its labels. */
  expr: string;
  /** Allowed relative difference (default 1e-6: the same samples). */
  relative?: number;
  /** Allowed absolute difference, for values near zero (default 1e-9). */
  absolute?: number;
  /** Compare 1 - value (an availability by its error ratio, whose size the tolerance is of). */
  complement?: boolean;
  /**
   * A part of the value that may move by its own relative share (a bill total's egress): that
   * share of the part's raw value at the same instant is allowed on top.
   */
  movable?: { expr: string; relative: number };
}

/** A panel whose numbers are not checked here, and why (said in the test's output). */
export interface NotANumber {
  skip: string;
}

export type PanelCheck = Record<string, RawSeries> | NotANumber;

/**
 * The dashboards values.itest.ts opens on the simulated history's namespace (var-namespace=demo):
 * the live part (namespace live) has the same service and HPA names and minutes of history, with
 * the load steps and incidents of the other itests in it, and is checked by stack/live's itests.
 * The Data tier opens on every namespace (its servers have none; the pools of both are compared),
 * the Cost dashboard has no namespace picker.
 */
export const ON_DEMO_NAMESPACE = ['headroom-overview', 'headroom-slo', 'headroom-scaling', 'headroom-slo-specs'];

/** Every raw computation of a dashboard's checks narrowed to namespace demo. */
function onDemo(panels: Record<string, PanelCheck>): Record<string, PanelCheck> {
  const scope = (c: PanelCheck): PanelCheck =>
    'skip' in c ? c : Object.fromEntries(Object.entries(c as Record<string, RawSeries>).map(([refId, r]) => [refId, { ...r, expr: inDemo(r.expr as string) }]));
  return Object.fromEntries(Object.entries(panels).map(([title, c]) => [title, scope(c)]));
}

const RATE = 0.01;
const SLO_30D = 0.1;
const bucket = (le: string, range: string) => `sum(rate(http_request_duration_seconds_bucket{le="${le}"}[${range}]))`;
const errors = (range: string) => `sum(rate(http_requests_total{code=~"5.."}[${range}])) / sum(rate(http_requests_total[${range}]))`;
const slow = (range: string) => `(${bucket('+Inf', range)} - ${bucket('0.5', range)}) / ${bucket('+Inf', range)}`;
const increase30d = (sel: string) => `sum(increase(${sel}[30d]))`;
const error30d = `${increase30d('http_requests_total{code=~"5.."}')} / ${increase30d('http_requests_total')}`;
const slow30d = `(${increase30d('http_request_duration_seconds_bucket{le="+Inf"}')} - ${increase30d('http_request_duration_seconds_bucket{le="0.5"}')}) / ${increase30d('http_request_duration_seconds_bucket{le="+Inf"}')}`;
const hpa = (metric: string) => `max by (cluster, namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_${metric})`;
const hourly = 'sum(node_total_hourly_cost)';
// The pods' usage against their requests per service, as kubernetes-mixin would and the rules do,
// but by another road: a pod's service is its ReplicaSet's name less the pod-template hash
// (kube_pod_owner alone, without kube_replicaset_owner or the rules' pod-to-workload series).
const ofService = (agg: string, perPod: string) =>
  `${agg} by (service) (label_replace((${perPod}) * on (pod) group_left (owner_name) max by (pod, owner_name) (kube_pod_owner{owner_kind="ReplicaSet"}), "service", "$1", "owner_name", "(.+)-[^-]+"))`;
const cpuUsed = 'sum by (pod) (rate(container_cpu_usage_seconds_total{container!=""}[1m]))';
const memUsed = 'sum by (pod) (container_memory_working_set_bytes{container!=""})';
const podRequests = (resource: string) => `sum by (pod) (kube_pod_container_resource_requests{resource="${resource}"})`;
const memLimits = 'sum by (pod) (kube_pod_container_resource_limits{resource="memory"})';
const usage = (used: string, resource: string) => ({
  avg: `${ofService('sum', used)} / ${ofService('sum', `${podRequests(resource)} and ${used}`)}`,
  max: ofService('max', `${used} / ${podRequests(resource)}`),
});
const pgLag = 'sum by (instance) (pg_replication_lag) and on (instance) (pg_replication_is_replica == 1)';
// Database saturation, per server (instance), over 5 minutes.
const dbQueries =
  'sum by (instance) (rate(pg_stat_database_xact_commit[5m]) + rate(pg_stat_database_xact_rollback[5m])) or sum by (instance) (rate(mysql_global_status_queries[5m]))';
const dbConnections =
  'sum by (instance) (pg_stat_database_numbackends) / on (instance) sum by (instance) (pg_settings_max_connections) or sum by (instance) (mysql_global_status_threads_connected) / on (instance) sum by (instance) (mysql_global_variables_max_connections)';
const statementTime = 'sum by (instance) (rate(pg_stat_statements_seconds_total[5m])) / sum by (instance) (rate(pg_stat_statements_calls_total[5m]))';
const hostCpu = '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))';
// A quantile interpolates within its bucket (a factor of 2 wide in the demo: 31.25-62.5 ms): a 1 %
// shift in the rates' ratio moves it by up to a few percent, so 5 %.
const QUANTILE = 0.05;
const mysqlQueryTimeP95 = 'histogram_quantile(0.95, sum by (instance, le) (rate(mysql_info_schema_query_response_time_seconds_bucket[5m])))';
// The pools under both families the rules read (alerts/lib/pool.libsonnet): HikariCP's, as the
// simulated history has them, and OpenTelemetry's, as the live service reports its pools.
const otelPool = (sel: string) => `label_replace(${sel}, "pool", "$1", "db_client_connection_pool_name", "(.+)")`;
// OpenTelemetry's series carry the scrape's pod and service labels too: summed to the pool.
const byPool = 'sum by (cluster, namespace, job, instance, pool)';
const poolUsage = `hikaricp_connections_active / hikaricp_connections_max or ${byPool} (${otelPool('db_client_connection_count{db_client_connection_state="used"}')}) / ${byPool} (${otelPool('db_client_connection_max')})`;
const redisMemory = 'redis_memory_used_bytes / on (instance) redis_memory_max_bytes';
const mysqlLag = 'clamp_min(mysql_slave_status_seconds_behind_master - mysql_slave_status_sql_delay, 0) and on (instance) (mysql_slave_status_slave_sql_running == 1)';
const redis = (counter: string) => `sum by (instance) (rate(redis_keyspace_${counter}_total[10m]))`;
const hitRatio = `${redis('hits')} / (${redis('hits')} + ${redis('misses')})`;
const quantile = (q: number, by: string) => `histogram_quantile(${q}, sum by (${by}) (rate(http_request_duration_seconds_bucket[5m])))`;
// Allocation, computed as prices per unit (OpenCost's way round): a node's cost per allocatable
// core and per allocatable byte, half the node's cost each, times what each container requests.
const perUnit = (resource: string) =>
  `sum by (container) (kube_pod_container_resource_requests{resource="${resource}"} * on (node) group_left () (0.5 * node_total_hourly_cost / on (node) kube_node_status_allocatable{resource="${resource}"}))`;
const allocated = `${perUnit('cpu')} + on (container) ${perUnit('memory')}`;
// Idle: per node, its cost x (1 - the requested shares), a node without requests wholly idle.
const requested = (resource: string) =>
  `(sum by (node) (kube_pod_container_resource_requests{resource="${resource}"}) or sum by (node) (0 * kube_node_status_allocatable{resource="${resource}"})) / on (node) sum by (node) (kube_node_status_allocatable{resource="${resource}"})`;
const idle = `sum(node_total_hourly_cost * on (node) group_left () (1 - 0.5 * ${requested('cpu')} - 0.5 * ${requested('memory')}))`;
const budget = (ratio: string, allowed: number) => `1 - (${ratio}) / ${allowed}`;
// The bill by component per hour: the nodes at OpenCost's prices (the built-in list prices on the
// demo), database storage at RDS gp2's $0.115 and block storage at EBS gp3's $0.08 per GB-month
// (730 h), egress at $0.09 per GB sent on eth0 (a GB is 2^30 bytes), priced here by hand. Egress: the
// data source's last point holds the last full step's 5-minute rate, which ends up to two steps
// before the raw window compared here, and was read when the panel ran: on a loaded machine the
// scrapes ingested since (late, with earlier timestamps) move the raw rate of the same instant by up
// to 6 % (seen at load 9 on 2 cores): 10 %, and the bill's total 1 % plus 10 % of its egress part
// (its egress alone moved it by 1.45 % in a full run). The exact check of egress against the raw counters, at
// one instant read once, is datasources/cost/cost.itest.ts (9 digits, and the day's integral 3 %).
const asComponent = (expr: string, component: string) => `label_replace(${expr}, "component", "${component}", "", "")`;
const egressHourly = 'sum(rate(node_network_transmit_bytes_total{device="eth0"}[5m])) * 3600 / 2^30 * 0.09';
const billByComponent = `sum by (component) (
  label_replace(node_total_hourly_cost * on (node) group_left (label_headroom_component) kube_node_labels, "component", "$1", "label_headroom_component", "(.+)")
  or ${asComponent('sum(pg_database_size_bytes) / 2^30 * 0.115 / 730', 'database')}
  or ${asComponent('sum(node_filesystem_size_bytes{fstype="ext4"}) / 2^30 * 0.08 / 730', 'storage')}
  or ${asComponent(egressHourly, 'egress')}
)`;
const BILL_EGRESS = 0.1;
// The budgets of alerts/config.libsonnet's _config.budgets.monthly, written out again by hand.
const BUDGETS: Array<[string, number]> = [['compute', 1000], ['database', 800], ['cache', 200]];

// The SLO specs of the demo (alerts/slos.yaml), written out again by hand: each SLO's bad share
// of its requests over a window, labelled with its name as the rules label it.
const requests = (sel: string, range: string) => `sum(rate(http_requests_total{${sel}}[${range}]))`;
const availabilitySlos: Array<[string, string, string, number]> = [
  ['api-availability', 'handler="/api"', 'code=~"5.."', 0.9995],
  ['checkout-availability', 'handler="/checkout"', 'code=~"5.."', 0.9999],
  ['checkout-internal-errors', 'handler="/checkout"', 'code="500"', 0.99975],
  ['api-shed-errors', 'handler="/api"', 'code="503"', 0.999],
];
const latencySlos: Array<[string, string, number]> = [
  ['web-latency-goal', '0.475', 0.99],
  ['web-latency-limit', '0.5', 0.99],
];
const webBucket = (le: string, range: string) => `sum(increase(http_request_duration_seconds_bucket{service="web", le="${le}"}[${range}]))`;
const sloBad = (range: string): Array<[string, string, number]> => [
  ...availabilitySlos.map(([name, sel, bad, objective]): [string, string, number] => [name, `${requests(`${sel}, ${bad}`, range)} / ${requests(sel, range)}`, objective]),
  ...latencySlos.map(([name, le, objective]): [string, string, number] => [name, `(${webBucket('+Inf', range)} - ${webBucket(le, range)}) / ${webBucket('+Inf', range)}`, objective]),
];
const perSlo = (parts: Array<[string, string]>) => parts.map(([name, expr]) => `label_replace(${expr}, "slo", "${name}", "", "")`).join(' or ');

/** Budget remaining per SLO over 30 days from the raw counters: 1 - bad share / allowed share. */
export const SLO_BUDGETS: RawSeries = { expr: inDemo(perSlo(sloBad('30d').map(([name, bad, objective]) => [name, budget(bad, 1 - objective)]))), relative: SLO_30D, complement: true };

/** Every check, on every namespace; RAW (below) narrows the namespaced dashboards. */
const ALL: Record<string, Record<string, PanelCheck>> = {
  'headroom-overview': {
    Headroom: { skip: 'text' },
    'Availability (30d)': { A: { expr: `1 - ${error30d}`, relative: SLO_30D, complement: true } },
    // The lower of the two budgets. Each needs a label of its own: `a or b` of two label-less
    // results keeps a alone, so min() would see the availability budget only.
    'Error budget remaining': {
      A: { expr: `min(label_replace(${budget(error30d, 0.001)}, "slo", "availability", "", "") or label_replace(${budget(slow30d, 0.01)}, "slo", "latency", "", ""))`, relative: SLO_30D, complement: true },
    },
    'p99 latency': { A: { expr: quantile(0.99, 'le'), relative: RATE } },
    'Requests per second': { A: { expr: 'sum(rate(http_requests_total[5m]))', relative: RATE } },
    Replicas: { A: { expr: `sum(${hpa('status_current_replicas')})` } },
    'Hourly cost': { A: { expr: hourly } },
    'Worst replication lag': { A: { expr: `max((${pgLag}) or (${mysqlLag}))` } },
    'Cache hit ratio': { A: { expr: `min(${hitRatio})`, relative: RATE } },
    'Firing and pending alerts': { skip: "Grafana's alert list (not drawn by the preview host)" },
    'Alerts firing in Prometheus': { skip: "a table of Prometheus' own ALERTS series (not drawn by the preview host)" },
  },
  'headroom-slo': {
    Availability: { A: { expr: `1 - ${error30d}`, relative: SLO_30D, complement: true } },
    'Requests faster than 0.5 s': { A: { expr: `1 - ${slow30d}`, relative: SLO_30D, complement: true } },
    'Error budget remaining': {
      A: { expr: `label_replace(${budget(error30d, 0.001)}, "slo", "availability", "", "") or label_replace(${budget(slow30d, 0.01)}, "slo", "latency", "", "")`, relative: SLO_30D, complement: true },
    },
    'Requests per second': { A: { expr: 'sum(rate(http_requests_total[5m]))', relative: RATE } },
    'Latency distribution': { A: { expr: 'sum by (le) (rate(http_request_duration_seconds_bucket[5m]))', relative: RATE, absolute: 0.05 } },
    'Requests slower than 0.5 s': { A: { expr: slow('5m'), relative: RATE, absolute: 1e-4 } },
    'Latency percentiles by handler': Object.fromEntries(
      [0.5, 0.9, 0.95, 0.99].map((q, i) => ['ABCD'[i], { expr: quantile(q, 'handler, le'), relative: RATE }])
    ),
    'Latency buckets': { skip: "Grafana's heatmap of the latency panel's query (not drawn by the preview host); the buckets are checked on the latency panel" },
    'Availability burn rate': Object.fromEntries(
      ['1h', '6h', '1d', '3d'].map((w, i) => ['ABCD'[i], { expr: `(${errors(w)}) / 0.001`, relative: RATE, absolute: 0.01 }])
    ),
    'Latency burn rate': Object.fromEntries(['1h', '6h', '1d', '3d'].map((w, i) => ['ABCD'[i], { expr: `(${slow(w)}) / 0.01`, relative: RATE, absolute: 0.01 }])),
    'Burn-rate tiers': { skip: 'a state timeline of the burn rates above against their tiers (not drawn by the preview host)' },
    'Error ratio': { A: { expr: errors('5m'), relative: RATE, absolute: 1e-5 } },
    'Throughput by handler and code': { A: { expr: 'sum by (handler, code) (rate(http_requests_total[5m]))', relative: RATE, absolute: 0.01 } },
  },
  'headroom-scaling': {
    Replicas: { A: { expr: `sum(${hpa('status_current_replicas')})` } },
    'Maximum replicas': { A: { expr: `sum(${hpa('spec_max_replicas')})` } },
    // Computed from the raw series in values.itest.ts (timeAtMaxAndChanges).
    'Time at maximum': { skip: 'checked against the raw replicas in the scaling test below' },
    'Replica changes': { skip: 'checked against the raw replicas in the scaling test below' },
    'Scaling timeline': { skip: 'its header is checked against the raw replicas in the scaling test below' },
    'Replicas needed at the target against the maximum': { skip: 'its history and header are checked in the forecast test below' },
    'Requests per second against what the maximum serves': { skip: 'its history and header are checked in the forecast test below' },
    'Utilisation against the target': {
      A: { expr: usage(cpuUsed, 'cpu').avg, relative: RATE },
      B: { expr: usage(cpuUsed, 'cpu').max, relative: RATE },
      C: { expr: usage(memUsed, 'memory').avg },
      D: { expr: usage(memUsed, 'memory').max },
      E: { expr: `${hpa('spec_target_metric{metric_name="cpu", metric_target_type="utilization"}')} / 100` },
      F: { expr: `${ofService('sum', memLimits)} / ${ofService('sum', `${podRequests('memory')} and ${memLimits}`)}` },
    },
    'Replicas against the limits': {
      A: { expr: hpa('status_current_replicas') },
      B: { expr: hpa('status_desired_replicas') },
      C: { expr: hpa('spec_min_replicas') },
      D: { expr: hpa('spec_max_replicas') },
    },
    Pods: { A: { expr: ofService('count', 'kube_pod_owner{owner_kind="ReplicaSet"}') } },
  },
  'headroom-cost': {
    'Hourly cost': { A: { expr: hourly } },
    'Monthly run rate': { A: { expr: `${hourly} * 730` } },
    'Cost per 1k requests': { A: { expr: `avg_over_time(${hourly}[6h:15s]) * 6 / sum(increase(http_requests_total[6h])) * 1000`, relative: 0.02 } },
    Nodes: { A: { expr: 'count(node_total_hourly_cost)' } },
    'Cost per request': { skip: 'its header is checked in the cost test below' },
    'Monthly bill by kind': { A: { expr: `730 * ${billByComponent}`, relative: BILL_EGRESS }, B: { expr: `730 * sum(${billByComponent})`, relative: 0.01, movable: { expr: `730 * ${egressHourly}`, relative: BILL_EGRESS } } },
    'Hourly bill by component': { A: { expr: billByComponent, relative: BILL_EGRESS } },
    'Monthly run rate by budget group': {
      A: { expr: '730 * sum by (budget_group) (label_replace(node_total_hourly_cost * on (node) group_left (label_headroom_component) kube_node_labels, "budget_group", "$1", "label_headroom_component", "(.+)"))' },
      B: { expr: BUDGETS.map(([group, monthly]) => `label_replace(vector(${monthly}), "budget_group", "${group}", "", "")`).join(' or ') },
    },
    'Hourly cost by component': {
      A: { expr: 'sum by (label_headroom_component) (node_total_hourly_cost * on (node) group_left (label_headroom_component) kube_node_labels)' },
    },
    'Hourly cost by instance type': { A: { expr: 'sum by (instance_type) (node_total_hourly_cost)' } },
    'Hourly cost by container (requested share)': { A: { expr: allocated }, B: { expr: idle } },
    'Idle cost per month': { A: { expr: `${idle} * 730` } },
    'Right-sizing': { skip: 'a table (not drawn by the preview host); its figures are the cost data source\'s right-sizing query, tested in datasources/cost' },
    'Monthly cost forecast': { skip: 'its history and header are checked in the forecast test below' },
    'Cost projection': { skip: 'its on-demand line is checked against 730 x the hourly cost in the cost test below' },
    'Reserved and spot savings': { skip: 'a table (not drawn by the preview host); its on-demand row is checked in the cost test below' },
  },
  'headroom-slo-specs': {
    'SLOs by error budget remaining': { skip: 'a table of one instant query per column, merged: its budget column is checked per SLO against SLO_BUDGETS in the SLO specs test below' },
    'Bad share over 5 minutes, per SLO': { A: { expr: perSlo(sloBad('5m').map(([name, bad]) => [name, bad])), relative: RATE, absolute: 1e-5 } },
    'web-latency-goal: latency against 0.475 s': { A: { expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{service="web"}[5m]))', relative: RATE, absolute: 0.05 } },
    'web-latency-limit: latency against 0.5 s': { A: { expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{service="web"}[5m]))', relative: RATE, absolute: 0.05 } },
  },
  'headroom-data': {
    'Worst PostgreSQL replica lag': { A: { expr: `max(${pgLag})` } },
    'PostgreSQL replicas': { A: { expr: 'count(pg_replication_is_replica == 1)' } },
    'Worst MySQL replica lag': { A: { expr: `max(${mysqlLag})` } },
    'Busiest database: queries/s': { A: { expr: `max(${dbQueries})`, relative: RATE } },
    'Fullest database: connections': { A: { expr: `max(${dbConnections})` } },
    'Busiest database host: CPU': { A: { expr: `max(${hostCpu})`, relative: RATE } },
    'Slowest MySQL: query time P95': { A: { expr: `max(${mysqlQueryTimeP95})`, relative: QUANTILE } },
    'Fullest application pool': { A: { expr: `max(${poolUsage})` } },
    'Redis memory': { A: { expr: `max(${redisMemory})` } },
    'Lowest cache hit ratio': { A: { expr: `min(${hitRatio})`, relative: RATE } },
    'PostgreSQL replication lag': { A: { expr: pgLag } },
    'MySQL replication lag': { A: { expr: mysqlLag } },
    'MySQL replication threads': { A: { expr: 'mysql_slave_status_slave_io_running' }, B: { expr: 'mysql_slave_status_slave_sql_running' } },
    'Queries per second': { A: { expr: dbQueries, relative: RATE } },
    'MySQL query time (P95)': { A: { expr: mysqlQueryTimeP95, relative: QUANTILE } },
    'PostgreSQL statement time': { A: { expr: statementTime, relative: RATE } },
    'Connections / max_connections': { A: { expr: dbConnections } },
    'Application connection pools': { A: { expr: poolUsage } },
    'Database host CPU': { A: { expr: hostCpu, relative: RATE } },
    'Servers reachable by their exporters': { A: { expr: 'pg_up' }, B: { expr: 'mysql_up' }, C: { expr: 'redis_up' } },
    'Redis memory / maxmemory': { A: { expr: redisMemory } },
    'Redis evictions and refused connections': {
      A: { expr: 'sum by (instance) (rate(redis_evicted_keys_total[5m]))', relative: RATE, absolute: 0.01 },
      B: { expr: 'sum by (instance) (rate(redis_rejected_connections_total[5m]))', absolute: 1e-9 },
    },
    'Cache hit ratio': { A: { expr: hitRatio, relative: RATE } },
    'Cache lookups': { A: { expr: `${redis('hits')} + ${redis('misses')}`, relative: RATE }, B: { expr: redis('hits'), relative: RATE } },
    'Reads reaching the database': { A: { expr: redis('misses'), relative: RATE, absolute: 0.01 } },
  },
};

/** Dashboard uid → panel title → refId → the raw computation, on the namespace each is opened on. */
export const RAW: Record<string, Record<string, PanelCheck>> = Object.fromEntries(
  Object.entries(ALL).map(([uid, panels]) => [uid, ON_DEMO_NAMESPACE.includes(uid) ? onDemo(panels) : panels])
);
