// One sample line: `name{labels} value [timestamp] [# {labels} value [timestamp]]`.
import { goParseFloat } from '../histogram/goParseFloat';
import { Exemplar, ExpositionFormat, ExpositionParseError, Label, Sample } from './types';

/** Character classes by char code (ASCII only): bit 1 name start, 2 name char, 4 label start, 8 label char. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const letter = /[a-zA-Z_]/.test(ch);
  const digit = /[0-9]/.test(ch);
  CLASS[c] = (letter || ch === ':' ? 1 : 0) | (letter || digit || ch === ':' ? 2 : 0) | (letter ? 4 : 0) | (letter || digit ? 8 : 0);
}
const NAME_START = 1;
const NAME_CHAR = 2;
const LABEL_START = 4;
const LABEL_CHAR = 8;

const isClass = (code: number, cls: number): boolean => code < 128 && (CLASS[code] & cls) !== 0;

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const CLOSE = 125; // }
const EQUALS = 61;
const COMMA = 44;

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
  /** The char code at the cursor (NaN at the end of the line). */
  code(): number {
    return this.text.charCodeAt(this.pos);
  }
  fail(reason: string, at = this.pos): never {
    throw new ExpositionParseError(this.line, at + 1, reason);
  }
  skipBlanks(): number {
    const start = this.pos;
    let c = this.code();
    while (c === SPACE || c === TAB) c = this.text.charCodeAt(++this.pos);
    return this.pos - start;
  }
  /** Characters up to the next blank or end of line. */
  token(): string {
    const start = this.pos;
    const n = this.text.length;
    while (this.pos < n) {
      const c = this.text.charCodeAt(this.pos);
      if (c === SPACE || c === TAB) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
}

/** Go-style float as Prometheus' exposition parsers accept it (no hex 'p' exponent, no '_'). */
export function parseExpositionFloat(s: string): number | null {
  if (/[pP_]/.test(s)) return null;
  return goParseFloat(s);
}

function readName(c: Cursor, start: number, rest: number, what: string): string {
  const from = c.pos;
  if (!isClass(c.code(), start)) c.fail(c.done ? `expected ${what}, found end of line` : `invalid character ${JSON.stringify(c.peek())} at start of ${what}`);
  const text = c.text;
  let pos = from + 1;
  while (pos < text.length && isClass(text.charCodeAt(pos), rest)) pos++;
  c.pos = pos;
  return text.slice(from, pos);
}

/** A quoted label value with \\, \" and \n unescaped (any other escape kept as written, like Prometheus). */
function readLabelValue(c: Cursor, labelName: string): string {
  if (c.code() !== QUOTE) c.fail(`expected '"' to start the value of label "${labelName}"`);
  const open = c.pos;
  c.pos++;
  // The usual value, without escapes: one slice.
  const text = c.text;
  for (let pos = c.pos; pos < text.length; pos++) {
    const code = text.charCodeAt(pos);
    if (code === QUOTE) {
      c.pos = pos + 1;
      return text.slice(open + 1, pos);
    }
    if (code === BACKSLASH) break;
  }
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
    if (c.code() === CLOSE) {
      c.pos++;
      return labels;
    }
    const at = c.pos;
    const name = readName(c, LABEL_START, LABEL_CHAR, 'label name');
    c.skipBlanks();
    if (c.code() !== EQUALS) c.fail(`expected '=' after label name "${name}"`);
    c.pos++;
    c.skipBlanks();
    const value = readLabelValue(c, name);
    for (let i = 0; i < labels.length; i++) if (labels[i].name === name) c.fail(`duplicate label name "${name}"`, at);
    labels.push({ name, value });
    c.skipBlanks();
    const next = c.code();
    if (next === COMMA) c.pos++;
    else if (next !== CLOSE) c.fail(c.done ? "missing '}' after labels" : `expected ',' or '}' after value of label "${name}"`);
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
