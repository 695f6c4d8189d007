// Prometheus text format 0.0.4 and OpenMetrics 1.0 text parser.
import { parseSampleLine } from './sampleLine';
import { ExpositionFormat, ExpositionParseError, MetricFamily, ParsedExposition, Sample } from './types';

const PROM_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const OM_TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export interface ParseOptions {
  /** 'auto' (default): OpenMetrics when a `# EOF` line is present, else Prometheus text 0.0.4. */
  format?: ExpositionFormat | 'auto';
}

/** OpenMetrics' `# EOF` line, as one line of the input (its `\n` removed). */
const EOF_LINE = /^# EOF[ \t]*\r?$/;

/** True for OpenMetrics input, recognised by its mandatory `# EOF` line. */
export function detectFormat(text: string): ExpositionFormat {
  return /(^|\n)# EOF[ \t]*\r?(\n|$)/.test(text) ? 'openmetrics' : 'prometheus';
}

/** True for a line (without its `\n`) that makes the input OpenMetrics: detectFormat, line by line. */
export function isEofLine(line: string): boolean {
  return line.charCodeAt(0) === 35 && EOF_LINE.test(line);
}

/** HELP text unescaping: \\ and \n (others kept as written). */
function unescapeHelp(s: string): string {
  return s.replace(/\\(.)/g, (m, c: string) => (c === 'n' ? '\n' : c === '\\' ? '\\' : m));
}

/**
 * The exposition parser, one line at a time (a whole text: parseExposition; a stream: feed it
 * the lines in order, then call end). What it accepts and refuses is parseExposition's.
 */
export class ExpositionLineParser {
  readonly families = new Map<string, MetricFamily>();
  private sawEof = false;

  constructor(readonly format: ExpositionFormat) {}

  /** Line `lineNo` (1-based, without its `\n`; a trailing `\r` is ignored): its sample, or null. */
  line(text: string, lineNo: number): Sample | null {
    const raw = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    const trimmed = raw.trim();
    if (this.sawEof) {
      if (trimmed !== '') throw new ExpositionParseError(lineNo, 1, 'unexpected content after "# EOF"');
      return null;
    }
    if (trimmed === '') return null;
    if (trimmed.charCodeAt(0) === 35) {
      if (this.format === 'openmetrics' && /^#[ \t]+EOF$/.test(trimmed)) {
        this.sawEof = true;
        return null;
      }
      parseComment(trimmed, lineNo, this.format, this.families, raw.indexOf('#'));
      return null;
    }
    return parseSampleLine(raw, lineNo, this.format);
  }

  /** After the last line, `lines` being how many there were (an empty text is one empty line). */
  end(lines: number): void {
    if (this.format === 'openmetrics' && !this.sawEof) {
      throw new ExpositionParseError(lines, 1, 'OpenMetrics input must end with "# EOF"');
    }
  }
}

/**
 * Parse an exposition into samples and metric family metadata.
 * Accepted: blank lines; `#` comments (any text); `# HELP name text`, `# TYPE name type`,
 * `# UNIT name unit` (OpenMetrics); label values with \\ \" \n escapes; values such as NaN,
 * +Inf, -Inf, 1e-3; timestamps (integer ms in text format, seconds in OpenMetrics); exemplars
 * `# {labels} value [timestamp]`; `\r\n` line ends.
 * Errors (ExpositionParseError with line and column): malformed names, labels, values or
 * timestamps; unknown metric types; a second TYPE for one family; in OpenMetrics, anything
 * after `# EOF` or a missing `# EOF`.
 */
export function parseExposition(text: string, options?: ParseOptions): ParsedExposition {
  const format = !options?.format || options.format === 'auto' ? detectFormat(text) : options.format;
  const parser = new ExpositionLineParser(format);
  const lines = text.split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const sample = parser.line(lines[i], i + 1);
    if (sample) samples.push(sample);
  }
  parser.end(lines.length);
  return { format, samples, families: parser.families };
}

function parseComment(line: string, lineNo: number, format: ExpositionFormat, families: Map<string, MetricFamily>, indent: number): void {
  const m = /^#[ \t]+(HELP|TYPE|UNIT)(?:[ \t]+(\S+))?(?:[ \t](.*))?$/.exec(line);
  if (!m) return; // an ordinary comment
  const [, keyword, name, restRaw] = m;
  const col = indent + 1;
  if (keyword === 'UNIT' && format !== 'openmetrics') return; // not a keyword in text 0.0.4
  if (!name) throw new ExpositionParseError(lineNo, col, `${keyword} line without a metric name`);
  if (!METRIC_NAME.test(name)) throw new ExpositionParseError(lineNo, col, `invalid metric name ${JSON.stringify(name)} in ${keyword} line`);
  const rest = restRaw ?? '';
  let fam = families.get(name);
  if (!fam) {
    fam = { name, line: lineNo };
    families.set(name, fam);
  }
  if (keyword === 'HELP') {
    if (fam.help !== undefined) throw new ExpositionParseError(lineNo, col, `second HELP line for metric "${name}"`);
    fam.help = unescapeHelp(rest.replace(/^[ \t]+/, ''));
  } else if (keyword === 'TYPE') {
    const type = rest.trim();
    const known = format === 'openmetrics' ? OM_TYPES : PROM_TYPES;
    if (!known.has(type)) {
      throw new ExpositionParseError(lineNo, col, `unknown metric type ${JSON.stringify(type)} for "${name}" (expected one of ${[...known].join(', ')})`);
    }
    if (fam.type !== undefined) throw new ExpositionParseError(lineNo, col, `second TYPE line for metric "${name}"`);
    fam.type = type;
  } else {
    fam.unit = rest.trim();
  }
}
