// Headroom shared configuration (monitoring-mixin `_config`).
//
// One importable object for the rules pack and the dashboards. Override any field with
//   (import 'alerts/mixin.libsonnet') + { _config+:: { slo+: { availability+: { objective: 0.995 } } } }
// Every selector is a comma-separated list of label matchers without braces; an empty
// string means "no extra matchers". Thresholds are plain numbers, windows Prometheus durations.
{
  _config+:: {
    // Label that tells clusters apart (kept by every aggregation, shown in descriptions).
    clusterLabel: 'cluster',
    // Label that holds the Kubernetes namespace (kept by every aggregation).
    namespaceLabel: 'namespace',

    // Label matchers per metric family. Tighten them with your job names, e.g. 'job="api"'.
    selectors: {
      // http_requests_total, http_request_duration_seconds_*
      http: 'service!=""',
      // kube_horizontalpodautoscaler_* from kube-state-metrics
      hpa: 'horizontalpodautoscaler!=""',
      // cAdvisor's container_cpu_usage_seconds_total and container_memory_working_set_bytes
      // (the kubelet's /metrics/cadvisor), e.g. 'job="kubelet", metrics_path="/metrics/cadvisor"'.
      cadvisor: 'job!=""',
      // kube-state-metrics' kube_pod_owner, kube_replicaset_owner and
      // kube_pod_container_resource_{requests,limits}, e.g. 'job="kube-state-metrics"'.
      kubeStateMetrics: 'job!=""',
      // postgres_exporter
      postgres: 'job!=""',
      // mysqld_exporter
      mysql: 'job!=""',
      // redis_exporter
      redis: 'job!=""',
      // The application's connection pools, under the names `pool` reads them (HikariCP's,
      // OpenTelemetry's or both), e.g. 'job="api"'.
      pool: 'job!=""',
      // node_exporter on the database servers' hosts (node_cpu_seconds_total): tighten it to
      // them, e.g. 'job="node", role="database"'; as it stands every node_exporter host counts.
      databaseHost: 'job!=""',
      // kube_node_*, node_total_hourly_cost
      node: 'node!=""',
      // Prometheus' own `up` series of the scrape targets HeadroomTargetDown watches.
      up: 'job!=""',
    },

    // Metric families the pack covers. Set one to false to drop its rules, alerts and
    // absent-metric checks (e.g. `families+: { mysql: false }` without MySQL).
    families: {
      http: true,
      postgres: true,
      mysql: true,
      cache: true,
      hpa: true,
      capacity: true,
      // Cost budgets and anomalies (lib/budget.libsonnet): node_total_hourly_cost (OpenCost).
      cost: true,
      // The application's connection pools against their size (lib/pool.libsonnet).
      pool: true,
    },

    // Team that owns each family; added as the `team` label that Alertmanager routes on.
    teamLabel: 'team',
    teams: {
      http: 'web',
      postgres: 'database',
      mysql: 'database',
      cache: 'platform',
      // CPU of the hosts the databases run on (HeadroomDatabaseCPUHigh).
      databaseHost: 'database',
      hpa: 'platform',
      capacity: 'platform',
      meta: 'observability',
      cost: 'platform',
      // The pools live in the application: its team sizes them.
      pool: 'web',
    },

    // Service-level objectives, measured on http_requests_total and the request-duration
    // histogram, aggregated per cluster, namespace and service.
    slo: {
      // Labels an SLO is computed per (besides the cluster label, always kept).
      groupLabels: ['namespace', 'service'],
      // Period the error budget is counted over.
      period: '30d',
      availability: {
        // 99.9 % of requests succeed: error rate < 0.1 %.
        objective: 0.999,
        // Which requests count as errors.
        errorSelector: 'code=~"5.."',
      },
      latency: {
        // 99 % of requests complete within thresholdSeconds.
        objective: 0.99,
        // The one fact: the `le` label is derived from it and the boundaries declared for
        // http_request_duration_seconds in `sloSpecs.histograms` (alerts/slos.yaml); a threshold
        // between boundaries is a render error naming the nearest ones. The service must export
        // that bucket (HeadroomSLOBucketMissing fires otherwise).
        thresholdSeconds: 0.5,
      },
      // Below this request rate (req/s over a tier's long window) no burn alert fires:
      // a handful of requests says nothing about a 99.9 % objective. Tiers may override.
      minRequestRate: 0.1,
      // A tier's long window may hold less data than its length: Prometheus restarted with an
      // empty TSDB, a new service. In the tiers with `history: true` the missing part counts as
      // error-free (the long-window bad ratio is multiplied by the share of the window that holds
      // data), so a short blip after a restart cannot pass for a sustained burn, while a heavy
      // burn still pages early. The share is measured by probing the request series at
      // `historyProbes` evenly spaced points of the window. On by default for the paging tiers;
      // the ticket tiers (1d, 3d windows) judge the history there is, so that they are not
      // nearly blind for days after a restart (a ticket on thin history is cheap).
      historyProbes: 72,
      // Low-traffic outage path (HeadroomServiceOutage): pages when at least `errorRatio` of the
      // requests over `window` fail AND at least `minErrors` of them failed, at any traffic. It
      // catches a total outage of a service too quiet for the burn tiers' minRequestRate (from
      // 0.05 req/s: 9 requests in 3m) within 5 minutes, while one failing request after hours of
      // silence (or a few: fewer than minErrors) pages nobody. Set to null to remove it.
      outage: {
        window: '3m',
        errorRatio: 0.9,
        minErrors: 5,
        severity: 'critical',
        'for': '1m',
      },
      // Multi-window multi-burn-rate tiers (Google SRE workbook, ch. 5). Each fires when the
      // error ratio over BOTH windows exceeds factor x (1 - objective). The tier name is the
      // stable `slo_tier` label; faster tiers (higher factor) inhibit slower ones in the
      // Alertmanager example. Remove a tier with `tier: null`, add one with a new key.
      burnRateTiers: {
        fast: { longWindow: '1h', shortWindow: '5m', factor: 14.4, severity: 'critical', 'for': '2m', history: true },
        medium: { longWindow: '6h', shortWindow: '30m', factor: 6, severity: 'critical', 'for': '15m', history: true },
        slow: { longWindow: '1d', shortWindow: '2h', factor: 3, severity: 'warning', 'for': '1h' },
        gradual: { longWindow: '3d', shortWindow: '6h', factor: 1, severity: 'warning', 'for': '3h' },
      },
      // SLO specs (below) may say again, more precisely, what these default SLOs say about a
      // service. With true, a spec's page silences the default SLO's alerts of the same SLI kind
      // (availability, latency) on the same service in the Alertmanager example, and a spec's
      // ticket the default's tickets: one page per incident, from the most specific SLO.
      specsSilenceDefault: true,
    },

    // SLOs as specs (lib/slo_specs.libsonnet): alerts/slos.json, generated from alerts/slos.yaml by
    // `node_modules/.bin/tsx alerts/slo/convert.ts`. Each SLO takes what it does not say (period,
    // tiers, minRequestRate, outage) from `slo` above. Replace with your own, or
    // `{ histograms: {}, slos: [] }` for none.
    sloSpecs: import 'slos.json',
    // The window whose burn rate the time-to-exhaustion series extrapolates.
    sloSpecBurnWindow: '1h',

    // Replication lag (seconds). Seeds: > 1 s means add a replica, > 60 s is an incident.
    replication: {
      lagWarningSeconds: 1,
      lagCriticalSeconds: 60,
      warningFor: '5m',
      criticalFor: '2m',
      notRunningFor: '2m',
      // PostgreSQL's lag gauge is the age of the last replayed transaction, which grows 1 s/s on
      // a replica of an idle primary although nothing is waiting to be replayed. The primary's
      // postgres_exporter reports, per connected standby, the WAL bytes it has not replayed yet
      // (pg_stat_replication_pg_wal_lsn_diff). When every replica of a group (these labels, which
      // a primary shares with its replicas: the cluster label is added) is connected and has
      // nothing left to replay, the lag is not judged. Without those series (or with a standby
      // missing from them) the lag is judged as before.
      pgGroupLabels: ['namespace', 'job'],
    },

    // Database saturation (lib/saturation.libsonnet), per server (instance). Seeds: 380 queries/s
    // against a goal under 360; connections above 80 % of max_connections; database CPU above
    // 75 % is the upgrade trigger; average query time 50 ms with a P95 goal under 100 ms.
    saturation: {
      // Rates and the CPU share are taken over this window.
      window: '5m',
      // Queries per second per server: PostgreSQL transactions (pg_stat_database_xact_commit +
      // xact_rollback), MariaDB/MySQL statements (mysql_global_status_queries).
      queriesPerSecondCeiling: 360,
      queriesFor: '15m',
      // Client connections / max_connections (PostgreSQL pg_stat_database_numbackends against
      // pg_settings_max_connections; MySQL threads_connected against max_connections).
      connectionsRatio: 0.8,
      connectionsFor: '10m',
      // Busy share of the database host's CPUs (1 - idle, node_exporter): an upgrade trigger,
      // so sustained, not a burst.
      cpuRatio: 0.75,
      cpuFor: '30m',
      // pg_up / mysql_up = 0: the exporter answers but cannot reach its server.
      downFor: '2m',
      // Query time: the `queryTimeQuantile` of MariaDB/MySQL's query response time histogram
      // (mysqld_exporter --collect.info_schema.query_response_time, the server's
      // QUERY_RESPONSE_TIME plugin) above the goal (P95 under 100 ms) for `queryTimeFor`, judged
      // only from `queryTimeMinRate` queries/s (a few slow queries at night are not a P95). With
      // the plugin's default buckets (powers of 10) 0.1 s is a bucket bound, so the decision at
      // the default goal is exact: more than 5 % of the queries took longer than 100 ms (with base 2,
      // as in the demo, the decision is interpolated within 62.5-125 ms, and the value shown is finer).
      // PostgreSQL's exporters give no percentile: the Data tier draws its mean statement time
      // (pg_stat_statements) against the same line.
      queryTimeGoalSeconds: 0.1,
      // false where the servers have no QUERY_RESPONSE_TIME plugin (Oracle MySQL; it comes with
      // MariaDB and Percona Server): no query time rule, alert, absent check or panel.
      mysqlQueryTime: true,
      queryTimeQuantile: 0.95,
      queryTimeFor: '15m',
      queryTimeMinRate: 1,
    },

    // The application's connection pools (lib/pool.libsonnet), per pool of each instance:
    // connections in use against the pool's size. Seeds: a pool of 150 peaking at 128 (85 %).
    pool: {
      usageRatio: 0.8,
      usageFor: '10m',
      // The names the pools are read under; one at least. Both on: a pool counts under either
      // (HikariCP's when an instance exports both for the same pool).
      // HikariCP through Micrometer (Spring Boot's default): hikaricp_connections_active and
      // hikaricp_connections_max, label `pool`.
      hikariCP: true,
      // OpenTelemetry's semantic conventions as an OTLP -> Prometheus export names them
      // (prom-client services, the OTel Java agent, ...): db_client_connection_count with
      // db_client_connection_state="used", and db_client_connection_max, the pool's name in
      // db_client_connection_pool_name (read as `pool`).
      openTelemetry: true,
    },

    // Redis health (lib/redis.libsonnet), per instance.
    redis: {
      window: '5m',
      // Keys evicted per second (redis_evicted_keys_total): maxmemory reached, the cache drops
      // data it would have served.
      evictionsPerSecond: 1,
      evictionsFor: '15m',
      // redis_memory_used_bytes / redis_memory_max_bytes, only where maxmemory is set (> 0).
      memoryRatio: 0.9,
      memoryFor: '15m',
      // Any connection refused (maxclients reached) within the window, for this long.
      rejectedFor: '5m',
      // redis_up = 0: the exporter answers but cannot reach Redis.
      downFor: '2m',
    },

    // Cache hit ratio = hits / (hits + misses) over `window`.
    cache: {
      hitRatioFloor: 0.90,  // warning below this
      hitRatioTarget: 0.95,  // info below this
      window: '10m',
      // Lookups per second below which the ratio is not judged.
      minLookupRate: 1,
      // No alert for this long after the cache (re)starts: counters reset or are new.
      coldStart: '30m',
      floorFor: '10m',
      targetFor: '1h',
      // Counter pairs judged. `level` names the recording rules, `by` their labels (the
      // cluster label is added). Add your own pair, e.g. memcached or an in-process cache.
      sources: {
        redis: {
          hits: 'redis_keyspace_hits_total',
          misses: 'redis_keyspace_misses_total',
          selector: $._config.selectors.redis,
          level: 'instance',
          by: ['namespace', 'job', 'instance'],
        },
        generic: {
          hits: 'cache_hits_total',
          misses: 'cache_misses_total',
          selector: 'job!=""',
          level: 'instance_cache',
          by: ['namespace', 'job', 'instance', 'cache'],
        },
      },
      // Sources whose counters must exist (absent-metric alerts).
      required: ['redis'],
    },

    // HorizontalPodAutoscaler behaviour. Seeds: react within 2 minutes, respect the maximum.
    hpa: {
      atMaxFor: '15m',
      // HeadroomHPAReplicasMismatch (kubernetes-mixin's guards): desired != current, current
      // strictly between min and max and unchanged for `mismatchUnchanged`, for `mismatchFor`.
      // A scale-up that does not happen is HeadroomHPAScaleUpStalled's.
      mismatchFor: '5m',
      mismatchUnchanged: '15m',
      // HeadroomHPAScaleUpStalled: desired above current for this long (the HPA decided to scale
      // up and its scale-ups do not hold: another writer of the target's spec.replicas. A quota or
      // unschedulable pods do not show here: the HPA's current count is that spec, not the pods).
      scaleUpStalledFor: '10m',
      // HeadroomHPAScalingInactive / HeadroomHPAUnableToScale: the HPA's ScalingActive /
      // AbleToScale condition false for this long (kube_horizontalpodautoscaler_status_condition).
      conditionFor: '15m',
      flappingWindow: '30m',
      // More replica-count changes than this within flappingWindow is flapping.
      flappingChanges: 6,
      flappingFor: '5m',
    },

    // Pod utilisation rules (lib/scaling.libsonnet): the window of the CPU usage rate. The HPA
    // judges CPU over ~15 s (metrics-server's resolution), so a short window keeps the scaling
    // timeline's reasons in line with its decisions (over 5m, a scale-up often reads "below the
    // target": the rate lags the load). Make it at least 4x the cAdvisor scrape interval
    // (1m for 15 s; kubernetes-mixin uses 5m).
    pods: {
      cpuRateWindow: '1m',
    },

    // Capacity forecast: predict_linear of current replicas over `lookback`, alert when the
    // HPA maximum is reached within `horizonDays`.
    capacity: {
      lookback: '1d',
      horizonDays: 3,
      'for': '1h',
    },

    // Capacity forecast served by `headroom forecast serve` (lib/forecast.libsonnet): the
    // probability (headroom_forecast_exhaustion_probability) that a configured series reaches its
    // capacity within 14 days pages, within 30 days opens a ticket; only while the exporter's
    // refresh of that entry is up and younger than `staleSeconds`. Where these series exist,
    // HeadroomCapacityExhaustionForecast (predict_linear) is silent for the same HPA: it is the
    // fallback. `fallbackLabels` are the labels the forecast queries keep to match an HPA.
    forecast: {
      selector: 'forecast!=""',
      page: { probability: 0.8, 'for': '30m' },
      ticket: { probability: 0.5, 'for': '1h' },
      staleSeconds: 1800,
      downFor: '15m',
      fallbackLabels: ['namespace', 'horizontalpodautoscaler'],
    },

    // Monthly cost budgets per team or service (lib/budget.libsonnet). A node's
    // node_total_hourly_cost (OpenCost) counts against the budget of the value of `groupLabel` on
    // its kube_node_labels series (kube-state-metrics; e.g. 'label_team' for a node label `team`).
    // The alerts carry it as `budget_group`. A month is 730 hours (core/cost/hours.json); each
    // cluster has its own budgets. Groups not listed in `monthly` have no budget.
    budgets: {
      groupLabel: 'label_headroom_component',
      // Monthly budget per group, in the cost currency (the demo fleet's $2,000 split by role).
      monthly: { compute: 1000, database: 800, cache: 200 },
      // HeadroomCostRunRateOverBudget: 730 x hourly cost above the budget for this long.
      runRateFor: '1h',
      // HeadroomCostForecastOverBudget: spent so far this calendar month + the current hourly
      // cost x the hours left, above the budget pro-rated to the month's hours, for this long.
      forecastFor: '1h',
      // HeadroomCostAnomaly: the average hourly cost over `window` against the same hours of
      // each of the past `days` days; fires above `ratio` x that baseline when the increase is
      // at least `minIncreaseMonthly` a month (730 x hourly) and at least `minHistoryDays` of
      // the past days hold data (no baseline, no alert).
      anomaly: {
        window: '3h',
        days: 7,
        ratio: 1.5,
        minIncreaseMonthly: 50,
        minHistoryDays: 3,
        'for': '15m',
      },
    },

    // Absent-metric alerts fire after this long without any matching series.
    absentFor: '15m',
    // Per-job absence (HeadroomJobSeriesAbsent): a job that exported a family this long ago
    // (either offset) and exports none of it now. The longest offset bounds how long the alert
    // stays open for a job that was removed on purpose.
    absentLookbacks: ['1h', '1d'],
    // HeadroomTargetDown: a scrape target failing (`up == 0`) for this long.
    targetDownFor: '5m',

    // Severity label values.
    severities: { page: 'critical', ticket: 'warning', info: 'info' },

    // runbook_url annotation; %s is the alert name. The default is the path in this
    // repository; point it at your hosted copy, e.g. 'https://git.example/headroom/blob/main/alerts/runbooks/%s.md'.
    runbookURLPattern: 'alerts/runbooks/%s.md',

    // Name of the always-firing heartbeat alert (routed to the heartbeat receiver).
    watchdogAlertName: 'HeadroomWatchdog',

    // Prefix of rule group names.
    groupPrefix: 'headroom',
  },
}
