// Reading OpenCost's custom pricing CSV into a price book (on-demand prices only).
//
// OpenCost's CSV provider reads the columns EndTimestamp, InstanceID, Region, AssetClass,
// InstanceIDField, InstanceType, MarketPriceHourly, Version (in that order when there is no header
// row); lines starting with '#' are comments. AssetClass is node, pv or gpu (anything else counts
// as node, as OpenCost does).
//
// Mapping and edge cases:
// - node rows price their InstanceType in their Region. Several rows of one type and region (one
//   per node) are averaged, as OpenCost's class pricing does, and a note says so. A node row with
//   no InstanceType can't price a type-based inventory: it is skipped with a note naming the row.
// - pv rows: MarketPriceHourly is per GB-hour in OpenCost; the book stores storage per GB-month
//   (× 730), class = InstanceType, else InstanceID.
// - gpu rows are skipped with a note (the inventory here doesn't count GPUs).
// - vCPU/memory aren't in the CSV: taken from `specs` (default: the built-in book) by type, else
//   left 0, which right-sizing reports as unknown.
// - asOf is EndTimestamp's date when it parses, else `opts.asOf` (default today); source is
//   `opts.source`. Errors (bad or negative prices, bad rows) name the line and the column.
import { parseCsv } from './csv';
import { isIsoDate, PriceBookIssue } from './validate';
import { isKnownCurrency } from './currency';
import { MAX_PRICE } from './limits';
import { InstanceEntry, PriceBook, StorageEntry } from './types';
import { defaultPriceBook } from './defaultPricebook';
import { HOURS_PER_MONTH } from './types';

export const OPENCOST_COLUMNS = ['EndTimestamp', 'InstanceID', 'Region', 'AssetClass', 'InstanceIDField', 'InstanceType', 'MarketPriceHourly', 'Version'] as const;
type Column = (typeof OPENCOST_COLUMNS)[number];

export interface OpenCostCsvOptions {
  currency?: string;
  defaultRegion?: string;
  source?: string;
  asOf?: string;
  name?: string;
  /** Where vCPU/memory/component come from (default: the built-in book). */
  specs?: PriceBook;
}

export interface OpenCostCsvResult {
  book: PriceBook | null;
  errors: PriceBookIssue[];
  notes: string[];
}

function dateOf(endTimestamp: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(endTimestamp.trim());
  return m && isIsoDate(m[1]) ? m[1] : null;
}

export function readOpenCostCsv(text: string, opts: OpenCostCsvOptions = {}): OpenCostCsvResult {
  const errors: PriceBookIssue[] = [];
  const notes: string[] = [];
  const currency = opts.currency ?? 'USD';
  if (!isKnownCurrency(currency)) {
    errors.push({ entry: 'csv', field: 'currency', message: `unknown currency code "${currency}" (expected an ISO 4217 code such as USD)` });
  }
  const today = new Date().toISOString().slice(0, 10);
  const fallbackDate = opts.asOf ?? today;
  if (!isIsoDate(fallbackDate)) {
    errors.push({ entry: 'csv', field: 'asOf', message: `must be a date YYYY-MM-DD, got "${fallbackDate}"` });
  }
  const source = opts.source ?? 'OpenCost custom pricing CSV';
  const specs = opts.specs ?? defaultPriceBook();
  const rows = parseCsv(text).filter((r) => !r.fields[0].trimStart().startsWith('#'));
  let columns: readonly string[] = OPENCOST_COLUMNS;
  if (rows.length > 0 && rows[0].fields.some((f) => f.trim().toLowerCase() === 'marketpricehourly')) {
    columns = rows.shift()!.fields.map((f) => f.trim());
    for (const required of ['InstanceType', 'MarketPriceHourly'] as const) {
      if (!columns.some((c) => c.toLowerCase() === required.toLowerCase())) {
        errors.push({ entry: `line ${rows.length ? rows[0].line - 1 : 1} (header)`, field: required, message: 'column is missing' });
      }
    }
  }
  const col = new Map<string, number>(columns.map((c, i) => [c.toLowerCase(), i]));
  const get = (fields: string[], c: Column) => {
    const i = col.get(c.toLowerCase());
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const nodes = new Map<string, { region: string; type: string; sum: number; n: number; asOf: string }>();
  const storage = new Map<string, { region: string; cls: string; sum: number; n: number; asOf: string }>();
  for (const row of rows) {
    const entry = `line ${row.line}`;
    if (row.fields.length < Math.min(columns.length, 7)) {
      errors.push({ entry, field: '', message: `expected ${columns.length} columns, got ${row.fields.length}` });
      continue;
    }
    const cls = (get(row.fields, 'AssetClass') || 'node').toLowerCase();
    const rawPrice = get(row.fields, 'MarketPriceHourly');
    const price = rawPrice === '' ? NaN : Number(rawPrice);
    if (!Number.isFinite(price)) {
      errors.push({ entry, field: 'MarketPriceHourly', message: rawPrice === '' ? 'price is missing' : `price must be a number, got "${rawPrice}"` });
      continue;
    }
    if (price < 0) {
      errors.push({ entry, field: 'MarketPriceHourly', message: `price must not be negative, got ${price}` });
      continue;
    }
    if (price > MAX_PRICE) {
      errors.push({ entry, field: 'MarketPriceHourly', message: `price must be at most ${MAX_PRICE} (no list price comes near it), got ${price}` });
      continue;
    }
    const region = get(row.fields, 'Region') || opts.defaultRegion || '';
    const asOf = dateOf(get(row.fields, 'EndTimestamp')) ?? fallbackDate;
    const type = get(row.fields, 'InstanceType');
    if (cls === 'gpu') {
      notes.push(`${entry}: gpu price skipped (GPUs aren't counted by the inventory)`);
      continue;
    }
    if (cls === 'pv') {
      const name = type || get(row.fields, 'InstanceID');
      const key = `${name}\u0000${region}`;
      const s = storage.get(key) ?? { region, cls: name, sum: 0, n: 0, asOf };
      s.sum += price;
      s.n++;
      storage.set(key, s);
      continue;
    }
    if (!type) {
      notes.push(`${entry}: node price for InstanceID "${get(row.fields, 'InstanceID')}" has no InstanceType: skipped (inventories here are by type)`);
      continue;
    }
    const key = `${type}\u0000${region}`;
    const x = nodes.get(key) ?? { region, type, sum: 0, n: 0, asOf };
    x.sum += price;
    x.n++;
    if (asOf > x.asOf) {
      x.asOf = asOf;
    }
    nodes.set(key, x);
  }
  if (errors.length > 0) {
    return { book: null, errors, notes };
  }
  const instances: InstanceEntry[] = [];
  for (const x of nodes.values()) {
    if (!x.region) {
      notes.push(`${x.type}: no Region in the CSV and no default region given: priced for region ""`);
    }
    if (x.n > 1) {
      notes.push(`${x.type} in ${x.region || 'no region'}: ${x.n} rows averaged to ${(x.sum / x.n).toFixed(6)}/h`);
    }
    const spec = specs.instances.find((e) => e.type.toLowerCase() === x.type.toLowerCase());
    if (!spec) {
      notes.push(`${x.type}: vCPU and memory unknown (not in the specs book): right-sizing will skip it`);
    }
    const e: InstanceEntry = {
      type: x.type,
      region: x.region,
      vcpu: spec?.vcpu ?? 0,
      memoryGiB: spec?.memoryGiB ?? 0,
      prices: { on_demand: { hourly: x.sum / x.n, asOf: x.asOf, source } },
    };
    if (spec?.component) {
      e.component = spec.component;
    }
    if (spec?.family) {
      e.family = spec.family;
    }
    instances.push(e);
  }
  const storageEntries: StorageEntry[] = [...storage.values()].map((s) => ({
    class: s.cls,
    region: s.region,
    perGbMonth: (s.sum / s.n) * HOURS_PER_MONTH,
    asOf: s.asOf,
    source,
  }));
  if (instances.length === 0) {
    errors.push({ entry: 'csv', field: 'InstanceType', message: 'no node prices with an InstanceType found' });
    return { book: null, errors, notes };
  }
  return {
    book: {
      name: opts.name ?? 'OpenCost custom pricing CSV',
      currency,
      defaultRegion: opts.defaultRegion ?? instances[0].region,
      instances,
      storage: storageEntries,
      network: [],
    },
    errors,
    notes,
  };
}
