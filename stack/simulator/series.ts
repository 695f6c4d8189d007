// Metric families and series of the simulator, with their exposition prefixes computed once.

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** The exporters of the data tier: the keys of stack/datatier/exporter-series.json (recorded live). */
export const DATA_TIER_EXPORTERS = ['postgres_exporter', 'mysqld_exporter', 'redis_exporter', 'node_exporter'] as const;
export type DataTierExporter = (typeof DATA_TIER_EXPORTERS)[number];

/** What emits a family in a real deployment: the instrumented web service, kube-state-metrics, OpenCost, or a data-tier exporter. */
export type Source = 'app' | 'kube-state-metrics' | 'cadvisor' | 'opencost' | DataTierExporter;

export interface Family {
  name: string;
  type: MetricType;
  help: string;
  source: Source;
}

export interface Series {
  family: Family;
  /** Sample name (for histograms with the _bucket/_sum/_count suffix). */
  name: string;
  labels: Readonly<Record<string, string>>;
  /** `name{labels}` as the simulator serves it live (without job/instance of the scrape). */
  live: string;
  /** `name{labels}` as Prometheus stores it after the scrape (with job and instance). */
  stored: string;
}

/** Receives one sample (the simulator's and the live autoscaler's collect). */
export type Emit = (series: Series, value: number) => void;

/** Labels every series carries, set by the simulator itself (target labels in a real deployment, not the exporters'). */
export const COMMON_LABELS: Readonly<Record<string, string>> = { cluster: 'demo', namespace: 'demo' };

/** The common labels of another namespace of the demo cluster (the live autoscaler's is "live"). */
export function namespaceLabels(namespace: string): Readonly<Record<string, string>> {
  return { ...COMMON_LABELS, namespace };
}

/**
 * Target labels Prometheus attaches to the scrape (the scrape config sets both explicitly, so
 * they do not depend on the port). Series that bring their own `instance` keep it (honor_labels).
 */
export const SCRAPE_LABELS: Readonly<Record<string, string>> = { job: 'headroom-simulator', instance: 'simulator' };

function escapeValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const parts = Object.keys(labels).map((k) => `${k}="${escapeValue(labels[k])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export function makeSeries(family: Family, name: string, own: Readonly<Record<string, string>>, common: Readonly<Record<string, string>> = COMMON_LABELS): Series {
  const labels = { ...own, ...common };
  const stored: Record<string, string> = { ...labels };
  for (const [k, v] of Object.entries(SCRAPE_LABELS)) if (!(k in stored)) stored[k] = v;
  return { family, name, labels, live: name + formatLabels(labels), stored: name + formatLabels(stored) };
}

/** A number as both expositions write it (shortest round-trip form, so both parse to the same double). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
