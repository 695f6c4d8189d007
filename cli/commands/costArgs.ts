// `headroom cost`'s command line: its usage text, and the arguments parsed and checked (one
// UsageError with one line for anything wrong). Running the command is cost.ts.
import { HOURS_PER_MONTH, HOURS_PER_YEAR, Mix, validateMix } from '../../core/cost';
import { parseDuration } from '../../core/prometheus';

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
