// The bill beyond nodes (core/cost/beyond-nodes.ts): database storage, block storage and egress
// from the exporters' series, added to the node inventory of a query that asks for them
// (`beyondNodes`). The settings may change each source's selector and price class, or turn it off.
//
// Edge cases: a source without series in the range is left out with a notice (no exporter, no
// database: nothing to bill), never an error; a bad selector in the settings fails the query naming
// the source and the field; the settings' inventory matchers (e.g. cluster="prod") apply too.
import { BEYOND_NODES, beyondNodesInventory, beyondNodesQuery, BeyondNodesSource, InventorySeries } from '../../../core/cost';
import type { PrometheusClient } from '../../../core/prometheus/client';
import { VariableLookup, interpolatePromQL } from '../promql/interpolate';
import { parseSelector, withMatchers } from '../promql/selector';
import { CostDataSourceOptions } from '../types';
import { CostQueryError, step } from './errors';
import { settingsMatchers } from './inventory';

export interface BeyondNodesPlan {
  source: BeyondNodesSource;
  priceClass: string;
  query: string;
}

/** The sources the settings leave on, with their queries at `stepMs`. */
export function beyondNodesPlans(json: CostDataSourceOptions, lookup: VariableLookup, stepMs: number): BeyondNodesPlan[] {
  const extra = settingsMatchers(json.inventoryMatchers, lookup);
  const plans: BeyondNodesPlan[] = [];
  for (const source of BEYOND_NODES) {
    const s = json.beyondNodes?.[source.key];
    if (s?.enabled === false) {
      continue;
    }
    const text = (s?.selector ?? '').trim() || source.selector;
    const parsed = parseSelector(interpolatePromQL(text, lookup));
    if ('error' in parsed) {
      throw new CostQueryError(`${source.title} selector "${text}" in the data source settings: ${parsed.error}`);
    }
    const priceClass = (s?.priceClass ?? '').trim() || source.priceClass;
    plans.push({ source, priceClass, query: beyondNodesQuery(source, withMatchers(parsed, [extra]), stepMs) });
  }
  return plans;
}

export interface LoadedBeyondNodes {
  series: InventorySeries[];
  warnings: string[];
  queries: string[];
}

/** Range queries of every source on the node inventory's grid; one series per source with data. */
export async function fetchBeyondNodes(client: PrometheusClient, plans: readonly BeyondNodesPlan[], start: number, end: number, stepMs: number, signal?: AbortSignal): Promise<LoadedBeyondNodes> {
  const answers = await Promise.all(
    plans.map((p) => step(`${p.source.title} query ${p.query}`, () => client.queryRangeSeries(p.query, start, end, stepMs, { signal })))
  );
  const out: LoadedBeyondNodes = { series: [], warnings: [], queries: plans.map((p) => p.query) };
  answers.forEach((r, i) => {
    const p = plans[i];
    out.warnings.push(...r.warnings);
    const s = r.data[0];
    if (!s || s.t.length === 0) {
      out.warnings.push(`no ${p.source.title} in the range (${p.source.exporter}: ${p.query}): not in the bill`);
      return;
    }
    out.series.push(beyondNodesInventory(p.source, p.priceClass, s.t, s.v));
  });
  return out;
}
