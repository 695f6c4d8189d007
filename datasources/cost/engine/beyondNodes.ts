// The bill beyond nodes (core/cost/beyondNodes.ts): database storage, block storage and egress
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

/**
 * Times moved back one step; then the last value repeated at each later grid time up to `gridEnd`
 * (the steps under way or after the range's end, at most two), so the series ends where every
 * other kind's does.
 */
export function untilGridEnd(t: ArrayLike<number>, v: ArrayLike<number>, stepMs: number, gridEnd: number): { t: Float64Array; v: Float64Array } {
  const n = t.length;
  const last = n > 0 ? t[n - 1] - stepMs : 0;
  const extra = n > 0 && Number.isFinite(v[n - 1]) && last < gridEnd ? Math.floor((gridEnd - last) / stepMs) : 0;
  const outT = new Float64Array(n + extra);
  const outV = new Float64Array(n + extra);
  for (let i = 0; i < n; i++) {
    outT[i] = t[i] - stepMs;
    outV[i] = v[i];
  }
  for (let k = 1; k <= extra; k++) {
    outT[n - 1 + k] = last + k * stepMs;
    outV[n - 1 + k] = v[n - 1];
  }
  return { t: outT, v: outV };
}

export interface LoadedBeyondNodes {
  series: InventorySeries[];
  warnings: string[];
  queries: string[];
}

/**
 * Range queries of every source on the node inventory's grid; one series per source with data.
 * Inventory samples hold forward (the value at t stands for [t, t + step)), but rate() at T
 * describes the window before T: egress is asked one step later and its times moved back a step,
 * so each value is the traffic of its own step; and no step ends after `rangeEnd` (the query's
 * end, not the grid's: a rate at a time still to come reads a half-empty window, and the demo's
 * egress "now" read 45 % low). The step under way at the range's end has no full window yet: it
 * holds the last full step's value (an estimate, as a node count holds its last scrape), so the
 * run rate "now" and the range's total include egress like every other kind.
 */
export async function fetchBeyondNodes(client: PrometheusClient, plans: readonly BeyondNodesPlan[], start: number, end: number, stepMs: number, rangeEnd: number, signal?: AbortSignal): Promise<LoadedBeyondNodes> {
  const answers = await Promise.all(
    plans.map((p) =>
      step(`${p.source.title} query ${p.query}`, async () => {
        if (p.source.kind !== 'network') {
          return client.queryRangeSeries(p.query, start, end, stepMs, { signal });
        }
        const from = start + stepMs;
        const r = await client.queryRangeSeries(p.query, from, Math.max(from, Math.min(end, rangeEnd)), stepMs, { signal });
        return { ...r, data: r.data.map((s) => untilGridEnd(s.t, s.v, stepMs, end)) };
      })
    )
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
