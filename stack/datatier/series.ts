// What an exporter emits, as metric names and label NAMES (no values): the contract a simulator of
// these exporters must reproduce. Scraped from the live exporters, kept in exporter-series.json.
import { parseExposition } from '../../core/exposition/parse';
import type { Sample } from '../../core/exposition/types';
import { httpGet } from '../procs';

export type SeriesNames = Record<string, string[]>;

/** The exporter's own runtime (Go, process, promhttp): about the exporter, not the server it watches. */
export const OWN_RUNTIME = /^(go_|process_|promhttp_)/;

export async function scrape(url: string): Promise<Sample[]> {
  const r = await httpGet(url, 15000);
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status}`);
  return parseExposition(r.body).samples;
}

/** Adds each sample's name (outside the exporter's own runtime) and label names into `into` (sorted, unique). */
export function addSeriesNames(into: SeriesNames, samples: Sample[]): SeriesNames {
  for (const s of samples) {
    if (OWN_RUNTIME.test(s.name)) continue;
    const names = new Set(into[s.name] ?? []);
    s.labels.forEach((l) => names.add(l.name));
    into[s.name] = [...names].sort();
  }
  return into;
}

/** The value of the one sample named `name` whose labels include `labels` (NaN when absent). */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hit = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels.some((l) => l.name === k && l.value === v)));
  return hit ? hit.value : NaN;
}

/** Sum over every sample named `name` whose labels include `labels` (0 when none). */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels.some((l) => l.name === k && l.value === v)))
    .reduce((a, s) => a + s.value, 0);
}

/** The fixture's text: one metric per line (readable diffs), kinds and names sorted. */
export function formatSeriesFile(byKind: Record<string, SeriesNames>): string {
  const kinds = Object.keys(byKind).sort().map((kind) => {
    const rows = Object.keys(byKind[kind]).sort().map((name) => `    ${JSON.stringify(name)}: ${JSON.stringify(byKind[kind][name])}`);
    return `  ${JSON.stringify(kind)}: {\n${rows.join(',\n')}\n  }`;
  });
  return `{\n${kinds.join(',\n')}\n}\n`;
}
