// `headroom quantile`: histogram_quantile of every classic histogram in an exposition file, with
// Prometheus' (promtool 2.42) values bit for bit. Output: one JSON line per series and q. The
// command streams its input (streamQuantileRows); quantileRows is the same computation on a whole
// text, for callers that have one.
// Exit codes: 0 printed; 2 bad usage or bad input (one line on stderr).
import { bucketQuantiles, goParseFloat } from '../../core/histogram';
import {
  ClassicHistogramSeries,
  ClassicHistogramStream,
  ExpositionFormat,
  ExpositionLineParser,
  ExpositionParseError,
  classicHistograms,
  isEofLine,
  labelsToObject,
  parseExposition,
  usableBuckets,
} from '../../core/exposition';
import { Command } from './types';
import { fdLineWriter, stderrLine } from '../io';
import { forEachInputLines, InputReadError, someInputLine, spoolStdin } from '../input';
import { walkOptions } from '../options';

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

The input is read in one pass, in constant memory: each series is printed as soon as its buckets
end. A series' bucket lines must come together (as every exporter writes them); buckets that
resume after another series are an error naming the line. On an error, the rows of the series
before the bad line have been printed already.

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
  const spec = { values: ['--input', '--q', '--format'] };
  const walked = walkOptions(argv, spec, (key, raw) => {
    const value = raw as string;
    if (key === '--input') args.input = value;
    else if (key === '--q') args.qs = parseQList(value);
    else {
      if (value !== 'auto' && value !== 'prometheus' && value !== 'openmetrics') throw new QuantileInputError(`--format must be auto, prometheus or openmetrics, not ${JSON.stringify(value)}`);
      args.format = value;
    }
  }, (m) => new QuantileInputError(m));
  args.help = walked.help;
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
    rows.push(...seriesRows(h, qs, (n) => notes.push(n)));
  }
  return { rows, notes };
}

/** One series' rows (none when no bucket can be read), with a note for each bucket it ignores. */
function seriesRows(h: ClassicHistogramSeries, qs: number[], note: (text: string) => void): QuantileRow[] {
  for (const b of h.buckets) {
    if (b.upperBound === null) note(`line ${b.line}: le=${JSON.stringify(b.le)} is not a number; histogram_quantile ignores this bucket`);
  }
  const { upperBounds, counts } = usableBuckets(h);
  if (upperBounds.length === 0) return []; // Prometheus returns no sample for such a series.
  const values = bucketQuantiles(qs, upperBounds, counts);
  const labels = labelsToObject(h.labels);
  return qs.map((q, i) => ({ metric: h.metric, labels, q, value: values[i] }));
}

/** The JSON of the last row's metric and labels: a series' rows share them (one stringify a series). */
let lastSeries: { metric: string; labels: Record<string, string>; json: string } | null = null;

export function formatRow(r: QuantileRow): string {
  if (lastSeries?.labels !== r.labels || lastSeries.metric !== r.metric) {
    lastSeries = { metric: r.metric, labels: r.labels, json: `{"metric":${JSON.stringify(r.metric)},"labels":${JSON.stringify(r.labels)}` };
  }
  return `${lastSeries.json},"q":${formatValue(r.q)},"value":${formatValue(r.value)}}`;
}

/** The input's format: given, or OpenMetrics when a `# EOF` line is anywhere in it (a first pass). */
export function formatOf(path: string, format: ExpositionFormat | 'auto', blockSize?: number): ExpositionFormat {
  if (format !== 'auto') return format;
  return someInputLine(path, '# EOF', isEofLine, blockSize) ? 'openmetrics' : 'prometheus';
}

/**
 * quantileRows in one pass over the input, in constant memory: each series' rows are handed to
 * `row` as soon as its buckets end, notes to `note`. The rows and notes are quantileRows' on the
 * whole text; a malformed line stops it with an ExpositionParseError after the rows of the series
 * before it. Returns how many rows there were.
 */
export function streamQuantileRows(path: string, qs: number[], format: ExpositionFormat, row: (r: QuantileRow) => void, note: (text: string) => void, blockSize?: number): number {
  const parser = new ExpositionLineParser(format);
  let rows = 0;
  const histograms = new ClassicHistogramStream((h) => {
    for (const r of seriesRows(h, qs, note)) {
      row(r);
      rows++;
    }
  });
  const lines = forEachInputLines(path, (block, first) => {
    for (let i = 0; i < block.length; i++) {
      const sample = parser.line(block[i], first + i);
      if (sample) histograms.add(sample);
    }
  }, blockSize);
  parser.end(lines);
  histograms.end();
  return rows;
}

/** The command with its output streams passed in (tests capture them). Returns the exit code. */
export function runQuantile(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  let spooled: { path: string; remove: () => void } | null = null;
  try {
    const args = parseQuantileArgs(argv);
    if (args.help) {
      out(QUANTILE_USAGE);
      return 0;
    }
    const input = args.input as string;
    try {
      spooled = input === '-' && args.format === 'auto' ? spoolStdin() : null;
      const path = spooled?.path ?? input;
      const rows = streamQuantileRows(path, args.qs, formatOf(path, args.format), (r) => out(formatRow(r)), (n) => err(`headroom quantile: note: ${input}: ${n}`));
      if (rows === 0) err(`headroom quantile: note: no classic histogram (*_bucket samples with an le label) in ${input}`);
    } catch (e) {
      if (e instanceof ExpositionParseError) throw new QuantileInputError(`${input}:${e.line}:${e.column}: ${e.reason}`);
      if (e instanceof InputReadError) throw new QuantileInputError(e.message);
      throw e;
    }
    return 0;
  } catch (e) {
    if (e instanceof QuantileInputError) {
      err(`headroom quantile: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    spooled?.remove();
  }
}

export const quantileCommand: Command = {
  name: 'quantile',
  summary: "histogram_quantile of every classic histogram in a Prometheus/OpenMetrics exposition",
  run: async (argv) => {
    // Rows straight to standard output, waiting on a full pipe: memory stays bounded.
    const out = fdLineWriter(1);
    try {
      return runQuantile(argv, out.line, (line) => {
        out.flush();
        stderrLine(line);
      });
    } finally {
      out.flush();
    }
  },
};
