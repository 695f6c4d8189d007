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
  HOURS_PER_MONTH,
  HOURS_PER_YEAR,
  loadInventory,
  loadRequestIncrease,
  Mix,
  parseInventoryFile,
  PriceBook,
  readPriceBookText,
  renderReport,
  spanOf,
  stepFor,
  validateMix,
  CostPerRequest,
} from '../../core/cost';
import { isPrometheusError, parseDuration, PrometheusClient, FetchLike } from '../../core/prometheus';
import { Command } from './types';


export interface CostArgs {
  help: boolean;
  priceBook: string;
  inventory?: string;
  prometheus?: string;
  rangeMs: number;
  mix?: Mix;
  json: boolean;
  currency?: string;
  selector: Record<string, string>;
  headers: Record<string, string>;
  timeoutMs: number;
  requestsMetric: string;
}

export const COST_USAGE = `Usage: headroom cost [--price-book FILE|default] (--inventory FILE.json | --prometheus URL)
                     [--range 30d] [--mix reserved_1y=0.5,spot=0.2[,upfront=no|partial|all]] [--json]

Prints what a fleet costs per month (${HOURS_PER_MONTH} h) and per year (${HOURS_PER_YEAR} h) on demand, reserved 1y/3y (no,
partial, all upfront) and spot, and the saving of a mix (the rest of the fleet stays on demand).
Prices must be finite, from 0 to 1e9 per unit, and counts from 0 to 1e9 (core/cost/limits.ts), so
that every figure is a finite number; anything else is refused naming its entry and field.

Options:
  --price-book FILE|default  price book: JSON (see core/cost/validate.ts), OpenCost custom pricing
                             CSV (*.csv), or "default" (built-in public list prices; the default)
  --currency CODE            currency of a CSV price book (default USD)
  --inventory FILE.json      {"fleet":[{"type","count","component"?,"region"?}]}, {"series":[...]},
                             or a saved Prometheus API answer (kube_node_labels counted by type)
  --prometheus URL           read the inventory (kube_node_labels, else node_total_hourly_cost) and
                             the requests from a Prometheus-compatible API (path prefix allowed)
  --range DURATION           window to average the fleet and count requests over (default 30d);
                             when Prometheus holds data for less of it (retention, a young
                             Prometheus), the fleet is averaged over the time it has data for,
                             and a note and "coverage" ({hours, fraction}) in --json say so
  --selector k=v,k2=v2       label matchers added to the Prometheus queries (e.g. cluster=demo)
  --requests-metric NAME     request counter for cost per request (default http_requests_total)
  --header 'Name: value'     extra HTTP header for Prometheus (repeatable; e.g. X-Scope-OrgID)
  --timeout DURATION         per request to Prometheus (default 30s)
  --mix SHARES               what-if shares on reserved_1y, reserved_3y, spot (0..1, sum <= 1)
  --json                     print JSON instead of the text table
  -h, --help                 this help`;

export class UsageError extends Error {}

function need(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || (v.startsWith('--') && v !== '--')) {
    throw new UsageError(`${flag} needs a value`);
  }
  return v;
}

/** `reserved_1y=0.5,spot=0.2,upfront=all` → Mix; percentages like `spot=60%` are accepted. */
export function parseMix(text: string): Mix {
  const mix: Mix = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [k, v, extra] = part.split('=').map((x) => x.trim());
    if (v === undefined || extra !== undefined) {
      throw new UsageError(`--mix: "${part}" is not name=value`);
    }
    if (k === 'upfront') {
      if (v !== 'no' && v !== 'partial' && v !== 'all') {
        throw new UsageError(`--mix: upfront must be no, partial or all, got "${v}"`);
      }
      mix.upfront = v;
      continue;
    }
    if (k !== 'reserved_1y' && k !== 'reserved_3y' && k !== 'spot') {
      throw new UsageError(`--mix: unknown model "${k}" (use reserved_1y, reserved_3y, spot, upfront)`);
    }
    const share = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
    if (v === '' || !Number.isFinite(share)) {
      throw new UsageError(`--mix: ${k} needs a number, got "${v}"`);
    }
    mix[k] = share;
  }
  const errors = validateMix(mix);
  if (errors.length > 0) {
    throw new UsageError(`--mix: ${errors.join('; ')}`);
  }
  return mix;
}

function parsePairs(text: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim();
    if (eq <= 0 || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) {
      throw new UsageError(`${flag}: "${part}" is not label=value`);
    }
    out[k] = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return out;
}

export function parseCostArgs(argv: string[]): CostArgs {
  const a: CostArgs = {
    help: false,
    priceBook: 'default',
    rangeMs: 30 * 86_400_000,
    json: false,
    selector: {},
    headers: {},
    timeoutMs: 30_000,
    requestsMetric: 'http_requests_total',
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) {
        return inline;
      }
      const v = need(argv, i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        a.help = true;
        break;
      case '--json':
        a.json = true;
        break;
      case '--price-book':
        a.priceBook = value();
        break;
      case '--inventory':
        a.inventory = value();
        break;
      case '--prometheus':
        a.prometheus = value();
        break;
      case '--currency':
        a.currency = value();
        break;
      case '--range': {
        const v = value();
        const ms = parseDuration(v);
        if (ms === null || ms <= 0) {
          throw new UsageError(`--range: "${v}" is not a duration like 30d, 12h or 90m`);
        }
        a.rangeMs = ms;
        break;
      }
      case '--timeout': {
        const v = value();
        const ms = parseDuration(v);
        if (ms === null || ms <= 0) {
          throw new UsageError(`--timeout: "${v}" is not a duration like 30s`);
        }
        a.timeoutMs = ms;
        break;
      }
      case '--mix':
        a.mix = parseMix(value());
        break;
      case '--selector':
        a.selector = { ...a.selector, ...parsePairs(value(), '--selector') };
        break;
      case '--requests-metric': {
        const v = value();
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(v)) {
          throw new UsageError(`--requests-metric: "${v}" is not a metric name`);
        }
        a.requestsMetric = v;
        break;
      }
      case '--header': {
        const v = value();
        const colon = v.indexOf(':');
        if (colon <= 0) {
          throw new UsageError(`--header: "${v}" is not 'Name: value'`);
        }
        a.headers[v.slice(0, colon).trim()] = v.slice(colon + 1).trim();
        break;
      }
      default:
        throw new UsageError(`unknown option "${raw}" (see headroom cost --help)`);
    }
  }
  if (a.help) {
    return a;
  }
  if (!a.inventory && !a.prometheus) {
    throw new UsageError('give an inventory: --inventory FILE.json or --prometheus URL');
  }
  if (a.inventory && a.prometheus) {
    throw new UsageError('give either --inventory or --prometheus, not both');
  }
  if (a.prometheus && !/^https?:\/\/[^/]/.test(a.prometheus)) {
    throw new UsageError(`--prometheus: "${a.prometheus}" is not an http(s) URL`);
  }
  return a;
}

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
