// Price book validation: turns parsed JSON into a PriceBook, or lists EVERY problem at once.
//
// Input format (JSON) — the PriceBook type, with three conveniences:
// - a price may be a bare number (`"on_demand": 0.0832`) instead of `{ "hourly": 0.0832, ... }`;
// - `asOf`/`source` may be set once on an entry or on the whole book and are inherited by its prices;
// - an entry without `region` gets the book's `defaultRegion`.
//
// Edge cases: a missing section (storage, network, reserved, spot) is fine; a present one must be
// well-formed. Prices must be finite numbers >= 0 (0 is allowed: free tiers, internal transfer)
// and at most MAX_PRICE (limits.ts), so that every figure computed from them is finite.
// Dates are `YYYY-MM-DD`, a real calendar day, not after `today`. Duplicate type+region is an error
// (which of two prices would win is exactly the kind of silent choice a cost report must not make).
import { isKnownCurrency } from './currency';
import { describeValue, MAX_COUNT, MAX_PRICE } from './limits';
import {
  HourlyPrice,
  InstanceEntry,
  InstancePrices,
  NetworkEntry,
  PriceBook,
  ReservedPrice,
  ReservedPrices,
  StorageEntry,
  UPFRONT_OPTIONS,
} from './types';

export interface PriceBookIssue {
  /** The entry, e.g. `instances[2] (t3.large)` or `book`. */
  entry: string;
  /** The field inside it, e.g. `prices.reserved_1y.partial.upfront`. */
  field: string;
  message: string;
}

export interface PriceBookResult {
  book: PriceBook | null;
  errors: PriceBookIssue[];
}

export function formatIssue(i: PriceBookIssue): string {
  return `${i.entry}: ${i.field}: ${i.message}`;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** True for `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    return false;
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

interface Ctx {
  errors: PriceBookIssue[];
  today: string;
}

interface Defaults {
  asOf?: unknown;
  source?: unknown;
}

const describe = describeValue;

function checkPrice(ctx: Ctx, entry: string, field: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    ctx.errors.push({ entry, field, message: x === undefined ? 'price is missing' : `price must be a number, got ${describe(x)}` });
    return NaN;
  }
  if (x < 0) {
    ctx.errors.push({ entry, field, message: `price must not be negative, got ${x}` });
  }
  if (x > MAX_PRICE) {
    ctx.errors.push({ entry, field, message: `price must be at most ${MAX_PRICE} (no list price comes near it), got ${x}` });
  }
  return x;
}

function checkProvenance(ctx: Ctx, entry: string, field: string, own: Obj | null, d: Defaults): { asOf: string; source: string } {
  const asOf = own?.asOf ?? d.asOf;
  const source = own?.source ?? d.source;
  if (asOf === undefined) {
    ctx.errors.push({ entry, field: `${field}.asOf`, message: 'date is missing (set it on the price, the entry or the book)' });
  } else if (!isIsoDate(asOf)) {
    ctx.errors.push({ entry, field: `${field}.asOf`, message: `must be a date YYYY-MM-DD, got ${describe(asOf)}` });
  } else if (asOf > ctx.today) {
    ctx.errors.push({ entry, field: `${field}.asOf`, message: `date ${asOf} is in the future (today is ${ctx.today})` });
  }
  if (typeof source !== 'string' || source.trim() === '') {
    ctx.errors.push({ entry, field: `${field}.source`, message: source === undefined ? 'source is missing' : `must be a non-empty string, got ${describe(source)}` });
  }
  // Not String(x) of anything else: an array's toString recurses (deeply nested input overflows).
  return { asOf: typeof asOf === 'string' ? asOf : '', source: typeof source === 'string' ? source : '' };
}

function hourlyPrice(ctx: Ctx, entry: string, field: string, x: unknown, d: Defaults): HourlyPrice {
  if (!isObj(x)) {
    // A bare number (or something wrong in its place): provenance comes from the entry or book.
    const hourly = checkPrice(ctx, entry, field, x);
    return { hourly, ...checkProvenance(ctx, entry, field, null, d) };
  }
  const hourly = checkPrice(ctx, entry, `${field}.hourly`, x.hourly);
  return { hourly, ...checkProvenance(ctx, entry, field, x, d) };
}

function reservedPrices(ctx: Ctx, entry: string, field: string, x: unknown, d: Defaults): ReservedPrices | undefined {
  if (x === undefined) {
    return undefined;
  }
  if (!isObj(x)) {
    ctx.errors.push({ entry, field, message: `must be an object with options no/partial/all, got ${describe(x)}` });
    return undefined;
  }
  const out: ReservedPrices = {};
  for (const key of Object.keys(x)) {
    if (!(UPFRONT_OPTIONS as readonly string[]).includes(key)) {
      ctx.errors.push({ entry, field: `${field}.${key}`, message: 'unknown upfront option (use no, partial or all)' });
    }
  }
  for (const option of UPFRONT_OPTIONS) {
    const p = x[option];
    if (p === undefined) {
      continue;
    }
    const f = `${field}.${option}`;
    if (!isObj(p)) {
      ctx.errors.push({ entry, field: f, message: `must be { upfront, hourly }, got ${describe(p)}` });
      continue;
    }
    const price: ReservedPrice = {
      upfront: checkPrice(ctx, entry, `${f}.upfront`, p.upfront),
      hourly: checkPrice(ctx, entry, `${f}.hourly`, p.hourly),
      ...checkProvenance(ctx, entry, f, p, d),
    };
    out[option] = price;
  }
  if (Object.keys(out).length === 0 && Object.keys(x).length === 0) {
    ctx.errors.push({ entry, field, message: 'has no upfront option (no, partial or all)' });
  }
  return out;
}

function positive(ctx: Ctx, entry: string, field: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x > MAX_COUNT) {
    ctx.errors.push({ entry, field, message: x === undefined ? 'is missing' : `must be a number > 0 and at most ${MAX_COUNT}, got ${describe(x)}` });
    return NaN;
  }
  return x;
}

function region(ctx: Ctx, entry: string, x: Obj, defaultRegion: unknown, regions: Set<string> | null): string {
  const r = x.region ?? defaultRegion;
  if (typeof r !== 'string' || r === '') {
    ctx.errors.push({ entry, field: 'region', message: 'is missing and the book has no defaultRegion' });
    return '';
  }
  if (regions && !regions.has(r)) {
    ctx.errors.push({ entry, field: 'region', message: `"${r}" is not one of the book's regions (${[...regions].join(', ')})` });
  }
  return r;
}

function instanceEntry(ctx: Ctx, x: unknown, i: number, book: Obj, regions: Set<string> | null, seen: Set<string>): InstanceEntry | null {
  const name = isObj(x) && typeof x.type === 'string' && x.type !== '' ? x.type : undefined;
  const entry = name ? `instances[${i}] (${name})` : `instances[${i}]`;
  if (!isObj(x)) {
    ctx.errors.push({ entry, field: '', message: `must be an object, got ${describe(x)}` });
    return null;
  }
  if (!name) {
    ctx.errors.push({ entry, field: 'type', message: x.type === undefined ? 'instance type is missing' : `must be a non-empty string, got ${describe(x.type)}` });
  }
  const r = region(ctx, entry, x, book.defaultRegion, regions);
  const key = `${name}/${r}`;
  if (name && r && seen.has(key)) {
    ctx.errors.push({ entry, field: 'type', message: `duplicate entry for ${name} in ${r}` });
  }
  seen.add(key);
  const d: Defaults = { asOf: x.asOf ?? book.asOf, source: x.source ?? book.source };
  const vcpu = positive(ctx, entry, 'vcpu', x.vcpu);
  const memoryGiB = positive(ctx, entry, 'memoryGiB', x.memoryGiB);
  if (x.component !== undefined && (typeof x.component !== 'string' || x.component === '')) {
    ctx.errors.push({ entry, field: 'component', message: `must be a string like compute, database or cache, got ${describe(x.component)}` });
  }
  if (x.family !== undefined && (typeof x.family !== 'string' || x.family === '')) {
    ctx.errors.push({ entry, field: 'family', message: `must be a non-empty string, got ${describe(x.family)}` });
  }
  let prices: InstancePrices | null = null;
  if (!isObj(x.prices)) {
    ctx.errors.push({ entry, field: 'prices', message: x.prices === undefined ? 'prices are missing (on_demand at least)' : `must be an object, got ${describe(x.prices)}` });
  } else {
    const p = x.prices;
    for (const key of Object.keys(p)) {
      if (!['on_demand', 'reserved_1y', 'reserved_3y', 'spot'].includes(key)) {
        ctx.errors.push({ entry, field: `prices.${key}`, message: 'unknown pricing model (use on_demand, reserved_1y, reserved_3y, spot)' });
      }
    }
    prices = { on_demand: hourlyPrice(ctx, entry, 'prices.on_demand', p.on_demand, d) };
    const r1 = reservedPrices(ctx, entry, 'prices.reserved_1y', p.reserved_1y, d);
    const r3 = reservedPrices(ctx, entry, 'prices.reserved_3y', p.reserved_3y, d);
    if (r1) {
      prices.reserved_1y = r1;
    }
    if (r3) {
      prices.reserved_3y = r3;
    }
    if (p.spot !== undefined && p.spot !== null) {
      prices.spot = hourlyPrice(ctx, entry, 'prices.spot', p.spot, d);
    }
  }
  if (!name || !prices) {
    return null;
  }
  const out: InstanceEntry = { type: name, region: r, vcpu, memoryGiB, prices };
  if (typeof x.component === 'string') {
    out.component = x.component;
  }
  if (typeof x.family === 'string') {
    out.family = x.family;
  }
  return out;
}

function unitEntry<K extends 'perGbMonth' | 'perGb'>(
  ctx: Ctx,
  section: 'storage' | 'network',
  priceField: K,
  x: unknown,
  i: number,
  book: Obj,
  regions: Set<string> | null,
): (Record<K, number> & { class: string; region: string; asOf: string; source: string }) | null {
  const name = isObj(x) && typeof x.class === 'string' && x.class !== '' ? x.class : undefined;
  const entry = name ? `${section}[${i}] (${name})` : `${section}[${i}]`;
  if (!isObj(x)) {
    ctx.errors.push({ entry, field: '', message: `must be an object, got ${describe(x)}` });
    return null;
  }
  if (!name) {
    ctx.errors.push({ entry, field: 'class', message: x.class === undefined ? `${section} class is missing` : `must be a non-empty string, got ${describe(x.class)}` });
  }
  const r = region(ctx, entry, x, book.defaultRegion, regions);
  const price = checkPrice(ctx, entry, priceField, x[priceField]);
  const prov = checkProvenance(ctx, entry, '', x, { asOf: book.asOf, source: book.source });
  if (!name) {
    return null;
  }
  return { class: name, region: r, [priceField]: price, ...prov } as Record<K, number> & { class: string; region: string; asOf: string; source: string };
}

/**
 * Validates parsed JSON as a price book. `today` (YYYY-MM-DD) bounds `asOf` dates; it defaults to
 * the current UTC day. Returns the normalised book only when there are no errors.
 */
export function parsePriceBook(input: unknown, opts: { today?: string } = {}): PriceBookResult {
  const ctx: Ctx = { errors: [], today: opts.today ?? new Date().toISOString().slice(0, 10) };
  if (!isObj(input)) {
    return { book: null, errors: [{ entry: 'book', field: '', message: `a price book must be a JSON object, got ${describe(input)}` }] };
  }
  if (!isKnownCurrency(input.currency)) {
    ctx.errors.push({
      entry: 'book',
      field: 'currency',
      message: input.currency === undefined ? 'currency is missing (an ISO 4217 code such as USD)' : `unknown currency code ${describe(input.currency)} (expected an ISO 4217 code such as USD, EUR, GBP)`,
    });
  }
  let regions: Set<string> | null = null;
  if (input.regions !== undefined) {
    if (!Array.isArray(input.regions) || input.regions.some((r) => typeof r !== 'string' || r === '')) {
      ctx.errors.push({ entry: 'book', field: 'regions', message: 'must be a list of region names' });
    } else {
      regions = new Set(input.regions as string[]);
    }
  }
  if (input.defaultRegion !== undefined && (typeof input.defaultRegion !== 'string' || input.defaultRegion === '')) {
    ctx.errors.push({ entry: 'book', field: 'defaultRegion', message: `must be a region name, got ${describe(input.defaultRegion)}` });
  }
  if (input.asOf !== undefined && !isIsoDate(input.asOf)) {
    ctx.errors.push({ entry: 'book', field: 'asOf', message: `must be a date YYYY-MM-DD, got ${describe(input.asOf)}` });
  }
  const instances: InstanceEntry[] = [];
  if (!Array.isArray(input.instances) || input.instances.length === 0) {
    ctx.errors.push({ entry: 'book', field: 'instances', message: 'must be a non-empty list of instance types' });
  } else {
    const seen = new Set<string>();
    input.instances.forEach((x, i) => {
      const e = instanceEntry(ctx, x, i, input, regions, seen);
      if (e) {
        instances.push(e);
      }
    });
  }
  const storage: StorageEntry[] = [];
  const network: NetworkEntry[] = [];
  for (const [section, field, out] of [
    ['storage', 'perGbMonth', storage],
    ['network', 'perGb', network],
  ] as const) {
    const list = input[section];
    if (list === undefined) {
      continue;
    }
    if (!Array.isArray(list)) {
      ctx.errors.push({ entry: 'book', field: section, message: 'must be a list' });
      continue;
    }
    list.forEach((x, i) => {
      const e = unitEntry(ctx, section, field, x, i, input, regions);
      if (e) {
        (out as unknown[]).push(e);
      }
    });
  }
  // The entry-level fixups above leave empty "field" for whole-entry provenance; tidy the names.
  for (const e of ctx.errors) {
    e.field = e.field.replace(/^\./, '');
  }
  if (ctx.errors.length > 0) {
    return { book: null, errors: ctx.errors };
  }
  const defaultRegion = typeof input.defaultRegion === 'string' ? input.defaultRegion : instances[0].region;
  return {
    book: {
      name: typeof input.name === 'string' ? input.name : 'custom',
      currency: input.currency as string,
      defaultRegion,
      instances,
      storage,
      network,
    },
    errors: [],
  };
}
