// The pricing-model comparison for the same traffic: on demand vs reserved 1y / 3y vs spot (vs the
// mix), per month, per N requests, and the saving against on demand in money and percent.
//
// From the cost data source's pricing frame when there is one (its price book, its mix). Otherwise
// derived from the data: each instance type's share of the cost, re-priced with the built-in price
// book's ratio of each model to on demand — which assumes the cost series are on-demand prices
// (true of OpenCost's node_total_hourly_cost), and is said in the note. Types the built-in book
// doesn't know, or models a type isn't sold on (no spot for RDS), stay at on-demand cost.
import { defaultPriceBook } from '../../../core/cost/defaultPricebook';
import { modelRate } from '../../../core/cost/rates';
import { HOURS_PER_MONTH, InstanceEntry, PricingModel } from '../../../core/cost/types';
import { Headline } from './headline';
import { CostInputs } from './types';

export interface ComparisonRow {
  key: string;
  label: string;
  monthly: number;
  /** Cost per N requests for the range's traffic (NaN: not enough traffic). */
  value: number;
  savedMonthly: number;
  savedPercent: number;
  notes: string;
}

export type Comparison = { rows: ComparisonRow[]; source: string } | { message: string };

let book: InstanceEntry[] | null = null;
function builtIn(type: string): InstanceEntry | undefined {
  book ??= defaultPriceBook().instances;
  const lower = type.toLowerCase();
  return book.find((e) => e.type.toLowerCase() === lower);
}

const MODELS: Array<{ key: PricingModel; label: string }> = [
  { key: 'on_demand', label: 'on demand' },
  { key: 'reserved_1y', label: 'reserved 1y no upfront' },
  { key: 'reserved_3y', label: 'reserved 3y no upfront' },
  { key: 'spot', label: 'spot (where sold)' },
];

export function comparison(inputs: Pick<CostInputs, 'pricing' | 'groups' | 'summary'>, h: Headline, per: number): Comparison {
  const requests = h.current.requests;
  const enough = h.current.status === 'ok';
  if (inputs.pricing && inputs.pricing.length > 0) {
    const hours = inputs.summary?.hours;
    return {
      source: 'price book of the data source',
      rows: inputs.pricing.map((r) => {
        const windowCost = Number.isFinite(r.windowCost) ? r.windowCost : hours ? (r.monthly / HOURS_PER_MONTH) * hours : NaN;
        return {
          key: r.key,
          label: r.label,
          monthly: r.monthly,
          value: enough ? (windowCost / requests) * per : NaN,
          savedMonthly: r.savedMonthly,
          savedPercent: r.savedPercent,
          notes: r.notes,
        };
      }),
    };
  }
  // Derived: weights of each instance type in the cost.
  const weights = new Map<string, number>();
  for (const g of inputs.groups) {
    for (const [type, w] of Object.entries(g.types)) {
      if (w > 0) {
        weights.set(type, (weights.get(type) ?? 0) + w);
      }
    }
  }
  const totalWeight = [...weights.values()].reduce((a, x) => a + x, 0);
  if (!(totalWeight > 0)) {
    return { message: 'No pricing comparison: the cost series carry no instance type and there is no pricing frame (the Headroom Cost data source sends one).' };
  }
  const unknown = [...weights.keys()].filter((t) => !builtIn(t));
  const baseMonthly = h.projectedMonthly;
  const baseCost = h.current.cost;
  return {
    source: 'built-in price book ratios, assuming on-demand cost series',
    rows: MODELS.map((m) => {
      let factor = 0;
      const stays: string[] = [];
      for (const [type, w] of weights) {
        const e = builtIn(type);
        const od = e?.prices.on_demand.hourly;
        const rate = e ? modelRate(e, m.key, 'no') : null;
        const ratio = e && od && od > 0 && rate !== null ? rate / od : 1;
        if (e && rate === null) {
          stays.push(type);
        }
        factor += (w / totalWeight) * ratio;
      }
      const monthly = baseMonthly * factor;
      const notes = [
        ...(stays.length ? [`${stays.join(', ')} not sold as ${m.label}: on demand`] : []),
        ...(m.key !== 'on_demand' && unknown.length ? [`${unknown.join(', ')} not in the built-in price book: on demand`] : []),
      ];
      return {
        key: m.key,
        label: m.label,
        monthly,
        value: enough ? ((baseCost * factor) / requests) * per : NaN,
        savedMonthly: baseMonthly - monthly,
        savedPercent: (1 - factor) * 100,
        notes: notes.join('; '),
      };
    }),
  };
}
