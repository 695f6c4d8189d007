// The cost report (what `headroom cost` prints): fleet, projection per pricing model, savings of a
// mix, cost per request — as one JSON-able object, and as an aligned text table.
import { currencyPrefix } from './currency';
import { FleetItem, mergeFleet } from './fleet';
import { CostPerRequest } from './perRequest';
import { priceFleet } from './priceFleet';
import { Projection, projection } from './projection';
import { savings, SavingsResult } from './savings';
import { HOURS_PER_MONTH, HOURS_PER_YEAR, Mix, PriceBook } from './types';

export interface CostReport {
  priceBook: { name: string; currency: string };
  source: string;
  window?: { start: string; end: string; hours: number };
  /** Present when the inventory has data for only part of the window: the fleet is averaged over these hours. */
  coverage?: { hours: number; fraction: number };
  fleet: Array<{ component: string; type: string; region: string; kind: string; count: number; onDemandMonthly: number }>;
  projection: Projection;
  savings?: Extract<SavingsResult, { ok: true }>;
  costPerRequest?: CostPerRequest & { perMillion?: number };
  notes: string[];
  unpriced: string[];
}

export function buildReport(args: {
  fleet: readonly FleetItem[];
  book: PriceBook;
  mix?: Mix;
  source: string;
  window?: { start: number; end: number };
  /** Milliseconds of the window with inventory data (see coveredMs), when the fleet was averaged over them. */
  dataMs?: number;
  costPerRequest?: CostPerRequest;
  notes?: string[];
}): CostReport {
  const fleet = mergeFleet(args.fleet);
  const priced = priceFleet(fleet, args.book, {});
  const proj = projection(fleet, args.book, args.mix);
  const report: CostReport = {
    priceBook: { name: args.book.name, currency: args.book.currency },
    source: args.source,
    fleet: priced.items.map((x) => ({
      component: x.component,
      type: x.type,
      region: x.region,
      kind: x.kind ?? 'instance',
      count: x.count,
      onDemandMonthly: x.onDemandHourly * HOURS_PER_MONTH,
    })),
    projection: proj,
    notes: [...(args.notes ?? [])],
    unpriced: proj.unpriced,
  };
  if (args.window) {
    report.window = {
      start: new Date(args.window.start).toISOString(),
      end: new Date(args.window.end).toISOString(),
      hours: (args.window.end - args.window.start) / 3_600_000,
    };
    if (args.dataMs !== undefined) {
      const whole = args.window.end - args.window.start;
      report.coverage = { hours: args.dataMs / 3_600_000, fraction: whole > 0 ? Math.min(1, args.dataMs / whole) : 0 };
    }
  }
  if (args.mix && (args.mix.reserved_1y || args.mix.reserved_3y || args.mix.spot)) {
    const s = savings(fleet, args.book, args.mix);
    if (s.ok) {
      report.savings = s;
    }
  }
  if (args.costPerRequest) {
    const c = args.costPerRequest;
    report.costPerRequest = c.status === 'ok' ? { ...c, perMillion: (c.cost / c.requests) * 1e6 } : c;
  }
  const noteSet = new Set(report.notes);
  for (const r of proj.rows) {
    for (const n of r.notes) {
      noteSet.add(n);
    }
  }
  report.notes = [...noteSet];
  return report;
}

const fmt2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fmtCount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatMoney(x: number, currency: string): string {
  const sign = x < 0 ? '-' : '';
  return `${sign}${currencyPrefix(currency)}${fmt2.format(Math.abs(x))}`;
}

/** Small amounts (per request) with 3 significant digits. */
export function formatSmallMoney(x: number, currency: string): string {
  if (x !== 0 && Math.abs(x) < 0.01) {
    return `${currencyPrefix(currency)}${x.toPrecision(3)}`;
  }
  return formatMoney(x, currency);
}

/**
 * Lays out rows as columns: text left-aligned, numbers (cells marked `right`) right-aligned.
 * Loops, no spread of the rows into arguments: a fleet of 100 000+ rows must not overflow the stack.
 */
export function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      if (r[i].length > widths[i]) {
        widths[i] = r[i].length;
      }
    }
  }
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of rows) {
    out.push(line(r));
  }
  return out;
}

/** Appends `lines` one by one: spreading them into push() passes each as an argument, a stack overflow for long lists. */
function append(out: string[], lines: readonly string[]): void {
  for (const l of lines) {
    out.push(l);
  }
}

/** A blank line, the title and one `  - item` line each; nothing when there are no items. */
function bulletSection(out: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) {
    return;
  }
  out.push('', title);
  append(
    out,
    items.map((x) => `  - ${x}`),
  );
}

export function renderReport(r: CostReport): string {
  const cur = r.priceBook.currency;
  const m = (x: number) => formatMoney(x, cur);
  const out: string[] = [];
  out.push(`Cost report — price book: ${r.priceBook.name} (${cur})`);
  const data = r.coverage ? `, with data for ${fmtCount.format(r.coverage.hours)} h of it` : '';
  out.push(`Inventory: ${r.source}${r.window ? `, averaged over ${r.window.start} .. ${r.window.end} (${fmtCount.format(r.window.hours)} h${data})` : ''}`);
  out.push('');
  append(
    out,
    table(
      ['component', 'type', 'region', 'count', 'on demand / month'],
      r.fleet.map((f) => [f.component, f.type, f.region, fmtCount.format(f.count), m(f.onDemandMonthly)]),
      [false, false, false, true, true],
    ),
  );
  out.push('');
  out.push(`Per pricing model (${HOURS_PER_MONTH} h/month, ${HOURS_PER_YEAR} h/year; upfront spread over the term):`);
  append(
    out,
    table(
      ['pricing model', 'per month', 'per year', 'saved / month', 'saved'],
      r.projection.rows.map((row) => [row.label, m(row.monthly), m(row.yearly), m(row.savedMonthly), `${row.savedPercent.toFixed(1)} %`]),
      [false, true, true, true, true],
    ),
  );
  if (r.savings) {
    const s = r.savings;
    out.push('');
    out.push(`What-if ${s.label}: ${m(s.withMix.monthly)}/month instead of ${m(s.onDemand.monthly)}, saves ${m(s.saved.monthly)}/month (${m(s.saved.yearly)}/year), ${s.savedPercent.toFixed(1)} %`);
    append(
      out,
      table(
        ['component', 'on demand / month', 'with mix / month', 'saved'],
        s.byComponent.map((c) => [c.component, m(c.onDemand.monthly), m(c.withMix.monthly), `${c.savedPercent.toFixed(1)} %`]),
        [false, true, true, true],
      ).map((l) => `  ${l}`),
    );
  }
  if (r.costPerRequest) {
    const c = r.costPerRequest;
    out.push('');
    if (c.status === 'ok') {
      out.push(
        `Cost per request (on demand, whole window): ${formatSmallMoney(c.cost / c.requests, cur)} per request, ${m(c.perMillion ?? 0)} per million (${m(c.cost)} / ${fmtCount.format(c.requests)} requests)`,
      );
    } else {
      out.push(`Cost per request: ${c.message}`);
    }
  }
  bulletSection(out, 'Not priced (left out of every total):', r.unpriced);
  bulletSection(out, 'Notes:', r.notes);
  return out.join('\n');
}
