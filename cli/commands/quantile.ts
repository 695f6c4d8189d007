// `headroom quantile`: histogram_quantile of every classic histogram in an exposition file, with
// Prometheus' (promtool 2.42) values bit for bit. Output: one JSON line per series and q.
// Exit codes: 0 printed; 2 bad usage or bad input (one line on stderr).
import { bucketQuantiles, goParseFloat } from '../../core/histogram';
import { ExpositionFormat, ExpositionParseError, classicHistograms, labelsToObject, parseExposition, usableBuckets } from '../../core/exposition';
import { Command } from './types';
import { readInputText, stderrLine, stdoutLine } from '../io';

export const DEFAULT_QS = [0.5, 0.9, 0.95, 0.99];

export const QUANTILE_USAGE = `Usage: headroom quantile --input FILE [--q 0.5,0.9,0.95,0.99] [--format auto|prometheus|openmetrics]

Reads a Prometheus text (0.0.4) or OpenMetrics exposition and prints, for every classic histogram
series (samples named *_bucket with an le label) and every q, one JSON line:
  {"metric":"<name without _bucket>","labels":{<labels without le>},"q":0.99,"value":<number|"NaN"|"+Inf"|"-Inf">}
The values are Prometheus' histogram_quantile on the same buckets (as promtool 2.42 computes it):
buckets sorted by le, duplicate le summed, counts made monotonic, NaN without a +Inf bucket.

Options:
  --input FILE   the exposition ("-" reads standard input)
  --q LIST       comma-separated quantiles (default 0.5,0.9,0.95,0.99); as in PromQL, q < 0 gives
                 "-Inf", q > 1 gives "+Inf" and NaN gives "NaN"
  --format F     auto (default: OpenMetrics when the input has a "# EOF" line), prometheus, openmetrics
  -h, --help     show this help

Exit codes: 0 printed (a note on stderr when there is no classic histogram); 2 bad usage or input.`;

export interface QuantileArgs {
  help: boolean;
  input?: string;
  qs: number[];
  format: ExpositionFormat | 'auto';
}

/** A usage or input problem, reported as one line with exit code 2. */
export class QuantileInputError extends Error {}

/** Parse `--q 0.5,0.9`: Go float syntax per item (so "NaN" and "+Inf" are allowed, like PromQL). */
export function parseQList(text: string): number[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) throw new QuantileInputError(`--q: empty item in ${JSON.stringify(text)} (expected e.g. 0.5,0.9,0.99)`);
  return items.map((s) => {
    const v = goParseFloat(s);
    if (v === null) throw new QuantileInputError(`--q: ${JSON.stringify(s)} is not a number (expected e.g. 0.5,0.9,0.99)`);
    return v;
  });
}

export function parseQuantileArgs(argv: string[]): QuantileArgs {
  const args: QuantileArgs = { help: false, qs: DEFAULT_QS, format: 'auto' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (key !== '--input' && key !== '--q' && key !== '--format') throw new QuantileInputError(`unknown option ${JSON.stringify(arg)} (see --help)`);
    let value: string | undefined;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else value = argv[++i];
    if (value === undefined) throw new QuantileInputError(`${key} needs a value`);
    if (key === '--input') args.input = value;
    else if (key === '--q') args.qs = parseQList(value);
    else {
      if (value !== 'auto' && value !== 'prometheus' && value !== 'openmetrics') throw new QuantileInputError(`--format must be auto, prometheus or openmetrics, not ${JSON.stringify(value)}`);
      args.format = value;
    }
  }
  if (!args.help && args.input === undefined) throw new QuantileInputError('--input FILE is required (see --help)');
  return args;
}

/** JSON text of a value: a number, or "NaN" / "+Inf" / "-Inf" as strings; -0 kept. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return '"NaN"';
  if (v === Infinity) return '"+Inf"';
  if (v === -Infinity) return '"-Inf"';
  return Object.is(v, -0) ? '-0' : JSON.stringify(v);
}

export interface QuantileRow {
  metric: string;
  labels: Record<string, string>;
  q: number;
  value: number;
}

/** All (series, q) results of an exposition text, plus notes about ignored buckets. */
export function quantileRows(text: string, qs: number[], format: ExpositionFormat | 'auto' = 'auto'): { rows: QuantileRow[]; notes: string[] } {
  const parsed = parseExposition(text, { format });
  const rows: QuantileRow[] = [];
  const notes: string[] = [];
  for (const h of classicHistograms(parsed.samples)) {
    for (const b of h.buckets) {
      if (b.upperBound === null) notes.push(`line ${b.line}: le=${JSON.stringify(b.le)} is not a number; histogram_quantile ignores this bucket`);
    }
    const { upperBounds, counts } = usableBuckets(h);
    if (upperBounds.length === 0) continue; // Prometheus returns no sample for such a series.
    const values = bucketQuantiles(qs, upperBounds, counts);
    const labels = labelsToObject(h.labels);
    qs.forEach((q, i) => rows.push({ metric: h.metric, labels, q, value: values[i] }));
  }
  return { rows, notes };
}

export function formatRow(r: QuantileRow): string {
  return `{"metric":${JSON.stringify(r.metric)},"labels":${JSON.stringify(r.labels)},"q":${formatValue(r.q)},"value":${formatValue(r.value)}}`;
}

function readInput(path: string): string {
  const input = readInputText(path);
  if (!input.ok) throw new QuantileInputError(input.message);
  return input.text;
}

/** The command with its output streams passed in (tests capture them). Returns the exit code. */
export function runQuantile(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  try {
    const args = parseQuantileArgs(argv);
    if (args.help) {
      out(QUANTILE_USAGE);
      return 0;
    }
    const input = args.input as string;
    const text = readInput(input);
    let result: ReturnType<typeof quantileRows>;
    try {
      result = quantileRows(text, args.qs, args.format);
    } catch (e) {
      if (e instanceof ExpositionParseError) throw new QuantileInputError(`${input}:${e.line}:${e.column}: ${e.reason}`);
      throw e;
    }
    for (const note of result.notes) err(`headroom quantile: note: ${input}: ${note}`);
    if (result.rows.length === 0) err(`headroom quantile: note: no classic histogram (*_bucket samples with an le label) in ${input}`);
    for (const row of result.rows) out(formatRow(row));
    return 0;
  } catch (e) {
    if (e instanceof QuantileInputError) {
      err(`headroom quantile: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export const quantileCommand: Command = {
  name: 'quantile',
  summary: "histogram_quantile of every classic histogram in a Prometheus/OpenMetrics exposition",
  run: async (argv) => runQuantile(argv, stdoutLine, stderrLine),
};
