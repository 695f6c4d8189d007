// Monthly (730 h) and yearly (8760 h) projections of a fleet under every pricing model.
//
// One row per model and upfront option: on demand; reserved 1y and 3y with no, partial and all
// upfront (the upfront part spread over the term's hours); all spot; and the caller's mix if given.
// Each row saves against the on-demand row. Where a type isn't sold on a row's model, that type
// stays on demand in the row and the row's `notes` say so — e.g. "all spot" still pays on-demand
// for RDS, which is what the bill would say.
import { Mix, PriceBook, PricingModel, UpfrontOption } from './types';
import { indexPriceBook, PriceIndex } from './lookup';
import { FleetItem } from './fleet';
import { monthly, priceFleet, yearly } from './priceFleet';

export interface Money {
  hourly: number;
  monthly: number;
  yearly: number;
}

export interface ProjectionRow extends Money {
  /** 'mix' for the caller's mix. */
  model: PricingModel | 'mix';
  upfront?: UpfrontOption;
  label: string;
  mix: Mix;
  /** Saved vs on demand: money per month/year and percent (0 when on-demand costs nothing). */
  savedMonthly: number;
  savedYearly: number;
  savedPercent: number;
  notes: string[];
}

export interface Projection {
  currency: string;
  onDemand: Money;
  rows: ProjectionRow[];
  /** Items the price book can't price, left out of every row. */
  unpriced: string[];
}

export const money = (hourly: number): Money => ({ hourly, monthly: monthly(hourly), yearly: yearly(hourly) });

/** Saving in percent of `base`; 0 for a zero base (nothing to save on), never NaN. */
export function percentSaved(base: number, other: number): number {
  return base > 0 ? ((base - other) / base) * 100 : 0;
}

export function mixLabel(mix: Mix): string {
  const parts: string[] = [];
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (mix.reserved_1y) {
    parts.push(`${pct(mix.reserved_1y)} reserved 1y`);
  }
  if (mix.reserved_3y) {
    parts.push(`${pct(mix.reserved_3y)} reserved 3y`);
  }
  if (mix.spot) {
    parts.push(`${pct(mix.spot)} spot`);
  }
  const rest = 1 - (mix.reserved_1y ?? 0) - (mix.reserved_3y ?? 0) - (mix.spot ?? 0);
  if (parts.length === 0) {
    return 'on demand';
  }
  if (rest > 1e-9) {
    parts.push(`${pct(rest)} on demand`);
  }
  const reserved = (mix.reserved_1y ?? 0) + (mix.reserved_3y ?? 0) > 0;
  return `mix: ${parts.join(' + ')}${reserved ? ` (${mix.upfront ?? 'no'} upfront)` : ''}`;
}

/** Every model's row for `fleet`, plus `mix` as a last row when given. */
export function projection(fleet: readonly FleetItem[], book: PriceBook | PriceIndex, mix?: Mix): Projection {
  const index = 'instance' in book ? book : indexPriceBook(book);
  const base = priceFleet(fleet, index, {});
  const onDemand = money(base.hourly);
  const specs: Array<{ model: PricingModel | 'mix'; upfront?: UpfrontOption; label: string; mix: Mix }> = [
    { model: 'on_demand', label: 'on demand', mix: {} },
  ];
  for (const model of ['reserved_1y', 'reserved_3y'] as const) {
    for (const upfront of ['no', 'partial', 'all'] as const) {
      specs.push({ model, upfront, label: `reserved ${model === 'reserved_1y' ? '1y' : '3y'} ${upfront} upfront`, mix: { [model]: 1, upfront } });
    }
  }
  specs.push({ model: 'spot', label: 'spot (where sold)', mix: { spot: 1 } });
  if (mix && (mix.reserved_1y || mix.reserved_3y || mix.spot)) {
    specs.push({ model: 'mix', upfront: mix.upfront, label: mixLabel(mix), mix });
  }
  const rows = specs.map((s): ProjectionRow => {
    const priced = s.model === 'on_demand' ? base : priceFleet(fleet, index, s.mix);
    const m = money(priced.hourly);
    return {
      model: s.model,
      ...(s.upfront ? { upfront: s.upfront } : {}),
      label: s.label,
      mix: s.mix,
      ...m,
      savedMonthly: onDemand.monthly - m.monthly,
      savedYearly: onDemand.yearly - m.yearly,
      savedPercent: percentSaved(onDemand.hourly, m.hourly),
      notes: priced.notes.map((n) => n.message),
    };
  });
  return { currency: base.currency, onDemand, rows, unpriced: base.unpriced.map((u) => u.message) };
}
