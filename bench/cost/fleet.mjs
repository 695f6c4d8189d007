// The benches' fleet: inventory series of 10 instance types in 3 components, each a seeded random
// walk of instance counts (one up or down on 1 % of the points), with kube_node_labels' labels.
// The same numbers in Node and in the browser pages, run after run.
import { mulberry32 } from '../prng.mjs';

export const FLEET_TYPES = [
  ['t3.large', 'compute'],
  ['m5.large', 'compute'],
  ['m5.xlarge', 'compute'],
  ['c5.large', 'compute'],
  ['r5.large', 'compute'],
  ['db.r5.large', 'database'],
  ['db.t3.medium', 'database'],
  ['cache.r6g.large', 'cache'],
  ['cache.t3.medium', 'cache'],
  ['t3.xlarge', 'compute'],
];

/** Instance counts of `series` series over `points` points (series s seeded with 7 + s). */
export function fleetWalks(series, points) {
  return Array.from({ length: series }, (_, s) => {
    const rnd = mulberry32(7 + s);
    const counts = new Array(points);
    let c = 2 + Math.floor(rnd() * 8);
    for (let i = 0; i < points; i++) {
      if (rnd() < 0.01) c = Math.max(1, c + (rnd() < 0.5 ? -1 : 1));
      counts[i] = c;
    }
    return counts;
  });
}

/** The series' labels, as kube_node_labels counted by type, component and region (plus a node group). */
export function fleetMetrics(series) {
  return Array.from({ length: series }, (_, s) => ({
    label_node_kubernetes_io_instance_type: FLEET_TYPES[s % FLEET_TYPES.length][0],
    label_headroom_component: FLEET_TYPES[s % FLEET_TYPES.length][1],
    label_topology_kubernetes_io_region: 'us-east-1',
    nodegroup: `ng-${s}`,
  }));
}
