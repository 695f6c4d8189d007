// Inventory from Prometheus series: which label holds the instance type, component and region,
// and the PromQL that counts instances by them.
//
// Two sources (docs/CONVENTIONS.md):
// - kube-state-metrics style `kube_node_labels` (value 1 per node) with
//   label_node_kubernetes_io_instance_type, label_headroom_component, label_topology_kubernetes_io_region;
//   counted by type/component/region, it is the instance-count inventory this model prices.
// - OpenCost's `node_total_hourly_cost` (money/h per node, labels node, instance_type, region):
//   counted by type it is the same inventory. Raw per-node series (with a `node` label) count as
//   one instance each whatever their value (for OpenCost the value is its own price, money/h).
// Series without the type label can't be priced: they are returned in `unlabelled` for a warning.
import { NumericSeries } from '../prometheus/types';
import { escapeLabelValue } from '../prometheus/promql';
import { InventorySeries } from './types';

export interface InventoryLabels {
  type: string;
  component?: string;
  region?: string;
  /** Each series is one instance whatever its value (OpenCost: the value is money/h, not a count). */
  presence?: boolean;
}

export const KUBE_NODE_LABELS: InventoryLabels = {
  type: 'label_node_kubernetes_io_instance_type',
  component: 'label_headroom_component',
  region: 'label_topology_kubernetes_io_region',
};

export const OPENCOST_LABELS: InventoryLabels = { type: 'instance_type', region: 'region' };

/** PromQL counting instances by type/component/region; `selector` is a label-matcher map. */
export function inventoryQuery(metric = 'kube_node_labels', labels: InventoryLabels = KUBE_NODE_LABELS, selector: Record<string, string> = {}): string {
  const by = [labels.type, labels.component, labels.region].filter((x): x is string => !!x);
  const m = Object.entries(selector)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
  return `count by (${by.join(', ')}) (${metric}${m ? `{${m}}` : ''})`;
}

/**
 * Picks the label map that fits the series: kube_node_labels' names, else OpenCost's. Series that
 * still carry a `node` label are per node (not counted yet): each one counts as one instance.
 */
export function detectLabels(series: readonly NumericSeries[]): InventoryLabels {
  const has = (name: string) => series.some((s) => name in s.labels);
  const presence = has('node');
  const labels = !has(KUBE_NODE_LABELS.type) && has(OPENCOST_LABELS.type) ? OPENCOST_LABELS : KUBE_NODE_LABELS;
  return { ...labels, presence };
}

export function inventoryFromSeries(series: readonly NumericSeries[], labels: InventoryLabels = detectLabels(series)): { inventory: InventorySeries[]; unlabelled: number } {
  const inventory: InventorySeries[] = [];
  let unlabelled = 0;
  for (const s of series) {
    const type = s.labels[labels.type];
    if (!type) {
      unlabelled++;
      continue;
    }
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.labels)) {
      if (k !== labels.type && k !== labels.component && k !== labels.region) {
        rest[k] = v;
      }
    }
    let v: ArrayLike<number> = s.v;
    if (labels.presence) {
      const ones = new Float64Array(s.v.length);
      for (let i = 0; i < ones.length; i++) {
        ones[i] = Number.isFinite(s.v[i]) ? 1 : NaN;
      }
      v = ones;
    }
    const inv: InventorySeries = { kind: 'instance', type, labels: rest, t: s.t, v };
    const component = labels.component ? s.labels[labels.component] : undefined;
    const region = labels.region ? s.labels[labels.region] : undefined;
    if (component) {
      inv.component = component;
    }
    if (region) {
      inv.region = region;
    }
    inventory.push(inv);
  }
  return { inventory, unlabelled };
}
