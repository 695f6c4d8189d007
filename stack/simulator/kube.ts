// The web Deployment's pods and HPA as the cluster's exporters describe them: cAdvisor (the
// kubelet's /metrics/cadvisor) and kube-state-metrics v2, with their label sets. A pod is owned by
// the rollout's ReplicaSet web-<hash>, which the Deployment `web` owns; the HPA targets that
// Deployment. No `service` label: neither exporter has one (the rules derive it from the owner).
import { hash } from './prng';
import { Family, makeSeries, Series } from './series';

export const K = {
  hpaStatusTarget: { name: 'kube_horizontalpodautoscaler_status_target_metric', type: 'gauge', help: 'The current metric status used by this autoscaler when calculating the desired replica count.', source: 'kube-state-metrics' },
  hpaCondition: { name: 'kube_horizontalpodautoscaler_status_condition', type: 'gauge', help: 'The condition of this autoscaler.', source: 'kube-state-metrics' },
  hpaInfo: { name: 'kube_horizontalpodautoscaler_info', type: 'gauge', help: 'Information about this autoscaler.', source: 'kube-state-metrics' },
  cpuUsage: { name: 'container_cpu_usage_seconds_total', type: 'counter', help: 'Cumulative cpu time consumed in seconds.', source: 'cadvisor' },
  memWorkingSet: { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'Current working set in bytes.', source: 'cadvisor' },
  podOwner: { name: 'kube_pod_owner', type: 'gauge', help: "Information about the Pod's owner.", source: 'kube-state-metrics' },
  rsOwner: { name: 'kube_replicaset_owner', type: 'gauge', help: 'Information about the ReplicaSet\'s owner.', source: 'kube-state-metrics' },
  podLimits: { name: 'kube_pod_container_resource_limits', type: 'gauge', help: 'The number of requested limit resource by a container.', source: 'kube-state-metrics' },
} satisfies Record<string, Family>;

export const DEPLOYMENT = 'web';
const CONDITIONS = ['AbleToScale', 'ScalingActive', 'ScalingLimited'] as const;
const STATUSES = ['true', 'false', 'unknown'] as const;

const hex = (seed: number, salt: number, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += (hash(seed, salt, i) >>> 0).toString(16).padStart(8, '0');
  return out.slice(0, n);
};

const strHash = (s: string): number => {
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

export function kubePod(name: string, replicaSet: string, node: string, image: string): KubePod {
  const uid = podUid(name);
  const cid = hex(strHash(uid), 2, 64); // the container runtime's id
  const podCgroup = `/kubepods/burstable/pod${uid}`;
  const container = { container: DEPLOYMENT, id: `${podCgroup}/${cid}`, image, name: cid, pod: name };
  const whole = { id: podCgroup, pod: name };
  return {
    cpu: [makeSeries(K.cpuUsage, K.cpuUsage.name, { ...container, cpu: 'total' }), makeSeries(K.cpuUsage, K.cpuUsage.name, { ...whole, cpu: 'total' })],
    mem: [makeSeries(K.memWorkingSet, K.memWorkingSet.name, container), makeSeries(K.memWorkingSet, K.memWorkingSet.name, whole)],
    owner: makeSeries(K.podOwner, K.podOwner.name, { pod: name, uid, owner_kind: 'ReplicaSet', owner_name: replicaSet, owner_is_controller: 'true' }),
    memLimit: makeSeries(K.podLimits, K.podLimits.name, { pod: name, uid, container: DEPLOYMENT, node, resource: 'memory', unit: 'byte' }),
    cpuSeconds: 0,
  };
}

export function replicaSetOwner(replicaSet: string): Series {
  return makeSeries(K.rsOwner, K.rsOwner.name, { replicaset: replicaSet, owner_kind: 'Deployment', owner_name: DEPLOYMENT, owner_is_controller: 'true' });
}

/** The HPA's status metric (utilisation in percent, average in cores), conditions and target. */
export function hpaStatusSeries(hpa: string) {
  const own = { horizontalpodautoscaler: hpa };
  return {
    utilization: makeSeries(K.hpaStatusTarget, K.hpaStatusTarget.name, { ...own, metric_name: 'cpu', metric_target_type: 'utilization' }),
    average: makeSeries(K.hpaStatusTarget, K.hpaStatusTarget.name, { ...own, metric_name: 'cpu', metric_target_type: 'average' }),
    conditions: CONDITIONS.map((condition) => STATUSES.map((status) => makeSeries(K.hpaCondition, K.hpaCondition.name, { ...own, condition, status }))),
    info: makeSeries(K.hpaInfo, K.hpaInfo.name, { ...own, scaletargetref_api_version: 'apps/v1', scaletargetref_kind: 'Deployment', scaletargetref_name: DEPLOYMENT }),
  };
}

/** Condition values in CONDITIONS order: able to scale and active always; limited when clamped. */
export function hpaConditions(limited: boolean): boolean[] {
  return [true, true, limited];
}
