// The inventory: how many instances of each type (by component and region) over the range, from
// kube-state-metrics' kube_node_labels or OpenCost's node_total_hourly_cost (docs/CONVENTIONS.md),
// counted by Prometheus, then priced with the price book.
//
// Filters (component, instance type, region) become label matchers, escaped (promql/escape.ts).
// OpenCost's metric has no component label: the component comes from the price book entry of the
// type, and a component filter is applied after that.
// Edge cases: no series at all is an error naming the query (nothing to price is never "$0"); an
// instance type missing from the price book fails the query naming the type, region and node count
// — or, when the query says so, is left out with a warning.
import { costSeries, CostSeriesResult, InventorySeries, KUBE_NODE_LABELS, Mix, OPENCOST_LABELS, PriceIndex } from '../../../core/cost';
import type { InventorySource, LoadedInventory as CoreLoadedInventory } from '../../../core/cost/prometheusSource';
import { labelMatcher, Selection } from '../promql/escape';
import { interpolatePromQL, VariableLookup } from '../promql/interpolate';
import { parseSelector } from '../promql/selector';
import { CostDataSourceOptions } from '../types';
import { CostQueryError } from './errors';

export interface InventoryFilters {
  component: Selection;
  instanceType: Selection;
  region: Selection;
}

export interface InventorySpec extends InventorySource {
  /** Filter applied after pricing (OpenCost: component from the price book). */
  componentAfter?: Selection;
}

/** The inventory as loaded by core/cost's loader, with this data source's query spec. */
export type LoadedInventory = CoreLoadedInventory<InventorySpec> & {
  /** The queries of the bill beyond nodes, when the query asked for it. */
  beyondQueries?: string[];
};

export const ALL_FILTERS: InventoryFilters = { component: { all: true }, instanceType: { all: true }, region: { all: true } };

/** The extra matchers from settings (`cluster="prod", env=~"$env"`), interpolated and checked. */
export function settingsMatchers(text: string | undefined, lookup: VariableLookup): string | null {
  const raw = (text ?? '').trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (raw === '') {
    return null;
  }
  const interpolated = interpolatePromQL(raw, lookup);
  const parsed = parseSelector(`{${interpolated}}`);
  if ('error' in parsed) {
    throw new CostQueryError(`inventory matchers "${raw}" in the data source settings: ${parsed.error}`);
  }
  return parsed.matchers;
}

export function inventorySpec(json: CostDataSourceOptions, filters: InventoryFilters, lookup: VariableLookup): InventorySpec {
  const opencost = json.inventorySource === 'opencost';
  const metric = opencost ? 'node_total_hourly_cost' : 'kube_node_labels';
  const labels = opencost ? OPENCOST_LABELS : KUBE_NODE_LABELS;
  const matchers = [settingsMatchers(json.inventoryMatchers, lookup), labelMatcher(labels.type, filters.instanceType)];
  if (labels.region) {
    matchers.push(labelMatcher(labels.region, filters.region));
  }
  if (labels.component) {
    matchers.push(labelMatcher(labels.component, filters.component));
  }
  const by = [labels.type, labels.component, labels.region].filter((x): x is string => !!x);
  const m = matchers.filter((x): x is string => !!x);
  // Only series that name their type can be priced; the others are counted apart for a warning.
  const query = `count by (${by.join(', ')}) (${metric}${m.length ? `{${m.join(', ')}}` : ''})`;
  return { metric, labels, query, ...(labels.component ? {} : { componentAfter: filters.component }) };
}

export interface PricedInventory {
  result: CostSeriesResult;
  /** The inventory actually priced (after component hints and the filters). */
  inventory: InventorySeries[];
  warnings: string[];
}

const matches = (sel: Selection | undefined, value: string) => !sel || sel.all || sel.values.includes(value);

/**
 * Prices the inventory under `mix` (cost integrated over `window`). Unpriced types fail the query
 * unless `unpriced` is 'skip'.
 */
export function priceInventory(
  loaded: LoadedInventory,
  index: PriceIndex,
  mix: Mix,
  window: { start: number; end: number },
  unpriced: 'error' | 'skip' = 'error'
): PricedInventory {
  if (loaded.series.length === 0) {
    throw new CostQueryError(
      `no inventory: ${loaded.spec.query} has no series in the time range${loaded.unlabelled ? ` with ${loaded.spec.labels.type}` : ''} — is ${loaded.spec.metric} scraped, and do the filters match?`
    );
  }
  const book = index.book;
  const missing = new Map<string, { type: string; region: string; count: number }>();
  const unpricedClasses: string[] = [];
  const inventory: InventorySeries[] = [];
  for (const s of loaded.series) {
    const region = s.region || book.defaultRegion;
    if (s.kind === 'storage' || s.kind === 'network') {
      // The bill beyond nodes: no instance type, a storage or network class, the component its own.
      const priced = s.kind === 'storage' ? index.storage(s.type, region) : index.network(s.type, region);
      if (!priced) {
        unpricedClasses.push(index.explainMissing(s.kind, s.type, region));
        continue;
      }
      inventory.push(s);
      continue;
    }
    const entry = index.instance(s.type, region);
    const component = s.component || entry?.component || 'compute';
    if (!matches(loaded.spec.componentAfter, component)) {
      continue;
    }
    if (!entry) {
      const key = `${s.type}\u0000${region}`;
      const m = missing.get(key) ?? { type: s.type, region, count: 0 };
      let last = 0;
      for (let i = s.v.length - 1; i >= 0; i--) {
        if (Number.isFinite(s.v[i])) {
          last = s.v[i];
          break;
        }
      }
      m.count = Math.max(m.count, last);
      missing.set(key, m);
      continue;
    }
    inventory.push({ ...s, component });
  }
  const warnings = [...loaded.warnings];
  if (unpricedClasses.length > 0) {
    if (unpriced !== 'skip') {
      throw new CostQueryError(`${unpricedClasses.join('; ')}: add ${unpricedClasses.length === 1 ? 'it' : 'them'} to the price book, choose another class in the settings' "Beyond nodes", or set "Unpriced types" to leave them out`);
    }
    warnings.push(...unpricedClasses.map((m) => `${m}: left out of every amount`));
  }
  if (missing.size > 0) {
    const list = [...missing.values()].map((m) => `${m.type} in ${m.region}${m.count ? ` (${m.count} now)` : ''}`).join(', ');
    const msg = `no price for instance type ${list} in price book "${book.name}"`;
    if (unpriced !== 'skip') {
      throw new CostQueryError(`${msg}: add ${missing.size === 1 ? 'it' : 'them'} to the price book, or set "Unpriced types" to leave them out`);
    }
    warnings.push(`${msg}: left out of every amount`);
  }
  if (inventory.length === 0) {
    throw new CostQueryError(`nothing to price: the inventory has no series of the chosen component${missing.size ? ' that the price book prices' : ''}`);
  }
  const result = costSeries(inventory, book, mix, { window });
  for (const w of result.warnings) {
    warnings.push(`${w.subject}: ${w.message}`);
  }
  return { result, inventory, warnings: [...new Set(warnings)] };
}
