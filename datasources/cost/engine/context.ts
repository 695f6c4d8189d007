// What one query needs: its window, the Prometheus client, variables, the price book, the pricing
// mix, its filters — and loads shared by all queries of one request (the same inventory query is
// sent once even when four panels' queries need it).
import { Mix, validateMix } from '../../../core/cost';
import type { PrometheusClient } from '../../../core/prometheus/client';
import { Selection } from '../promql/escape';
import { VariableLookup } from '../promql/interpolate';
import { filterSelection } from '../promql/variables';
import { LoadedPriceBook } from '../pricebook';
import { CostDataSourceOptions, CostQuery, MixSetting } from '../types';
import { CostQueryError, step } from './errors';
import { fetchInventory } from '../../../core/cost/prometheusSource';
import { beyondNodesPlans, fetchBeyondNodes } from './beyondNodes';
import { InventoryFilters, inventorySpec, LoadedInventory } from './inventory';
import { QueryWindow } from './window';

/** Promises keyed by what they load, for one request. */
export class SharedLoads {
  private readonly loads = new Map<string, Promise<unknown>>();

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.loads.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.loads.set(key, p);
    }
    return p;
  }
}

export interface QueryContext {
  refId: string;
  target: CostQuery;
  json: CostDataSourceOptions;
  window: QueryWindow;
  client: PrometheusClient;
  lookup: VariableLookup;
  signal?: AbortSignal;
  shared: SharedLoads;
  priceBook: () => Promise<LoadedPriceBook>;
  filters: InventoryFilters;
  service: Selection;
  mix: Mix;
  unpriced: 'error' | 'skip';
}

const hasShares = (m: MixSetting | undefined) => !!m && [m.reserved_1y, m.reserved_3y, m.spot].some((x) => typeof x === 'number' && x > 0);

/** The query's mix, else the data source's; checked (shares 0..1, at most 1 together). */
export function resolveMix(target: CostQuery, json: CostDataSourceOptions): Mix {
  const chosen = hasShares(target.mix) ? target.mix : json.defaultMix;
  const where = hasShares(target.mix) ? 'the query' : 'the data source settings';
  const mix: Mix = {};
  for (const k of ['reserved_1y', 'reserved_3y', 'spot'] as const) {
    const v = chosen?.[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && v === 0)) {
      mix[k] = v;
    }
  }
  const upfront = chosen?.upfront ?? target.mix?.upfront ?? json.defaultMix?.upfront;
  if (upfront) {
    mix.upfront = upfront;
  }
  const errors = validateMix(mix);
  if (errors.length) {
    throw new CostQueryError(`pricing mix in ${where}: ${errors.join('; ')}`);
  }
  return mix;
}

export function filtersOf(target: CostQuery, lookup: VariableLookup): { filters: InventoryFilters; service: Selection } {
  const sel = (what: string, text: string | undefined) => {
    try {
      return filterSelection(text, lookup);
    } catch (e) {
      throw new CostQueryError(`${what} filter "${text}": ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return {
    filters: {
      component: sel('component', target.component),
      instanceType: sel('instance type', target.instanceType),
      region: sel('region', target.region),
    },
    service: sel('service', target.service),
  };
}

/**
 * The inventory over [start, end] at `stepMs` for the context's filters, shared across queries;
 * with the query's `beyondNodes`, also database storage, block storage and egress (beyondNodes.ts).
 */
export async function loadInventory(ctx: QueryContext, start = ctx.window.gridStart, end = ctx.window.gridEnd, stepMs = ctx.window.stepMs): Promise<LoadedInventory> {
  const spec = inventorySpec(ctx.json, ctx.filters, ctx.lookup);
  const at = `\u0000${start}\u0000${end}\u0000${stepMs}`;
  const nodes = ctx.shared.get(`inventory\u0000${spec.query}${at}`, () =>
    step(`inventory query ${spec.query}`, () => fetchInventory(ctx.client, spec, start, end, stepMs, ctx.signal))
  );
  if (!ctx.target.beyondNodes) {
    // The same answer may serve queries with different after-pricing filters: keep this query's spec.
    return { ...(await nodes), spec };
  }
  const plans = beyondNodesPlans(ctx.json, ctx.lookup, stepMs);
  const beyond = ctx.shared.get(`beyondNodes\u0000${plans.map((p) => `${p.query}=${p.priceClass}`).join('\u0000')}${at}\u0000${Math.min(end, ctx.window.end)}`, () =>
    fetchBeyondNodes(ctx.client, plans, start, end, stepMs, Math.min(end, ctx.window.end), ctx.signal)
  );
  const [loaded, extra] = await Promise.all([nodes, beyond]);
  // Filters: the component as for nodes; an instance-type filter keeps only the classes it names;
  // no region filter (these series are priced in the price book's default region).
  const { component, instanceType } = ctx.filters;
  const kept = extra.series.filter((s) => (component.all || component.values.includes(s.component ?? '')) && (instanceType.all || instanceType.values.includes(s.type)));
  return { ...loaded, spec, series: [...loaded.series, ...kept], warnings: [...loaded.warnings, ...extra.warnings], beyondQueries: extra.queries };
}
