// Node inventory and on-demand prices (AWS us-east-1 list prices, USD per hour), mirroring the
// seeds' "5 x t3.large + db.r5.large + replicas": one t3.large node per web pod, a db.r5.large per
// database server, a cache.r6g.large for Redis.

export const REGION = 'us-east-1';

export const HOURLY_PRICE: Readonly<Record<string, number>> = {
  't3.large': 0.0832,
  'db.r5.large': 0.25,
  'cache.r6g.large': 0.206,
};

export type Component = 'compute' | 'database' | 'cache';

export interface NodeSpec {
  node: string;
  instanceType: string;
  component: Component;
}

/** Nodes that are always there: the databases and the cache. */
export const FIXED_NODES: readonly NodeSpec[] = [
  { node: 'db-pg-primary', instanceType: 'db.r5.large', component: 'database' },
  { node: 'db-pg-replica-1', instanceType: 'db.r5.large', component: 'database' },
  { node: 'db-pg-replica-2', instanceType: 'db.r5.large', component: 'database' },
  { node: 'db-mysql-replica-1', instanceType: 'db.r5.large', component: 'database' },
  { node: 'cache-redis-1', instanceType: 'cache.r6g.large', component: 'cache' },
];

/** Compute node `i` (1-based); the cluster runs one per web pod. */
export function computeNode(i: number): NodeSpec {
  return { node: `compute-${i}`, instanceType: 't3.large', component: 'compute' };
}

/**
 * What kube-state-metrics reports as a node's allocatable CPU (cores) and memory (bytes): the
 * type's size less the kubelet's reserve as EKS sets it for a 2-vCPU node (70 millicores; memory
 * 255 MiB + 11 MiB per pod at 29 pods = 574 MiB).
 */
const GIB = 2 ** 30;
const MIB = 2 ** 20;
const RESERVED_CPU = 0.07;
const RESERVED_MEMORY = 574 * MIB;
export const ALLOCATABLE: Readonly<Record<string, { cpu: number; memory: number }>> = {
  't3.large': { cpu: 2 - RESERVED_CPU, memory: 8 * GIB - RESERVED_MEMORY },
  'db.r5.large': { cpu: 2 - RESERVED_CPU, memory: 16 * GIB - RESERVED_MEMORY },
  'cache.r6g.large': { cpu: 2 - RESERVED_CPU, memory: 13 * GIB - RESERVED_MEMORY },
};

/** A container's resource requests (kube_pod_container_resource_requests), cores and bytes. */
export interface PodRequests {
  pod: string;
  container: string;
  node: string;
  cpu: number;
  memory: number;
}

/** Requests of one web pod (its container `web`); the HPA's CPU utilisation is relative to this. */
export const WEB_REQUESTS = { container: 'web', cpu: 1.5, memory: 4 * GIB };
/** A web container's memory limit (kube_pod_container_resource_limits); it has no CPU limit. */
export const WEB_MEMORY_LIMIT = 6 * GIB;

/** The pods of the fixed nodes, one per node; what a node does not request is idle. */
export const FIXED_PODS: readonly PodRequests[] = [
  { pod: 'postgres-0', container: 'postgres', node: 'db-pg-primary', cpu: 1.5, memory: 12 * GIB },
  { pod: 'postgres-1', container: 'postgres', node: 'db-pg-replica-1', cpu: 1, memory: 12 * GIB },
  { pod: 'postgres-2', container: 'postgres', node: 'db-pg-replica-2', cpu: 1, memory: 12 * GIB },
  { pod: 'mysql-replica-1-0', container: 'mysql', node: 'db-mysql-replica-1', cpu: 1, memory: 8 * GIB },
  { pod: 'redis-1-0', container: 'redis', node: 'cache-redis-1', cpu: 0.5, memory: 10 * GIB },
];
