// One sample line: `name{labels} value [timestamp] [# {labels} value [timestamp]]`.
import { goParseFloat } from '../histogram/goParseFloat';
import { Exemplar, ExpositionFormat, ExpositionParseError, Label, Sample } from './types';

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;

/** Cursor over one line; errors carry the line number and 1-based column. */
class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly line: number,
  ) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  fail(reason: string, at = this.pos): never {
    throw new ExpositionParseError(this.line, at + 1, reason);
  }
  skipBlanks(): number {
    const start = this.pos;
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
    return this.pos - start;
  }
  /** Characters up to the next blank or end of line. */
  token(): string {
    const start = this.pos;
    while (!this.done && this.peek() !== ' ' && this.peek() !== '\t') this.pos++;
    return this.text.slice(start, this.pos);
  }
}

/** Go-style float as Prometheus' exposition parsers accept it (no hex 'p' exponent, no '_'). */
export function parseExpositionFloat(s: string): number | null {
  if (/[pP_]/.test(s)) return null;
  return goParseFloat(s);
}

function readName(c: Cursor, start: RegExp, rest: RegExp, what: string): string {
  const from = c.pos;
  if (!start.test(c.peek())) c.fail(c.done ? `expected ${what}, found end of line` : `invalid character ${JSON.stringify(c.peek())} at start of ${what}`);
  c.pos++;
  while (!c.done && rest.test(c.peek())) c.pos++;
  return c.text.slice(from, c.pos);
}

/** A quoted label value with \\, \" and \n unescaped (any other escape kept as written, like Prometheus). */
function readLabelValue(c: Cursor, labelName: string): string {
  if (c.peek() !== '"') c.fail(`expected '"' to start the value of label "${labelName}"`);
  const open = c.pos;
  c.pos++;
  let out = '';
  for (;;) {
    if (c.done) c.fail(`unterminated value of label "${labelName}" (missing closing '"')`, open);
    const ch = c.text[c.pos++];
    if (ch === '"') return out;
    if (ch === '\\') {
      if (c.done) c.fail(`unterminated escape in value of label "${labelName}"`);
      const e = c.text[c.pos++];
      out += e === 'n' ? '\n' : e === '\\' ? '\\' : e === '"' ? '"' : '\\' + e;
    } else out += ch;
  }
}

/** `{name="value", ...}` with optional blanks and trailing comma; duplicate names are an error. */
function readLabels(c: Cursor): Label[] {
  const labels: Label[] = [];
  c.pos++; // '{'
  for (;;) {
    c.skipBlanks();
    if (c.peek() === '}') {
      c.pos++;
      return labels;
    }
    const at = c.pos;
    const name = readName(c, LABEL_START, LABEL_CHAR, 'label name');
    c.skipBlanks();
    if (c.peek() !== '=') c.fail(`expected '=' after label name "${name}"`);
    c.pos++;
    c.skipBlanks();
    const value = readLabelValue(c, name);
    if (labels.some((l) => l.name === name)) c.fail(`duplicate label name "${name}"`, at);
    labels.push({ name, value });
    c.skipBlanks();
    if (c.peek() === ',') c.pos++;
    else if (c.peek() !== '}') c.fail(c.done ? "missing '}' after labels" : `expected ',' or '}' after value of label "${name}"`);
  }
}

function readValue(c: Cursor, what: string): number {
  const at = c.pos;
  const tok = c.token();
  if (tok === '') c.fail(`missing ${what}`);
  const v = parseExpositionFloat(tok);
  if (v === null) c.fail(`invalid ${what} ${JSON.stringify(tok)}`, at);
  return v;
}

function readTimestamp(c: Cursor, format: ExpositionFormat): number {
  const at = c.pos;
  const tok = c.token();
  if (format === 'prometheus') {
    if (!/^[+-]?[0-9]+$/.test(tok)) c.fail(`invalid timestamp ${JSON.stringify(tok)} (integer milliseconds expected)`, at);
    return Number(tok);
  }
  const s = parseExpositionFloat(tok);
  if (s === null || !Number.isFinite(s)) c.fail(`invalid timestamp ${JSON.stringify(tok)} (seconds expected)`, at);
  return s * 1000;
}

function readExemplar(c: Cursor, format: ExpositionFormat): Exemplar {
  c.pos++; // '#'
  c.skipBlanks();
  if (c.peek() !== '{') c.fail("expected '{' to start exemplar labels after '#'");
  const labels = readLabels(c);
  if (c.skipBlanks() === 0) c.fail('expected a blank before the exemplar value');
  const value = readValue(c, 'exemplar value');
  const ex: Exemplar = { labels, value };
  if (c.skipBlanks() > 0 && !c.done) ex.timestampMs = readTimestamp(c, format);
  c.skipBlanks();
  if (!c.done) c.fail(`unexpected text after exemplar: ${JSON.stringify(c.text.slice(c.pos))}`);
  return ex;
}

/** Parse one non-comment, non-blank line into a sample. */
export function parseSampleLine(text: string, line: number, format: ExpositionFormat): Sample {
  const c = new Cursor(text, line);
  c.skipBlanks();
  const name = readName(c, NAME_START, NAME_CHAR, 'metric name');
  const blanksAfterName = c.skipBlanks();
  const hasLabels = c.peek() === '{';
  const labels = hasLabels ? readLabels(c) : [];
  const blanks = hasLabels ? c.skipBlanks() : blanksAfterName;
  if (blanks === 0 && !c.done) {
    c.fail(hasLabels ? "expected a blank after '}'" : `invalid character ${JSON.stringify(c.peek())} in metric name`);
  }
  const sample: Sample = { name, labels, value: readValue(c, 'sample value'), line };
  if (c.skipBlanks() > 0 && !c.done && c.peek() !== '#') sample.timestampMs = readTimestamp(c, format);
  c.skipBlanks();
  if (c.peek() === '#') sample.exemplar = readExemplar(c, format);
  else if (!c.done) c.fail(`unexpected text after sample: ${JSON.stringify(c.text.slice(c.pos))}`);
  return sample;
}
