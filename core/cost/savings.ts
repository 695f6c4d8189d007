// What-if: the saving of buying a share of the fleet on reserved 1y/3y or spot, rest on demand.
//
// Edge cases: shares are validated first (each 0..1, sum <= 1) and a bad mix is an error result,
// not a silently clamped one; types that aren't sold on a model keep that share on demand (notes);
// a fleet that costs nothing saves 0 %, not NaN.
import { Mix, PriceBook } from './types';
import { indexPriceBook, PriceIndex } from './lookup';
import { FleetItem } from './fleet';
import { priceFleet } from './priceFleet';
import { validateMix } from './rates';
import { Money, money, mixLabel, percentSaved } from './projection';

export interface SavingsByComponent {
  component: string;
  onDemand: Money;
  withMix: Money;
  savedPercent: number;
}

export type SavingsResult =
  | {
      ok: true;
      currency: string;
      label: string;
      mix: Mix;
      onDemand: Money;
      withMix: Money;
      saved: Money;
      savedPercent: number;
      byComponent: SavingsByComponent[];
      notes: string[];
      unpriced: string[];
    }
  | { ok: false; errors: string[] };

export function savings(fleet: readonly FleetItem[], book: PriceBook | PriceIndex, mix: Mix): SavingsResult {
  const errors = validateMix(mix);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  const index = 'instance' in book ? book : indexPriceBook(book);
  const priced = priceFleet(fleet, index, mix);
  const comps = new Map<string, { od: number; mix: number }>();
  for (const it of priced.items) {
    const c = comps.get(it.component) ?? { od: 0, mix: 0 };
    c.od += it.onDemandHourly;
    c.mix += it.hourly;
    comps.set(it.component, c);
  }
  return {
    ok: true,
    currency: priced.currency,
    label: mixLabel(mix),
    mix,
    onDemand: money(priced.onDemandHourly),
    withMix: money(priced.hourly),
    saved: money(priced.onDemandHourly - priced.hourly),
    savedPercent: percentSaved(priced.onDemandHourly, priced.hourly),
    byComponent: [...comps].map(([component, c]) => ({
      component,
      onDemand: money(c.od),
      withMix: money(c.mix),
      savedPercent: percentSaved(c.od, c.mix),
    })),
    notes: priced.notes.map((n) => n.message),
    unpriced: priced.unpriced.map((u) => u.message),
  };
}
