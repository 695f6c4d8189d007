// The web Deployment's pods and HPA as the cluster's exporters describe them: cAdvisor (the
// kubelet's /metrics/cadvisor) and kube-state-metrics v2, with their label sets. A pod is owned by
// the rollout's ReplicaSet web-<hash>, which the Deployment `web` owns; the HPA targets that
// Deployment. No `service` label: neither exporter has one (the rules derive it from the owner).
// The simulator (namespace "demo") and the live autoscaler (stack/live/autoscaler, namespace
// "live") both build and emit these series here; `common` is the namespace's COMMON_LABELS.
import { hash } from './prng';
import { COMMON_LABELS, Emit, Family, makeSeries, Series } from './series';

type Labels = Readonly<Record<string, string>>;

export const K = {
  hpaCurrent: { name: 'kube_horizontalpodautoscaler_status_current_replicas', type: 'gauge', help: 'Current number of replicas of pods managed by this autoscaler.', source: 'kube-state-metrics' },
  hpaDesired: { name: 'kube_horizontalpodautoscaler_status_desired_replicas', type: 'gauge', help: 'Desired number of replicas of pods managed by this autoscaler.', source: 'kube-state-metrics' },
  hpaMin: { name: 'kube_horizontalpodautoscaler_spec_min_replicas', type: 'gauge', help: 'Lower limit for the number of pods that can be set by the autoscaler.', source: 'kube-state-metrics' },
  hpaMax: { name: 'kube_horizontalpodautoscaler_spec_max_replicas', type: 'gauge', help: 'Upper limit for the number of pods that can be set by the autoscaler.', source: 'kube-state-metrics' },
  hpaSpecTarget: { name: 'kube_horizontalpodautoscaler_spec_target_metric', type: 'gauge', help: 'The metric specifications used by this autoscaler when calculating the desired replica count.', source: 'kube-state-metrics' },
  hpaStatusTarget: { name: 'kube_horizontalpodautoscaler_status_target_metric', type: 'gauge', help: 'The current metric status used by this autoscaler when calculating the desired replica count.', source: 'kube-state-metrics' },
  hpaCondition: { name: 'kube_horizontalpodautoscaler_status_condition', type: 'gauge', help: 'The condition of this autoscaler.', source: 'kube-state-metrics' },
  hpaInfo: { name: 'kube_horizontalpodautoscaler_info', type: 'gauge', help: 'Information about this autoscaler.', source: 'kube-state-metrics' },
  cpuUsage: { name: 'container_cpu_usage_seconds_total', type: 'counter', help: 'Cumulative cpu time consumed in seconds.', source: 'cadvisor' },
  memWorkingSet: { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'Current working set in bytes.', source: 'cadvisor' },
  podOwner: { name: 'kube_pod_owner', type: 'gauge', help: "Information about the Pod's owner.", source: 'kube-state-metrics' },
  rsOwner: { name: 'kube_replicaset_owner', type: 'gauge', help: 'Information about the ReplicaSet\'s owner.', source: 'kube-state-metrics' },
  podRequests: { name: 'kube_pod_container_resource_requests', type: 'gauge', help: 'The number of requested request resource by a container.', source: 'kube-state-metrics' },
  podLimits: { name: 'kube_pod_container_resource_limits', type: 'gauge', help: 'The number of requested limit resource by a container.', source: 'kube-state-metrics' },
} satisfies Record<string, Family>;

export const DEPLOYMENT = 'web';
const CONDITIONS = ['AbleToScale', 'ScalingActive', 'ScalingLimited'] as const;
const STATUSES = ['true', 'false', 'unknown'] as const;
export type ConditionStatus = (typeof STATUSES)[number];

const hex = (seed: number, salt: number, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += (hash(seed, salt, i) >>> 0).toString(16).padStart(8, '0');
  return out.slice(0, n);
};

/** A 32-bit hash of a string (pod UIDs, the live pods' template hash). */
export const strHash = (s: string): number => {
  let h = 0;
  for (const ch of s) h = hash(h, 7, ch.codePointAt(0) ?? 0);
  return h;
};

/** A pod's UID (a v4-shaped UUID), a pure function of its name. */
export function podUid(name: string): string {
  const x = hex(strHash(name), 1, 32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20)}`;
}

/** The series of one web pod (container `web`, Burstable: a memory limit, no CPU limit). */
export interface KubePod {
  /** cAdvisor: the container's cgroup, then the pod's (no container/image/name labels). */
  cpu: [Series, Series];
  mem: [Series, Series];
  owner: Series;
  memLimit: Series;
  /** CPU seconds used since the container started (the counter's value). */
  cpuSeconds: number;
}

export function kubePod(name: string, replicaSet: string, node: string, image: string, common: Labels = COMMON_LABELS): KubePod {
  const uid = podUid(name);
  const cid = hex(strHash(uid), 2, 64); // the container runtime's id
  const podCgroup = `/kubepods/burstable/pod${uid}`;
  const container = { container: DEPLOYMENT, id: `${podCgroup}/${cid}`, image, name: cid, pod: name };
  const whole = { id: podCgroup, pod: name };
  return {
    cpu: [makeSeries(K.cpuUsage, K.cpuUsage.name, { ...container, cpu: 'total' }, common), makeSeries(K.cpuUsage, K.cpuUsage.name, { ...whole, cpu: 'total' }, common)],
    mem: [makeSeries(K.memWorkingSet, K.memWorkingSet.name, container, common), makeSeries(K.memWorkingSet, K.memWorkingSet.name, whole, common)],
    owner: makeSeries(K.podOwner, K.podOwner.name, { pod: name, uid, owner_kind: 'ReplicaSet', owner_name: replicaSet, owner_is_controller: 'true' }, common),
    memLimit: makeSeries(K.podLimits, K.podLimits.name, { pod: name, uid, container: DEPLOYMENT, node, resource: 'memory', unit: 'byte' }, common),
    cpuSeconds: 0,
  };
}

export function replicaSetOwner(replicaSet: string, common: Labels = COMMON_LABELS): Series {
  return makeSeries(K.rsOwner, K.rsOwner.name, { replicaset: replicaSet, owner_kind: 'Deployment', owner_name: DEPLOYMENT, owner_is_controller: 'true' }, common);
}

/** cAdvisor's CPU counters (container cgroup, then pod cgroup, pod by pod), working sets the same way, then the pods' owners. */
export function emitPodUsage(pods: readonly KubePod[], memBytes: (i: number) => number, emit: Emit): void {
  for (const s of [0, 1]) pods.forEach((p) => emit(p.cpu[s], p.cpuSeconds));
  for (const s of [0, 1]) pods.forEach((p, i) => emit(p.mem[s], memBytes(i)));
  pods.forEach((p) => emit(p.owner, 1));
}

/** A container's resource requests (kube_pod_container_resource_requests): cpu (cores), then memory (bytes). */
export function requestSeries(r: { pod: string; container: string; node: string }, common: Labels = COMMON_LABELS): [Series, Series] {
  const labels = { pod: r.pod, uid: podUid(r.pod), container: r.container, node: r.node };
  return [
    makeSeries(K.podRequests, K.podRequests.name, { ...labels, resource: 'cpu', unit: 'core' }, common),
    makeSeries(K.podRequests, K.podRequests.name, { ...labels, resource: 'memory', unit: 'byte' }, common),
  ];
}

/** An HPA's kube-state-metrics series: spec and status replicas, its CPU target and status metric, conditions, info. */
export function hpaSeries(hpa: string, common: Labels = COMMON_LABELS) {
  const own = { horizontalpodautoscaler: hpa };
  const cpu = (f: Family, metric_target_type: string) => makeSeries(f, f.name, { ...own, metric_name: 'cpu', metric_target_type }, common);
  return {
    current: makeSeries(K.hpaCurrent, K.hpaCurrent.name, own, common),
    desired: makeSeries(K.hpaDesired, K.hpaDesired.name, own, common),
    min: makeSeries(K.hpaMin, K.hpaMin.name, own, common),
    max: makeSeries(K.hpaMax, K.hpaMax.name, own, common),
    target: cpu(K.hpaSpecTarget, 'utilization'),
    utilization: cpu(K.hpaStatusTarget, 'utilization'),
    average: cpu(K.hpaStatusTarget, 'average'),
    conditions: CONDITIONS.map((condition) => STATUSES.map((status) => makeSeries(K.hpaCondition, K.hpaCondition.name, { ...own, condition, status }, common))),
    info: makeSeries(K.hpaInfo, K.hpaInfo.name, { ...own, scaletargetref_api_version: 'apps/v1', scaletargetref_kind: 'Deployment', scaletargetref_name: DEPLOYMENT }, common),
  };
}
export type HpaSeries = ReturnType<typeof hpaSeries>;

/** What kube-state-metrics reports of an HPA: utilisations in whole percent (as its status has them), the average in cores. */
export interface HpaValues {
  current: number;
  desired: number;
  min: number;
  max: number;
  targetPercent: number;
  utilizationPercent: number;
  averageCores: number;
  /** AbleToScale, ScalingActive, ScalingLimited. */
  conditions: readonly ConditionStatus[];
}

/** Emits an HPA's series, family by family (the simulator's FAMILIES order). */
export function emitHpa(s: HpaSeries, v: HpaValues, emit: Emit): void {
  emit(s.current, v.current);
  emit(s.desired, v.desired);
  emit(s.min, v.min);
  emit(s.max, v.max);
  emit(s.target, v.targetPercent);
  // kube-state-metrics has no status metric while the HPA has no current metric (NaN here).
  if (Number.isFinite(v.utilizationPercent)) emit(s.utilization, v.utilizationPercent);
  if (Number.isFinite(v.averageCores)) emit(s.average, v.averageCores);
  v.conditions.forEach((status, c) => s.conditions[c].forEach((series, i) => emit(series, STATUSES[i] === status ? 1 : 0)));
  emit(s.info, 1);
}

/** Conditions in CONDITIONS order: able to scale unless a scale failed; active while the metric is usable; limited when clamped. */
export function hpaConditions(h: { limited: boolean; active: boolean }, ableToScale = true): ConditionStatus[] {
  const tf = (b: boolean): ConditionStatus => (b ? 'true' : 'false');
  return [tf(ableToScale), tf(h.active), tf(h.limited)];
}
