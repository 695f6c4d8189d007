// The one reader of price book text, for the CLI (a file) and the data source (pasted or fetched):
// JSON as core/cost/validate.ts checks it, or OpenCost's custom pricing CSV. Each caller words the
// failure its own way (the CLI lists every issue on its own line, the data source gives one line).
import { OpenCostCsvOptions, readOpenCostCsv } from './opencostCsv';
import { PriceBook } from './types';
import { parsePriceBook, PriceBookIssue } from './validate';

export type PriceBookFormat = 'json' | 'csv';

export type PriceBookText =
  | { book: PriceBook; notes: string[] }
  /** jsonError: the text is not JSON at all (JSON.parse's message); issues: what validation found. */
  | { book: null; jsonError?: string; issues: PriceBookIssue[] };

/** JSON when the text starts with `{` or `[` (after white space), else CSV. */
export function priceBookFormat(text: string): PriceBookFormat {
  const s = text.trimStart();
  return s.startsWith('{') || s.startsWith('[') ? 'json' : 'csv';
}

/**
 * A validated price book from its text in `format`. Edge cases: JSON that does not parse →
 * jsonError (an empty text included); CSV options (currency, name, source) apply to CSV only; a
 * JSON book has no notes.
 */
export function readPriceBookText(text: string, format: PriceBookFormat, csv: OpenCostCsvOptions = {}): PriceBookText {
  if (format === 'csv') {
    const r = readOpenCostCsv(text, csv);
    return r.book ? { book: r.book, notes: r.notes } : { book: null, issues: r.errors };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { book: null, jsonError: e instanceof Error ? e.message : String(e), issues: [] };
  }
  const r = parsePriceBook(json);
  return r.book ? { book: r.book, notes: [] } : { book: null, issues: r.errors };
}
