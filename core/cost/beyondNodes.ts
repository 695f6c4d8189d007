// The bill beyond nodes: what the exporters tell about storage and traffic, as inventory the price
// book prices per GB-month (storage) or per GB (traffic).
//
// Three sources, each a series real exporters emit (stack/datatier/exporter-series.json):
// - block storage: node_exporter's node_filesystem_size_bytes{device, fstype, mountpoint}, one
//   volume counted once per instance and device (bind mounts repeat a device), priced per GB-month;
// - database storage: postgres_exporter's pg_database_size_bytes{datname}, every database of every
//   server (a read replica holds and bills its own copy), priced per GB-month;
// - egress: node_exporter's node_network_transmit_bytes_total{device} (a counter; Prometheus'
//   rate() handles resets), as GB per hour, priced per GB.
//
// Edge cases and honest limits: a GB is 2^30 bytes (what AWS bills as "GB"); a managed database
// bills its allocated storage, which is at least the databases' size (the figure is a floor);
// every byte a node sends counts as egress of the chosen class, so traffic inside the zone or to
// a load balancer counts too (narrow the device selector, or pick a cheaper class); a series
// missing in a step costs nothing there (no last value carried over a scrape outage).
import { InventorySeries } from './types';

export type BeyondNodesKey = 'blockStorage' | 'databaseStorage' | 'egress';

export interface BeyondNodesSource {
  key: BeyondNodesKey;
  /** How the price book prices it: per GB-month (storage) or per GB (network). */
  kind: 'storage' | 'network';
  /** The component its cost counts under. */
  component: string;
  /** What it is, in words, for messages and legends. */
  title: string;
  /** The exporter whose series it reads. */
  exporter: string;
  /** Default vector selector (one plain selector: metric name and matchers). */
  selector: string;
  /** Default price class (storage or network class of the price book). */
  priceClass: string;
}

export const BYTES_PER_GB = 2 ** 30;

/** The sources in the order the bill lists them. */
export const BEYOND_NODES: readonly BeyondNodesSource[] = [
  {
    key: 'databaseStorage',
    kind: 'storage',
    component: 'database',
    title: 'database storage',
    exporter: 'postgres_exporter',
    selector: 'pg_database_size_bytes',
    priceClass: 'rds-gp2',
  },
  {
    key: 'blockStorage',
    kind: 'storage',
    component: 'storage',
    title: 'block storage',
    exporter: 'node_exporter',
    selector: 'node_filesystem_size_bytes{fstype=~"ext4|xfs|btrfs"}',
    priceClass: 'ebs-gp3',
  },
  {
    key: 'egress',
    kind: 'network',
    component: 'egress',
    title: 'egress',
    exporter: 'node_exporter',
    selector: 'node_network_transmit_bytes_total{device!~"lo|veth.*|docker.*|cali.*|cni.*|flannel.*"}',
    priceClass: 'internet-egress',
  },
];

export function beyondNodesSource(key: BeyondNodesKey): BeyondNodesSource {
  const s = BEYOND_NODES.find((x) => x.key === key);
  if (!s) {
    throw new Error(`unknown source ${key}`);
  }
  return s;
}

/** Seconds as a PromQL duration (whole seconds, at least 1 s). */
const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))}s`;

/** Rate window for egress: the step, but never under 5 minutes (a few scrapes at any interval). */
export const MIN_RATE_WINDOW_MS = 5 * 60_000;

/**
 * PromQL giving the source in the price book's unit: GB stored (storage) or GB per hour sent
 * (egress), summed to one series. `selector` is a checked plain selector.
 */
export function beyondNodesQuery(src: Pick<BeyondNodesSource, 'key'>, selector: string, stepMs: number): string {
  switch (src.key) {
    case 'blockStorage':
      return `sum(max by (instance, device) (${selector})) / ${BYTES_PER_GB}`;
    case 'databaseStorage':
      return `sum(${selector}) / ${BYTES_PER_GB}`;
    case 'egress':
      return `sum(rate(${selector}[${seconds(Math.max(stepMs, MIN_RATE_WINDOW_MS))}])) * 3600 / ${BYTES_PER_GB}`;
  }
}

/** One inventory series from the query's answer (one series, or none: nothing of it). */
export function beyondNodesInventory(src: BeyondNodesSource, priceClass: string, t: ArrayLike<number>, v: ArrayLike<number>, region?: string): InventorySeries {
  const inv: InventorySeries = { kind: src.kind, type: priceClass, component: src.component, labels: { source: src.key }, t, v };
  if (region) {
    inv.region = region;
  }
  return inv;
}
