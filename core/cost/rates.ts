// Hourly rates of one instance type under a pricing model or a mix of models.
//
// Edge cases:
// - A reserved option's effective rate spreads the upfront payment evenly over every hour of the
//   term (1y = 8760 h, 3y = 26280 h) and adds the recurring hourly part; no discounting of money.
// - A model the entry doesn't sell (no spot for RDS or ElastiCache) has no rate: `modelRate` returns
//   null, and a mix keeps that share on demand (reported in `fallbacks`) instead of pretending it
//   was cheaper. A missing upfront option of a sold term uses the nearest option (reported).
// - Shares are clamped to [0, 1]; `validateMix` reports shares that don't add up.
import { HOURS_PER_YEAR, InstanceEntry, Mix, PricingModel, ReservedPrice, UpfrontOption } from './types';

export const TERM_HOURS: Record<'reserved_1y' | 'reserved_3y', number> = {
  reserved_1y: HOURS_PER_YEAR,
  reserved_3y: 3 * HOURS_PER_YEAR,
};

/** Upfront + recurring parts of one reserved option as one hourly rate over its term. */
export function effectiveHourly(p: Pick<ReservedPrice, 'upfront' | 'hourly'>, termHours: number): number {
  return p.hourly + p.upfront / termHours;
}

/** Nearest other option first: the effective rates of neighbouring options are closest. */
const UPFRONT_PREFERENCE: Record<UpfrontOption, UpfrontOption[]> = {
  no: ['no', 'partial', 'all'],
  partial: ['partial', 'no', 'all'],
  all: ['all', 'partial', 'no'],
};

export interface ModelRate {
  hourly: number;
  /** The upfront option actually used (reserved models only). */
  upfront?: UpfrontOption;
}

/**
 * Rate of one instance of `entry` on `model`, or null when the entry isn't sold that way. For a
 * reserved term without the asked upfront option, the nearest option of the same term is used and
 * named in the result (RDS, for instance, sells 3-year terms only partial or all upfront).
 */
export function resolveModelRate(entry: InstanceEntry, model: PricingModel, upfront: UpfrontOption = 'no'): ModelRate | null {
  const prices = entry.prices;
  switch (model) {
    case 'on_demand':
      return { hourly: prices.on_demand.hourly };
    case 'spot':
      return prices.spot ? { hourly: prices.spot.hourly } : null;
    case 'reserved_1y':
    case 'reserved_3y': {
      const term = prices[model];
      for (const option of UPFRONT_PREFERENCE[upfront] ?? UPFRONT_PREFERENCE.no) {
        const p = term?.[option];
        if (p) {
          return { hourly: effectiveHourly(p, TERM_HOURS[model]), upfront: option };
        }
      }
      return null;
    }
    default:
      return null;
  }
}

/** Just the hourly number of resolveModelRate. */
export function modelRate(entry: InstanceEntry, model: PricingModel, upfront: UpfrontOption = 'no'): number | null {
  return resolveModelRate(entry, model, upfront)?.hourly ?? null;
}

export interface MixRate {
  /** Blended hourly rate of one instance. */
  hourly: number;
  /** Share actually bought on each model after fallbacks (sums to 1). */
  shares: Record<PricingModel, number>;
  /** Models whose share went to on-demand because the entry doesn't sell them. */
  fallbacks: PricingModel[];
  /** Reserved models bought with another upfront option than asked, and which. */
  substitutions: Array<{ model: PricingModel; asked: UpfrontOption; used: UpfrontOption }>;
}

const clamp01 = (x: number | undefined): number => (x === undefined || !Number.isFinite(x) ? 0 : Math.min(1, Math.max(0, x)));

/** Blended hourly rate of one instance of `entry` under `mix`. */
export function mixRate(entry: InstanceEntry, mix: Mix = {}): MixRate {
  const upfront = mix.upfront ?? 'no';
  const shares: Record<PricingModel, number> = { on_demand: 0, reserved_1y: 0, reserved_3y: 0, spot: 0 };
  const fallbacks: PricingModel[] = [];
  const substitutions: MixRate['substitutions'] = [];
  let hourly = 0;
  let assigned = 0;
  for (const model of ['reserved_1y', 'reserved_3y', 'spot'] as const) {
    const share = Math.min(clamp01(mix[model]), 1 - assigned);
    if (share <= 0) {
      continue;
    }
    const rate = resolveModelRate(entry, model, upfront);
    if (rate === null) {
      fallbacks.push(model);
      continue;
    }
    if (rate.upfront && rate.upfront !== upfront) {
      substitutions.push({ model, asked: upfront, used: rate.upfront });
    }
    shares[model] = share;
    hourly += share * rate.hourly;
    assigned += share;
  }
  shares.on_demand = 1 - assigned;
  hourly += shares.on_demand * entry.prices.on_demand.hourly;
  return { hourly, shares, fallbacks, substitutions };
}

/** Problems with a mix (shares outside 0..1, sum over 1, unknown upfront option); empty when fine. */
export function validateMix(mix: Mix): string[] {
  const errors: string[] = [];
  let sum = 0;
  for (const model of ['reserved_1y', 'reserved_3y', 'spot'] as const) {
    const share = mix[model];
    if (share === undefined) {
      continue;
    }
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      errors.push(`${model}: share must be a number between 0 and 1, got ${String(share)}`);
      continue;
    }
    sum += share;
  }
  if (sum > 1 + 1e-9) {
    errors.push(`shares add up to ${round(sum, 4)}, more than 1 (the rest of the fleet is on demand)`);
  }
  if (mix.upfront !== undefined && !['no', 'partial', 'all'].includes(mix.upfront)) {
    errors.push(`upfront: must be no, partial or all, got ${String(mix.upfront)}`);
  }
  return errors;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
