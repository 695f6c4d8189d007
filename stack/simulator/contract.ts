// The simulator's data-tier series against what the live exporters emit (stack/datatier/
// exporter-series.json, recorded from the Debian exporters): same metric names, same label names.
import { COMMON_LABELS, DATA_TIER_EXPORTERS, DataTierExporter, SCRAPE_LABELS, Series } from './series';

/** Per exporter: metric name -> its label names, sorted (the form of exporter-series.json). */
export type Recorded = Partial<Record<DataTierExporter, Record<string, string[]>>>;

/** Labels a scrape target carries (Prometheus' job and instance, the deployment's cluster and namespace): not the exporter's. */
const TARGET_LABELS = new Set([...Object.keys(SCRAPE_LABELS), ...Object.keys(COMMON_LABELS)]);

/** Names that look like a data-tier exporter's (checked even when a family claims another source). */
const DATA_TIER_NAME = /^(pg|postgres|mysql|mysqld|redis)_/;

const isDataTier = (source: string): source is DataTierExporter => (DATA_TIER_EXPORTERS as readonly string[]).includes(source);

/**
 * Every way the given series break the contract, one line each (empty: none): a data-tier series
 * whose name its exporter does not emit, or with other label names than the exporter's; a series
 * with a data-tier name not attributed to a data-tier exporter; a series of another source named
 * like a node_exporter metric.
 */
export function contractViolations(series: Iterable<Series>, recorded: Recorded): string[] {
  const seen = new Map<string, { source: string; labels: string }>();
  for (const s of series) {
    const labels = Object.keys(s.labels).filter((l) => !TARGET_LABELS.has(l)).sort().join(',');
    const prev = seen.get(s.name);
    if (prev && prev.labels !== labels) seen.set(s.name, { source: s.family.source, labels: `${prev.labels} | ${labels}` });
    else seen.set(s.name, { source: s.family.source, labels });
  }
  const out: string[] = [];
  for (const [name, { source, labels }] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    if (!isDataTier(source)) {
      if (DATA_TIER_NAME.test(name)) out.push(`${name}: named like a data-tier exporter's metric but attributed to ${source}`);
      else if (recorded.node_exporter?.[name]) out.push(`${name}: a node_exporter metric attributed to ${source}`);
      continue;
    }
    const want = recorded[source]?.[name];
    if (!want) out.push(`${name}: not emitted by the live ${source}`);
    else if (want.join(',') !== labels) out.push(`${name}: labels {${labels}}, the live ${source} has {${want.join(',')}}`);
  }
  return out;
}
