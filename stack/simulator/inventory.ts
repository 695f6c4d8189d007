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
