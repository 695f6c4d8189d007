// The one loader of an inventory and a request count from a Prometheus-compatible API, for the CLI
// and the data source.
//
// Inventory: a range query counting instances by type/component/region (`count by (…) (metric{…})`),
// turned into inventory series; series without the type label are counted apart for a warning.
// The CLI tries kube_node_labels and, when it has no series, OpenCost's node_total_hourly_cost; the
// data source builds its query from its settings and filters (datasources/cost/engine/inventory.ts).
// Requests: `sum(increase(<counter>{selector}[<range>]))` at the range's end — Prometheus computes
// it from raw samples per series (reset-aware) before summing, which a coarse range query can't.
// Errors from the client (down, slow, 4xx/5xx, malformed) propagate unchanged as PrometheusError.
import { PrometheusClient } from '../prometheus/client';
import { vectorToSamples } from '../prometheus/matrix';
import { escapeLabelValue, formatDuration } from '../prometheus/promql';
import { InventoryLabels, inventoryFromSeries, inventoryQuery, KUBE_NODE_LABELS, OPENCOST_LABELS } from './inventory';
import { InventorySeries, TimeWindow } from './types';

export type InventoryMetric = 'kube_node_labels' | 'node_total_hourly_cost';

/** Which metric to count instances of, the labels that name them, and the PromQL that does. */
export interface InventorySource {
  metric: InventoryMetric;
  labels: InventoryLabels;
  query: string;
}

export interface LoadedInventory<S extends InventorySource = InventorySource> {
  spec: S;
  series: InventorySeries[];
  /** Series without the type label: not priced. */
  unlabelled: number;
  warnings: string[];
}

/** A step that keeps a range at most ~`points` samples, whole minutes, at least one minute. */
export function stepFor(window: TimeWindow, points = 720): number {
  const raw = (window.end - window.start) / points;
  return Math.max(60_000, Math.ceil(raw / 60_000) * 60_000);
}

/** Range query of the inventory over [start, end] at `stepMs`, turned into inventory series. */
export async function fetchInventory<S extends InventorySource>(client: PrometheusClient, spec: S, start: number, end: number, stepMs: number, signal?: AbortSignal): Promise<LoadedInventory<S>> {
  const r = await client.queryRangeSeries(spec.query, start, end, stepMs, { signal });
  const { inventory, unlabelled } = inventoryFromSeries(r.data, { ...spec.labels, presence: false });
  const warnings = [...r.warnings];
  if (unlabelled > 0) {
    warnings.push(`${unlabelled} ${spec.metric} series without ${spec.labels.type}: not priced`);
  }
  return { spec, series: inventory, unlabelled, warnings };
}

export interface PrometheusInventory {
  inventory: InventorySeries[];
  /** Which metric answered. */
  metric: InventoryMetric;
  query: string;
  warnings: string[];
}

/** The CLI's inventory: kube_node_labels, else node_total_hourly_cost, with a label-matcher map. */
export async function loadInventory(client: PrometheusClient, window: TimeWindow, stepMs: number, selector: Record<string, string> = {}): Promise<PrometheusInventory> {
  const sources: Array<{ metric: InventoryMetric; labels: InventoryLabels }> = [
    { metric: 'kube_node_labels', labels: KUBE_NODE_LABELS },
    { metric: 'node_total_hourly_cost', labels: OPENCOST_LABELS },
  ];
  const warnings: string[] = [];
  let last: PrometheusInventory | null = null;
  for (const s of sources) {
    const loaded = await fetchInventory(client, { ...s, query: inventoryQuery(s.metric, s.labels, selector) }, window.start, window.end, stepMs);
    warnings.push(...loaded.warnings);
    last = { inventory: loaded.series, metric: s.metric, query: loaded.spec.query, warnings };
    if (loaded.series.length > 0) {
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

/**
 * Requests counted by an instant `query` (a sum of increases) at time `at`: the finite values of
 * its vector added up, or its scalar. Edge cases: no series (the counter is not there) → 0;
 * non-finite values count as 0.
 */
export async function requestCount(client: PrometheusClient, query: string, at: number, signal?: AbortSignal): Promise<{ requests: number; query: string; warnings: string[] }> {
  const r = await client.query(query, at, { signal });
  let requests = 0;
  if (r.data.resultType === 'vector') {
    for (const s of vectorToSamples(r.data.result)) {
      if (Number.isFinite(s.v)) {
        requests += s.v;
      }
    }
  } else if (r.data.resultType === 'scalar') {
    const v = Number(r.data.result[1]);
    requests = Number.isFinite(v) ? v : 0;
  }
  return { requests, query, warnings: r.warnings };
}

/** Requests served in the window (0 when the counter has no series). */
export function loadRequestIncrease(client: PrometheusClient, metric: string, window: TimeWindow, selector: Record<string, string> = {}): Promise<{ requests: number; query: string; warnings: string[] }> {
  return requestCount(client, requestsQuery(metric, window, selector), window.end);
}
