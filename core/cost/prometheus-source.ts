// Loading an inventory and a request count from a Prometheus-compatible API (CLI and datasource).
//
// Inventory: `count by (type, component, region) (kube_node_labels{selector})` over the range; when
// that has no series, OpenCost's `count by (instance_type, region) (node_total_hourly_cost{…})`.
// Requests: `sum(increase(<counter>{selector}[<range>]))` at the range's end — Prometheus computes
// it from raw samples per series (reset-aware) before summing, which a coarse range query can't.
// Errors from the client (down, slow, 4xx/5xx, malformed) propagate unchanged as PrometheusError.
import { PrometheusClient } from '../prometheus/client';
import { vectorToSamples } from '../prometheus/matrix';
import { escapeLabelValue, formatDuration } from '../prometheus/promql';
import { InventoryLabels, inventoryFromSeries, inventoryQuery, KUBE_NODE_LABELS, OPENCOST_LABELS } from './inventory';
import { InventorySeries, TimeWindow } from './types';

export interface PrometheusInventory {
  inventory: InventorySeries[];
  /** Which metric answered. */
  metric: 'kube_node_labels' | 'node_total_hourly_cost';
  query: string;
  warnings: string[];
}

/** A step that keeps a range at most ~`points` samples, whole minutes, at least one minute. */
export function stepFor(window: TimeWindow, points = 720): number {
  const raw = (window.end - window.start) / points;
  return Math.max(60_000, Math.ceil(raw / 60_000) * 60_000);
}

export async function loadInventory(client: PrometheusClient, window: TimeWindow, stepMs: number, selector: Record<string, string> = {}): Promise<PrometheusInventory> {
  const sources: Array<{ metric: PrometheusInventory['metric']; labels: InventoryLabels }> = [
    { metric: 'kube_node_labels', labels: KUBE_NODE_LABELS },
    { metric: 'node_total_hourly_cost', labels: OPENCOST_LABELS },
  ];
  const warnings: string[] = [];
  let last: PrometheusInventory | null = null;
  for (const s of sources) {
    const query = inventoryQuery(s.metric, s.labels, selector);
    const r = await client.queryRangeSeries(query, window.start, window.end, stepMs);
    for (const w of r.warnings) {
      warnings.push(w);
    }
    const { inventory, unlabelled } = inventoryFromSeries(r.data, s.labels);
    if (unlabelled > 0) {
      warnings.push(`${unlabelled} ${s.metric} series without ${s.labels.type}: not priced`);
    }
    last = { inventory, metric: s.metric, query, warnings };
    if (inventory.length > 0) {
      return last;
    }
  }
  return last as PrometheusInventory;
}

export function requestsQuery(metric: string, window: TimeWindow, selector: Record<string, string> = {}): string {
  const m = Object.entries(selector)
    .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
    .join(',');
  return `sum(increase(${metric}${m ? `{${m}}` : ''}[${formatDuration(window.end - window.start)}]))`;
}

/** Requests served in the window (0 when the counter has no series). */
export async function loadRequestIncrease(client: PrometheusClient, metric: string, window: TimeWindow, selector: Record<string, string> = {}): Promise<{ requests: number; query: string; warnings: string[] }> {
  const query = requestsQuery(metric, window, selector);
  const r = await client.query(query, window.end);
  let requests = 0;
  if (r.data.resultType === 'vector') {
    const samples = vectorToSamples(r.data.result);
    requests = samples.reduce((a, s) => a + (Number.isFinite(s.v) ? s.v : 0), 0);
  } else if (r.data.resultType === 'scalar') {
    requests = Number(r.data.result[1]) || 0;
  }
  return { requests, query, warnings: r.warnings };
}
