// `headroom cost`: the cost report of a fleet from a price book and an inventory (a file, or a
// Prometheus-compatible API over a range): monthly/yearly per pricing model, the saving of a mix,
// and cost per request when the requests counter is there. Text table or --json.
// Exit codes: 0 report printed; 2 bad usage or bad input (one line, or one line per price-book
// error); 1 Prometheus failed (down, slow, HTTP error, malformed answer).
import { readFileSync } from 'fs';
import { stderrLine, stdoutLine } from '../io';
import {
  averageFleet,
  coveredMs,
  buildReport,
  costPerRequest,
  costSeries,
  defaultPriceBook,
  FleetItem,
  firstNonFinite,
  formatIssue,
  loadInventory,
  loadRequestIncrease,
  parseInventoryFile,
  PriceBook,
  readPriceBookText,
  renderReport,
  spanOf,
  stepFor,
  CostPerRequest,
} from '../../core/cost';
import { isPrometheusError, PrometheusClient, FetchLike } from '../../core/prometheus';
import { Command } from './types';
import { COST_USAGE, CostArgs, parseCostArgs, UsageError } from './costArgs';


export interface CostIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): string;
  now(): number;
  fetch?: FetchLike;
}

const defaultIo: CostIo = {
  out: stdoutLine,
  err: stderrLine,
  readFile: (p) => readFileSync(p, 'utf8'),
  now: () => Date.now(),
};

class InputError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

function readText(io: CostIo, path: string, what: string): string {
  try {
    return io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e);
    throw new InputError(`cannot read ${what} ${path}: ${why}`);
  }
}

function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what} ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function loadPriceBook(io: CostIo, args: CostArgs): { book: PriceBook; notes: string[] } {
  if (args.priceBook === 'default') {
    return { book: defaultPriceBook(), notes: [] };
  }
  const text = readText(io, args.priceBook, 'price book');
  const r = readPriceBookText(text, /\.csv$/i.test(args.priceBook) ? 'csv' : 'json', { currency: args.currency, name: args.priceBook });
  if (!r.book) {
    if (r.jsonError !== undefined) {
      throw new InputError(`price book ${args.priceBook} is not valid JSON: ${r.jsonError}`);
    }
    throw new InputError(`price book ${args.priceBook} has ${r.issues.length} error${r.issues.length === 1 ? '' : 's'}:`, r.issues.map(formatIssue));
  }
  return { book: r.book, notes: r.notes };
}

async function fromFile(io: CostIo, args: CostArgs, book: PriceBook, notes: string[]) {
  const path = args.inventory as string;
  const r = parseInventoryFile(parseJson(readText(io, path, 'inventory'), path, 'inventory'));
  if (!r.inventory) {
    throw new InputError(`inventory ${path}: ${r.errors[0]}`, r.errors.slice(1));
  }
  if (r.inventory.kind === 'fleet') {
    return buildReport({ fleet: r.inventory.fleet, book, mix: args.mix, source: path, notes });
  }
  const window = spanOf(r.inventory.inventory);
  const fleet: FleetItem[] = averageFleet(r.inventory.inventory);
  return buildReport({ fleet, book, mix: args.mix, source: path, window: window ?? undefined, notes });
}

const hoursText = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;

async function fromPrometheus(io: CostIo, args: CostArgs, book: PriceBook, notes: string[]) {
  const client = new PrometheusClient({ url: args.prometheus as string, headers: args.headers, timeoutMs: args.timeoutMs, fetch: io.fetch });
  const end = Math.floor(io.now() / 60_000) * 60_000;
  const window = { start: end - args.rangeMs, end };
  const step = stepFor(window);
  const inv = await loadInventory(client, window, step, args.selector);
  for (const w of inv.warnings) {
    notes.push(w);
  }
  if (inv.inventory.length === 0) {
    const sel = Object.keys(args.selector).length ? ` matching ${JSON.stringify(args.selector)}` : '';
    throw new InputError(`no inventory in Prometheus at ${client.baseUrl}: neither kube_node_labels nor node_total_hourly_cost has series with an instance type${sel} in the range`);
  }
  // Prometheus may hold less than the range (retention, a young or a stopped Prometheus): the
  // fleet is averaged over the time it has data for, never over time it knows nothing about.
  const rangeMs = window.end - window.start;
  const dataMs = coveredMs(inv.inventory, window);
  const partial = dataMs < rangeMs - step;
  const fleet = averageFleet(inv.inventory, window, partial ? dataMs : rangeMs);
  if (partial) {
    notes.push(
      `Prometheus holds inventory data for ${hoursText(dataMs)} of the ${hoursText(rangeMs)} range (${((100 * dataMs) / rangeMs).toFixed(1)} %): ` +
        `the fleet is averaged over those ${hoursText(dataMs)}, not over the whole range; cost per request counts the same time`,
    );
  }
  const cost = costSeries(inv.inventory, book, {}, { window });
  for (const w of cost.warnings) {
    notes.push(`${w.subject}: ${w.message}`);
  }
  const req = await loadRequestIncrease(client, args.requestsMetric, window, args.selector);
  for (const w of req.warnings) {
    notes.push(w);
  }
  const cpr: CostPerRequest = costPerRequest(cost.total.cost, req.requests, window);
  return buildReport({ fleet, book, mix: args.mix, source: `${client.baseUrl} (${inv.metric}, step ${step / 60_000}m)`, window, dataMs: partial ? dataMs : undefined, costPerRequest: cpr, notes });
}

/** The command with injectable I/O (tests pass fakes; the CLI uses the console and fs). */
export async function runCost(argv: string[], io: CostIo = defaultIo): Promise<number> {
  let args: CostArgs;
  try {
    args = parseCostArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`headroom cost: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.out(COST_USAGE);
    return 0;
  }
  try {
    const { book, notes } = loadPriceBook(io, args);
    const report = args.inventory ? await fromFile(io, args, book, notes) : await fromPrometheus(io, args, book, notes);
    if (report.fleet.length === 0) {
      io.err(`headroom cost: nothing in the inventory could be priced: ${report.unpriced[0] ?? 'empty inventory'}`);
      for (const u of report.unpriced.slice(1)) {
        io.err(`  - ${u}`);
      }
      return 2;
    }
    // Bounded prices and counts keep every figure finite; should one still not be, say which
    // instead of printing "$∞" or "NaN %" (or null in the JSON).
    const bad = firstNonFinite(report);
    if (bad) {
      throw new InputError(`the report's ${bad} is not a finite number: check the prices and counts behind it`);
    }
    io.out(args.json ? JSON.stringify(report, null, 2) : renderReport(report));
    for (const u of report.unpriced) {
      io.err(`headroom cost: warning: ${u}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`headroom cost: ${e.message}`);
      for (const d of e.details) {
        io.err(`  - ${d}`);
      }
      return 2;
    }
    if (isPrometheusError(e)) {
      io.err(`headroom cost: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

export const costCommand: Command = {
  name: 'cost',
  summary: 'monthly/yearly cost per pricing model (on demand, reserved 1y/3y, spot) and savings of a mix',
  run: (argv) => runCost(argv),
};
