// The price book a data source prices with: the built-in one, one pasted into the settings (JSON,
// or OpenCost's custom pricing CSV), or one fetched from a URL through the plugin's `pricebook`
// route. Validated by core/cost; a broken book is one error that names the entries and fields.
//
// Edge cases: a configured currency must be the book's (nothing here converts money); a URL book is
// fetched at most once per 5 minutes per data source (a failed fetch is not cached); parsed pasted
// books are cached by their text.
import { defaultPriceBook, formatIssue, indexPriceBook, PriceBook, PriceBookIssue, PriceIndex, priceBookFormat, readPriceBookText } from '../../core/cost';
import type { FetchLike } from '../../core/prometheus/client';
import { CostDataSourceOptions } from './types';

export interface LoadedPriceBook {
  book: PriceBook;
  index: PriceIndex;
  /** Where it came from, in words: "built-in", "pasted JSON", "https://…". */
  origin: string;
  notes: string[];
}

export class PriceBookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PriceBookError';
  }
}

const MAX_LISTED = 5;

/** "price book (pasted JSON) is invalid: a; b; c (and 4 more problems)". */
export function describeIssues(origin: string, issues: readonly PriceBookIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED).map(formatIssue);
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more problem${issues.length - MAX_LISTED === 1 ? '' : 's'})` : '';
  return `price book (${origin}) is invalid: ${listed.join('; ')}${more}`;
}

function checkCurrency(loaded: LoadedPriceBook, currency: string | undefined): LoadedPriceBook {
  const wanted = currency?.trim().toUpperCase();
  if (wanted && wanted !== loaded.book.currency) {
    throw new PriceBookError(
      `currency mismatch: the data source is set to ${wanted} but the price book (${loaded.origin}) is in ${loaded.book.currency}; use a price book in ${wanted} or clear the currency setting (no exchange rates are applied)`
    );
  }
  return loaded;
}

/** Parses price book text: JSON (see core/cost/validate.ts) or OpenCost's custom pricing CSV. */
export function parsePriceBookText(text: string, origin: string, currency?: string): LoadedPriceBook {
  const s = text.replace(/^\uFEFF/, '').trim();
  if (s === '') {
    throw new PriceBookError(`price book (${origin}) is empty`);
  }
  const format = priceBookFormat(s);
  const r = readPriceBookText(s, format, { currency: currency?.trim().toUpperCase() || 'USD', source: origin, name: `OpenCost CSV (${origin})` });
  if (!r.book) {
    if (r.jsonError !== undefined) {
      throw new PriceBookError(`price book (${origin}) is not valid JSON: ${r.jsonError}`);
    }
    throw new PriceBookError(describeIssues(format === 'csv' ? `${origin}, OpenCost CSV` : origin, r.issues));
  }
  return checkCurrency({ book: r.book, index: indexPriceBook(r.book), origin, notes: r.notes }, currency);
}

const URL_TTL_MS = 5 * 60_000;
const urlCache = new Map<string, { at: number; book: Promise<LoadedPriceBook> }>();
const textCache = new Map<string, LoadedPriceBook>();
let builtIn: LoadedPriceBook | null = null;

export function clearPriceBookCache(): void {
  urlCache.clear();
  textCache.clear();
  builtIn = null;
}

async function fetchBook(fetchImpl: FetchLike, routeUrl: string, origin: string, currency: string | undefined, signal?: AbortSignal): Promise<LoadedPriceBook> {
  let res: Response;
  try {
    res = await fetchImpl(routeUrl, { method: 'GET', headers: { Accept: 'application/json, text/csv, text/plain' }, signal });
  } catch (e) {
    throw new PriceBookError(`price book (${origin}) could not be fetched: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = await res.text();
  if (res.status < 200 || res.status >= 300) {
    const snippet = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
    throw new PriceBookError(`price book (${origin}) could not be fetched: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${snippet ? `: ${snippet}` : ''}`);
  }
  return parsePriceBookText(body, origin, currency);
}

/**
 * The data source's price book. `routeBase` is the data source's proxy URL (settings.url), under
 * which the `pricebook` route lives.
 */
export async function loadPriceBook(
  json: CostDataSourceOptions,
  routeBase: string,
  fetchImpl: FetchLike,
  opts: { cacheKey?: string; signal?: AbortSignal; now?: number } = {}
): Promise<LoadedPriceBook> {
  const source = json.priceBookSource ?? 'default';
  if (source === 'default') {
    builtIn ??= (() => {
      const book = defaultPriceBook();
      return { book, index: indexPriceBook(book), origin: 'built-in', notes: [] };
    })();
    return checkCurrency(builtIn, json.currency);
  }
  if (source === 'inline') {
    const text = json.priceBookInline ?? '';
    if (text.trim() === '') {
      throw new PriceBookError('price book (pasted) is empty: paste a price book in the data source settings, or choose the built-in one');
    }
    const key = `${json.currency ?? ''}\u0000${text}`;
    const hit = textCache.get(key);
    if (hit) {
      return hit;
    }
    const loaded = parsePriceBookText(text, text.trim().startsWith('{') ? 'pasted JSON' : 'pasted', json.currency);
    textCache.set(key, loaded);
    return loaded;
  }
  const url = (json.priceBookUrl ?? '').trim();
  if (url === '') {
    throw new PriceBookError('price book URL is empty: enter it in the data source settings, or choose the built-in price book');
  }
  const now = opts.now ?? Date.now();
  const key = `${opts.cacheKey ?? ''}\u0000${url}\u0000${json.currency ?? ''}`;
  const cached = urlCache.get(key);
  if (cached && now - cached.at < URL_TTL_MS) {
    return cached.book;
  }
  const book = fetchBook(fetchImpl, `${routeBase}/pricebook`, url, json.currency, opts.signal);
  urlCache.set(key, { at: now, book });
  book.catch(() => urlCache.delete(key));
  return book;
}
