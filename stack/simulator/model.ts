// The workload model: an incremental state machine with a fixed 15 s tick from an anchor time.
// Tick k is at anchor + 15 k. Everything that needs no memory (demand, incidents, lags, noise) is a
// pure function of (seed, time); the state is the autoscaler, the pods and the counters. Replaying
// from the same (seed, anchor) gives the same values at every tick, for backfill and live alike.
import { HPA, HpaState, hpaStep, initialHpa } from './autoscaler';
import { DATA_TIER_FAMILIES, DataTier } from './datatier';
import { BILL_FAMILIES, BillSeries } from './bill';
import {
  activeOccurrence,
  cacheDrop,
  errorBurstRatio,
  eventsIn,
  occurrenceMagnitude,
  spikeLevel,
  specOf,
  stallLag,
} from './incidents';
import { ALLOCATABLE, computeNode, FIXED_NODES, FIXED_PODS, HOURLY_PRICE, NodeSpec, REGION, WEB_MEMORY_LIMIT, WEB_REQUESTS } from './inventory';
import { emitHpa, emitPodUsage, hpaConditions, hpaSeries, K, kubePod, KubePod, replicaSetOwner, requestSeries } from './kube';
import { bucketFractions, LE_BOUNDS, LE_LABELS, latencyMean, queueingFactor, SHED_LATENCY } from './latency';
import { gaussian, hash, shortId, stochasticRound, uniform, valueNoise } from './prng';
import { Emit, Family, makeSeries, Series } from './series';
import { baselineDemand, HANDLER_SHARE } from './traffic';

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { abs, ceil, exp, floor, max, min, round } = Math;

/** Bump whenever the generated numbers change: it keys the cached history. */
export const SIM_VERSION = 8;
export const TICK = 15;
export const DAY = 86400;
/** Requests per second one web pod serves at 100 % CPU: 12 pods at the 75 % target ~ 2,500 req/s. */
export const POD_CAPACITY_RPS = 280;
/** Cache lookups per served request. */
const LOOKUPS_PER_REQUEST = 2.6;
/** Demand at a traffic spike's plateau: 12 pods serve it at ~80 % CPU (within capacity, nothing shed). */
const SPIKE_PEAK_RPS = 2700;
/** Requests answered 500 and shed 503 outside incidents: 0.025 % + 0.005 % = 0.03 %. */
const BASE_500_RATIO = 0.00025;
const BASE_503_RATIO = 0.00005;
/** Cache hit ratio outside incidents (the demo's goal is 95 %). */
const BASE_HIT_RATIO = 0.953;
/** Number of finite bucket bounds; bucket NB is +Inf. */
const NB = LE_BOUNDS.length;
/** Buckets that hold the fast answers of shed requests. */
const SHED_IN = LE_BOUNDS.map((le) => le >= SHED_LATENCY);
/** How long a restarted Redis stays cold. */
const COLD_CACHE = 40 * 60;

const SPIKE = specOf('traffic-spike');
const ERROR_BURST = specOf('error-burst');
const PG_MINOR = specOf('pg-lag-minor');
const PG_MAJOR = specOf('pg-lag-major');
const MYSQL_LAG = specOf('mysql-lag');
const MYSQL_STOPPED = specOf('mysql-sql-stopped');
const CACHE_DROP = specOf('cache-drop');
const DEPLOY = specOf('deploy');
const REDIS_RESTART = specOf('redis-restart');

export const HANDLERS = ['/api', '/checkout'] as const;
export const CODES = ['200', '500', '503'] as const;
export const PG_SERVERS = ['pg-primary', 'pg-replica-1', 'pg-replica-2'] as const;

export interface SimulatorOptions {
  seed: number;
  /** Unix seconds, a multiple of 15: tick 0. Counters start there. */
  anchor: number;
  /** Unix seconds at which the weekday peak is PEAK_RPS (growth reference); default anchor + 30 d. */
  refTime?: number;
}

interface Pod {
  name: string;
  born: number;
  bias: number;
  /** cAdvisor and kube-state-metrics series (./kube). */
  kube: KubePod;
  /** kube_pod_container_resource_requests: cpu, memory (on the pod's compute node). */
  requestSeries: Series[];
}

const F = {
  requests: { name: 'http_requests_total', type: 'counter', help: 'HTTP requests by handler and status code.', source: 'app' },
  duration: { name: 'http_request_duration_seconds', type: 'histogram', help: 'HTTP request latency.', source: 'app' },
  ...{ hpaCurrent: K.hpaCurrent, hpaDesired: K.hpaDesired, hpaMin: K.hpaMin, hpaMax: K.hpaMax, hpaTarget: K.hpaSpecTarget },
  ...{ hpaStatus: K.hpaStatusTarget, hpaCondition: K.hpaCondition, hpaInfo: K.hpaInfo, cpuUsage: K.cpuUsage, memWorkingSet: K.memWorkingSet, podOwner: K.podOwner, rsOwner: K.rsOwner },
  pgLag: { name: 'pg_replication_lag', type: 'gauge', help: 'Seconds since the last transaction replayed on this replica (0 on a primary)', source: 'postgres_exporter' },
  pgReplica: { name: 'pg_replication_is_replica', type: 'gauge', help: '1 on a replica (in recovery), 0 on a primary', source: 'postgres_exporter' },
  myBehind: { name: 'mysql_slave_status_seconds_behind_master', type: 'gauge', help: 'Generic metric from SHOW SLAVE STATUS.', source: 'mysqld_exporter' },
  myDelay: { name: 'mysql_slave_status_sql_delay', type: 'gauge', help: 'Generic metric from SHOW SLAVE STATUS.', source: 'mysqld_exporter' },
  myIo: { name: 'mysql_slave_status_slave_io_running', type: 'gauge', help: 'Generic metric from SHOW SLAVE STATUS.', source: 'mysqld_exporter' },
  mySql: { name: 'mysql_slave_status_slave_sql_running', type: 'gauge', help: 'Generic metric from SHOW SLAVE STATUS.', source: 'mysqld_exporter' },
  redisHits: { name: 'redis_keyspace_hits_total', type: 'counter', help: 'keyspace_hits metric', source: 'redis_exporter' },
  redisMisses: { name: 'redis_keyspace_misses_total', type: 'counter', help: 'keyspace_misses metric', source: 'redis_exporter' },
  nodeInfo: { name: 'kube_node_info', type: 'gauge', help: 'Information about a cluster node.', source: 'kube-state-metrics' },
  nodeLabels: { name: 'kube_node_labels', type: 'gauge', help: 'Kubernetes labels converted to Prometheus labels.', source: 'kube-state-metrics' },
  nodeCost: { name: 'node_total_hourly_cost', type: 'gauge', help: 'Total node cost per hour in USD (OpenCost).', source: 'opencost' },
  nodeAllocatable: { name: 'kube_node_status_allocatable', type: 'gauge', help: 'The allocatable for different resources of a node that are available for scheduling.', source: 'kube-state-metrics' },
  podRequests: K.podRequests,
  podLimits: K.podLimits,
} satisfies Record<string, Family>;

/** Every metric family the simulator exposes, in exposition order. */
export const FAMILIES: readonly Family[] = [...Object.values(F), ...DATA_TIER_FAMILIES, ...Object.values(BILL_FAMILIES)];

const roundTo = (v: number, digits: number): number => {
  const p = 10 ** digits;
  return round(v * p) / p;
};
const clamp = (v: number, lo: number, hi: number): number => min(hi, max(lo, v));

// Random streams (distinct per purpose so that adding one does not shift the others).
const S = { podCpu: 21, podMem: 22, podBias: 23, podName: 24, rsName: 25, count: 30, err: 31, shed: 32, pgNoise: 40, myNoise: 41, cache: 50, cacheNoise: 51, latency: 60 };

export type { Emit };

/** Demand in req/s at `t`: the baseline, with a traffic spike in progress on top. */
function demandAt(seed: number, t: number, refTime: number): number {
  const base = baselineDemand(seed, t, refTime);
  const spike = activeOccurrence(seed, SPIKE, t);
  if (!spike) return base;
  const peak = SPIKE_PEAK_RPS * occurrenceMagnitude(seed, SPIKE, spike.n, 0.02);
  return base + max(0, peak - base) * spikeLevel(t - spike.start);
}

/**
 * How far ahead of the anchor the starting HPA looks: an anchor on a spike's ramp up gets the pods
 * the demand needs a few minutes on, as an HPA that had been following the ramp would have; on the
 * ramp down it keeps those the demand at the anchor needs.
 */
const SPIKE_LEAD = 5 * 60;

/**
 * postgres_exporter 0.11 labels what its queries file yields with `server`, the host:port of its
 * DSN; the scrape's `instance` is the exporter (one per server, as in the live data tier).
 */
const pgLabels = (instance: string) => ({ instance, server: `${instance}:5432` });

/** The series whose labels never change, built once per simulator. */
function staticSeries() {
  const web = { service: 'web' };
  // mysqld_exporter 0.14 labels SHOW SLAVE STATUS with all four, empty where MariaDB has no value
  // (the default connection has no name, MariaDB no Master_UUID).
  const my = { instance: 'mysql-replica-1', master_host: 'mysql-primary', channel_name: '', connection_name: '', master_uuid: '' };
  return {
    requests: HANDLERS.map((handler) => CODES.map((code) => makeSeries(F.requests, F.requests.name, { ...web, handler, code }))),
    buckets: HANDLERS.map((handler) =>
      [...LE_LABELS, '+Inf'].map((le) => makeSeries(F.duration, 'http_request_duration_seconds_bucket', { ...web, handler, le })),
    ),
    sums: HANDLERS.map((handler) => makeSeries(F.duration, 'http_request_duration_seconds_sum', { ...web, handler })),
    counts: HANDLERS.map((handler) => makeSeries(F.duration, 'http_request_duration_seconds_count', { ...web, handler })),
    hpa: hpaSeries('web'),
    pgLag: PG_SERVERS.map((instance) => makeSeries(F.pgLag, F.pgLag.name, pgLabels(instance))),
    pgReplica: PG_SERVERS.map((instance) => makeSeries(F.pgReplica, F.pgReplica.name, pgLabels(instance))),
    mysql: [F.myBehind, F.myDelay, F.myIo, F.mySql].map((f) => makeSeries(f, f.name, my)),
    redis: [F.redisHits, F.redisMisses].map((f) => makeSeries(f, f.name, { instance: 'redis-1' })),
    fixedPodRequests: FIXED_PODS.map((p) => requestSeries(p)),
  };
}

export class Simulator {
  readonly seed: number;
  readonly anchor: number;
  readonly refTime: number;
  /** Current tick index (tick 0 is the anchor). */
  k = -1;
  t: number;

  private hpa: HpaState;
  private pods: Pod[] = [];
  private podSerial = 0;
  private rollout = 0;
  private rs = '';
  private rsOwner!: Series;
  private requests: number[][] = HANDLERS.map(() => CODES.map(() => 0));
  private buckets: number[][] = HANDLERS.map(() => new Array(LE_BOUNDS.length + 1).fill(0));
  private sums: number[] = HANDLERS.map(() => 0);
  private hits = 0;
  private misses = 0;

  // Gauges of the current tick.
  private podCpu: number[] = [];
  private podMem: number[] = [];
  private cpuMean = 0;
  /** The average CPU the autoscaler judged at this tick (its status metric). */
  private hpaCpu = 0;
  private pgLag: number[] = [0, 0, 0];
  private myBehind = 0;
  private mySqlRunning = 1;
  /** Demand and served requests per second at the current tick (for tests and status). */
  demand = 0;
  served = 0;

  private readonly tier = new DataTier();
  private readonly nodeSeriesCache = new Map<string, Series[]>();
  private readonly fixed = staticSeries();
  /** Database and filesystem sizes, network bytes (bill.ts). */
  private readonly bill: BillSeries;

  constructor(opts: SimulatorOptions) {
    if (opts.anchor % TICK !== 0) throw new Error(`anchor ${opts.anchor} is not a multiple of ${TICK}`);
    this.seed = opts.seed >>> 0;
    this.anchor = opts.anchor;
    this.refTime = opts.refTime ?? opts.anchor + 30 * DAY;
    this.bill = new BillSeries(PG_SERVERS, opts.anchor);
    this.t = opts.anchor - TICK;
    // The HPA starts where it would stand for the demand at the anchor, a traffic spike in progress
    // included (an anchor inside a spike sized for the baseline shed 17 % for 10 minutes).
    this.hpa = initialHpa(this.t);
    const startDemand = max(demandAt(this.seed, this.t, this.refTime), demandAt(this.seed, this.t + SPIKE_LEAD, this.refTime));
    this.hpa.current = this.hpa.desired = min(HPA.maxReplicas, max(HPA.minReplicas, ceil(startDemand / (POD_CAPACITY_RPS * HPA.targetUtilization))));
    this.newRollout();
    this.resize(this.hpa.current);
    this.cpuMean = 0.6;
    this.step();
  }

  /** Current HPA replicas. */
  get replicas(): number {
    return this.hpa.current;
  }

  /** Advance to tick `k` (never backwards). */
  advanceTo(k: number): void {
    if (k < this.k) throw new Error(`cannot go back from tick ${this.k} to ${k}`);
    while (this.k < k) this.step();
  }

  /** Advance to the last tick at or before unix time `t`. */
  advanceToTime(t: number): void {
    this.advanceTo(floor((t - this.anchor) / TICK));
  }

  private newRollout(): void {
    this.rollout++;
    this.rs = shortId(this.seed, S.rsName, this.rollout, 10);
    this.rsOwner = replicaSetOwner(`web-${this.rs}`);
  }

  private newPod(): Pod {
    const serial = ++this.podSerial;
    const name = `web-${this.rs}-${shortId(this.seed, S.podName, serial, 5)}`;
    // One compute node per web pod: the pod at index i runs on compute-(i + 1).
    return {
      name,
      born: this.t,
      bias: (uniform(this.seed, S.podBias, serial) * 2 - 1) * 0.06,
      kube: kubePod(name, `web-${this.rs}`, computeNode(this.pods.length + 1).node, `registry.demo/web:1.${this.rollout}.0`),
      requestSeries: requestSeries({ pod: name, container: WEB_REQUESTS.container, node: computeNode(this.pods.length + 1).node }),
    };
  }

  private resize(n: number): void {
    while (this.pods.length < n) this.pods.push(this.newPod());
    if (this.pods.length > n) this.pods.length = n; // the newest pods go first
  }

  /** One tick: events in (t, t + 15], then the autoscaler, then load, counters and gauges at t + 15. */
  step(): void {
    const t0 = this.t;
    const t = t0 + TICK;
    this.t = t;
    this.k++;
    const seed = this.seed;
    const k = round(t / TICK); // absolute tick number, for per-tick randomness

    if (eventsIn(seed, DEPLOY, t0, t).length > 0) {
      this.newRollout();
      const n = this.pods.length;
      this.pods = [];
      this.resize(n);
      for (const row of this.requests) row.fill(0);
      for (const row of this.buckets) row.fill(0);
      this.sums.fill(0);
    }
    const redisRestarted = eventsIn(seed, REDIS_RESTART, t0, t).length > 0;
    if (redisRestarted) {
      this.hits = 0;
      this.misses = 0;
    }

    this.hpaCpu = this.cpuMean;
    hpaStep(this.hpa, t, this.cpuMean);
    this.resize(this.hpa.current);

    const demand = demandAt(seed, t, this.refTime);
    const pods = this.pods;
    const capacity = pods.length * POD_CAPACITY_RPS;
    const served = min(demand, capacity);
    const shed = demand - served;
    const util = served / capacity;
    this.demand = demand;
    this.served = served;
    this.bill.step(t, TICK, served, pods.length, (i) => computeNode(i).node);

    // Per-pod CPU and memory.
    let cpuSum = 0;
    this.podCpu = new Array(pods.length);
    this.podMem = new Array(pods.length);
    for (let i = 0; i < pods.length; i++) {
      const p = pods[i];
      const cpu = roundTo(clamp(0.03 + 0.97 * util * (1 + p.bias) + 0.012 * gaussian(seed, S.podCpu, k, i), 0.01, 1), 4);
      const ageHours = (t - p.born) / 3600;
      const mem = 0.38 + 0.22 * cpu + min(0.2, 0.004 * ageHours) + 0.01 * gaussian(seed, S.podMem, k, i);
      this.podCpu[i] = cpu;
      this.podMem[i] = roundTo(clamp(mem, 0.05, 0.98), 4);
      p.kube.cpuSeconds = roundTo(p.kube.cpuSeconds + cpu * WEB_REQUESTS.cpu * TICK, 4); // cores x seconds
      cpuSum += cpu;
    }
    this.cpuMean = cpuSum / max(1, pods.length);

    // Requests, errors and the latency histogram.
    const burst = activeOccurrence(seed, ERROR_BURST, t);
    const burstRatio = burst ? errorBurstRatio(t - burst.start, occurrenceMagnitude(seed, ERROR_BURST, burst.n, 0.15)) : 0;
    // Latency moves with load, plus slow drifts (minutes) and per-scrape jitter: no flat percentile.
    const drift = 1 + 0.02 * valueNoise(seed, S.latency, t, 600) + 0.01 * gaussian(seed, S.latency + 1, k);
    const factor = roundTo(queueingFactor(this.cpuMean) * drift, 3);
    for (let hi = 0; hi < HANDLERS.length; hi++) {
      const h = HANDLERS[hi];
      const share = HANDLER_SHARE[h];
      const n = stochasticRound(served * share * TICK, seed, S.count, k, hi);
      const errRatio = min(1, BASE_500_RATIO + burstRatio * (h === '/checkout' ? 1.4 : 1));
      const n500 = min(n, stochasticRound(n * errRatio, seed, S.err, k, hi));
      const n503 = stochasticRound((shed * share + BASE_503_RATIO * served * share) * TICK, seed, S.shed, k, hi);
      const req = this.requests[hi];
      req[0] += n - n500;
      req[1] += n500;
      req[2] += n503;
      const b = this.buckets[hi];
      const fr = bucketFractions(h, factor);
      for (let i = 0; i < NB; i++) b[i] += round(n * fr[i]) + (SHED_IN[i] ? n503 : 0);
      b[NB] += n + n503;
      this.sums[hi] += n * latencyMean(h, factor) + n503 * SHED_LATENCY;
    }

    // Cache.
    const lookups = stochasticRound(served * LOOKUPS_PER_REQUEST * TICK, seed, S.cache, k);
    let drop = 0;
    const cd = activeOccurrence(seed, CACHE_DROP, t);
    const dropped = cd ? cacheDrop(t - cd.start, occurrenceMagnitude(seed, CACHE_DROP, cd.n, 0.1)) : 0;
    drop += dropped;
    const restart = eventsIn(seed, REDIS_RESTART, t - COLD_CACHE, t);
    if (restart.length > 0) drop += 0.35 * exp(-(t - restart[0].start) / 600);
    const hitRatio = clamp(BASE_HIT_RATIO + 0.006 * valueNoise(seed, S.cacheNoise, t, 900) - drop, 0.05, 0.999);
    const hits = round(lookups * hitRatio);
    this.hits += hits;
    this.misses += lookups - hits;

    // Replication.
    const pgBase = 0.01 + (0.04 * served) / 2500;
    const minor = activeOccurrence(seed, PG_MINOR, t);
    const major = activeOccurrence(seed, PG_MAJOR, t);
    let lag1 = pgBase + 0.01 * abs(gaussian(seed, S.pgNoise, k, 1));
    let lag2 = pgBase + 0.01 * abs(gaussian(seed, S.pgNoise, k, 2));
    if (minor) lag1 += stallLag(t - minor.start, (6 * occurrenceMagnitude(seed, PG_MINOR, minor.n, 0.3)) / 300, 300, 180);
    if (major) lag2 += stallLag(t - major.start, 0.6 * occurrenceMagnitude(seed, PG_MAJOR, major.n, 0.15), 420, 200);
    this.pgLag = [0, roundTo(lag1, 3), roundTo(lag2, 3)];
    const myLag = activeOccurrence(seed, MYSQL_LAG, t);
    const stopped = activeOccurrence(seed, MYSQL_STOPPED, t);
    let behind = uniform(seed, S.myNoise, k) < 0.05 ? 1 : 0;
    if (myLag) behind += stallLag(t - myLag.start, 0.5 * occurrenceMagnitude(seed, MYSQL_LAG, myLag.n, 0.15), 600, 240);
    if (stopped) behind += stallLag(t - stopped.start, 1, 600, 200);
    this.myBehind = round(behind);
    this.mySqlRunning = stopped && t - stopped.start < 600 ? 0 : 1;

    const lastRestart = eventsIn(seed, REDIS_RESTART, t - 3600, t);
    this.tier.step({
      seed,
      t,
      k,
      tick: TICK,
      served,
      cacheDrop: dropped,
      redisRestarted,
      sinceRedisRestart: lastRestart.length > 0 ? t - lastRestart[lastRestart.length - 1].start : Infinity,
    });
  }

  private nodeSeries(n: NodeSpec): Series[] {
    let s = this.nodeSeriesCache.get(n.node);
    if (!s) {
      const labels = {
        node: n.node,
        label_node_kubernetes_io_instance_type: n.instanceType,
        label_topology_kubernetes_io_region: REGION,
        label_headroom_component: n.component,
      };
      s = [
        makeSeries(F.nodeInfo, F.nodeInfo.name, labels),
        makeSeries(F.nodeLabels, F.nodeLabels.name, labels),
        makeSeries(F.nodeCost, F.nodeCost.name, { node: n.node, instance_type: n.instanceType, region: REGION }),
        makeSeries(F.nodeAllocatable, F.nodeAllocatable.name, { node: n.node, resource: 'cpu', unit: 'core' }),
        makeSeries(F.nodeAllocatable, F.nodeAllocatable.name, { node: n.node, resource: 'memory', unit: 'byte' }),
      ];
      this.nodeSeriesCache.set(n.node, s);
    }
    return s;
  }

  /** Emit every sample of the current tick, family by family (in FAMILIES order). */
  collect(emit: Emit): void {
    const st = this.fixed;
    HANDLERS.forEach((_, hi) => CODES.forEach((_c, ci) => emit(st.requests[hi][ci], this.requests[hi][ci])));
    HANDLERS.forEach((_, hi) => {
      const b = this.buckets[hi];
      st.buckets[hi].forEach((s, i) => emit(s, b[i]));
      emit(st.sums[hi], this.sums[hi]);
      emit(st.counts[hi], b[LE_BOUNDS.length]);
    });
    const h = this.hpa;
    emitHpa(
      st.hpa,
      {
        current: h.current,
        desired: h.desired,
        min: HPA.minReplicas,
        max: HPA.maxReplicas,
        targetPercent: HPA.targetUtilization * 100,
        utilizationPercent: round(this.hpaCpu * 100),
        averageCores: roundTo(this.hpaCpu * WEB_REQUESTS.cpu, 3),
        conditions: hpaConditions(h),
      },
      emit,
    );
    emitPodUsage(
      this.pods.map((p) => p.kube),
      (i) => round(this.podMem[i] * WEB_MEMORY_LIMIT),
      emit,
    );
    emit(this.rsOwner, 1);
    st.pgLag.forEach((s, i) => emit(s, this.pgLag[i]));
    st.pgReplica.forEach((s, i) => emit(s, i === 0 ? 0 : 1));
    emit(st.mysql[0], this.myBehind);
    emit(st.mysql[1], 0);
    emit(st.mysql[2], 1);
    emit(st.mysql[3], this.mySqlRunning);
    emit(st.redis[0], this.hits);
    emit(st.redis[1], this.misses);
    const nodes: Series[][] = [];
    for (let i = 1; i <= this.pods.length; i++) nodes.push(this.nodeSeries(computeNode(i)));
    for (const n of FIXED_NODES) nodes.push(this.nodeSeries(n));
    for (let f = 0; f < 3; f++) {
      for (const s of nodes) emit(s[f], f === 2 ? HOURLY_PRICE[s[f].labels.instance_type] : 1);
    }
    for (const s of nodes) {
      const size = ALLOCATABLE[s[2].labels.instance_type];
      emit(s[3], size.cpu);
      emit(s[4], size.memory);
    }
    this.pods.forEach((p) => {
      emit(p.requestSeries[0], WEB_REQUESTS.cpu);
      emit(p.requestSeries[1], WEB_REQUESTS.memory);
    });
    FIXED_PODS.forEach((p, i) => {
      emit(st.fixedPodRequests[i][0], p.cpu);
      emit(st.fixedPodRequests[i][1], p.memory);
    });
    this.tier.collect(emit);
    this.pods.forEach((p) => emit(p.kube.memLimit, WEB_MEMORY_LIMIT));
    this.bill.collect(emit);
  }

  /** Name of a pod (for tests). */
  podNames(): string[] {
    return this.pods.map((p) => p.name);
  }
}

/** Seed from a string or number (HEADROOM_SEED); equal inputs give equal seeds. */
export function parseSeed(value: string | number | undefined, fallback = 42): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n < 2 ** 32) return n;
  let h = 0;
  for (const ch of String(value)) h = hash(h, 1, ch.codePointAt(0) ?? 0);
  return h;
}
