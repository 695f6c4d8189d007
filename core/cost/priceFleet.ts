// Pricing a fleet under one mix: the hourly bill per item and in total.
//
// Edge cases: unpriced items are left out of the totals and listed in `unpriced` (never priced as
// zero silently); storage and network have no reservations or spot, so every mix prices them the
// same; an instance model the type doesn't sell keeps that share on demand (listed in `notes`).
import { HOURS_PER_MONTH, HOURS_PER_YEAR, CostWarning, Mix, PriceBook, PricingModel } from './types';
import { indexPriceBook, PriceIndex } from './lookup';
import { mixRate } from './rates';
import { FleetItem } from './fleet';

export interface PricedItem extends FleetItem {
  component: string;
  region: string;
  /** Blended hourly price of one unit under the mix. */
  unitHourly: number;
  /** Hourly price of one unit on demand. */
  unitOnDemand: number;
  hourly: number;
  onDemandHourly: number;
  shares: Record<PricingModel, number>;
}

export interface PricedFleet {
  currency: string;
  items: PricedItem[];
  hourly: number;
  onDemandHourly: number;
  unpriced: CostWarning[];
  notes: CostWarning[];
}

const ALL_ON_DEMAND: Record<PricingModel, number> = { on_demand: 1, reserved_1y: 0, reserved_3y: 0, spot: 0 };

export function priceFleet(fleet: readonly FleetItem[], book: PriceBook | PriceIndex, mix: Mix = {}): PricedFleet {
  const index = 'instance' in book ? book : indexPriceBook(book);
  const items: PricedItem[] = [];
  const unpriced: CostWarning[] = [];
  const notes: CostWarning[] = [];
  let hourly = 0;
  let onDemandHourly = 0;
  for (const x of fleet) {
    const kind = x.kind ?? 'instance';
    const region = x.region && x.region !== '' ? x.region : index.book.defaultRegion;
    const subject = `${x.type}/${region}`;
    let unitHourly: number;
    let unitOnDemand: number;
    let shares = ALL_ON_DEMAND;
    let component: string;
    if (kind === 'instance') {
      const e = index.instance(x.type, region);
      if (!e) {
        unpriced.push({ subject, message: index.explainMissing('instance', x.type, region) });
        continue;
      }
      const m = mixRate(e, mix);
      unitHourly = m.hourly;
      unitOnDemand = e.prices.on_demand.hourly;
      shares = m.shares;
      component = x.component || e.component || 'compute';
      for (const model of m.fallbacks) {
        notes.push({ subject, message: `${e.type} is not sold as ${model}: that share stays on demand` });
      }
      for (const s of m.substitutions) {
        notes.push({ subject, message: `${e.type} has no ${s.model} ${s.asked}-upfront offer: priced ${s.used} upfront` });
      }
    } else {
      const e = kind === 'storage' ? index.storage(x.type, region) : index.network(x.type, region);
      if (!e) {
        unpriced.push({ subject, message: index.explainMissing(kind, x.type, region) });
        continue;
      }
      unitHourly = 'perGbMonth' in e ? e.perGbMonth / HOURS_PER_MONTH : e.perGb;
      unitOnDemand = unitHourly;
      component = x.component || kind;
    }
    const item: PricedItem = {
      ...x,
      kind,
      component,
      region,
      unitHourly,
      unitOnDemand,
      hourly: x.count * unitHourly,
      onDemandHourly: x.count * unitOnDemand,
      shares,
    };
    items.push(item);
    hourly += item.hourly;
    onDemandHourly += item.onDemandHourly;
  }
  const seen = new Set<string>();
  const uniqueNotes = notes.filter((n) => !seen.has(n.message) && seen.add(n.message) !== undefined);
  return { currency: index.book.currency, items, hourly, onDemandHourly, unpriced, notes: uniqueNotes };
}

export const monthly = (hourly: number) => hourly * HOURS_PER_MONTH;
export const yearly = (hourly: number) => hourly * HOURS_PER_YEAR;
