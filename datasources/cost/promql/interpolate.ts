// Template variables in PromQL text (a request selector such as `http_requests_total{service=~"$service"}`),
// substituted with escaping that fits where each one stands. Pure: variable values come from a
// lookup function (see variables.ts for the one backed by Grafana's template service).
//
// Where a variable stands decides how its value is escaped:
// - inside a regex matcher's string (`=~"…"`, `!~"…"`): each value as an RE2 literal, several
//   values as `(a|b)`, "All" as `.*`;
// - inside an exact matcher's string (`="…"`, `!="…"`): one value escaped for the string; when the
//   string is just the variable and it has several values (or "All"), the matcher becomes `=~`
//   (`!~`) with the alternation — what the user meant, instead of matching the text `a|b`;
// - inside any other string (a label_replace argument): exactly one value, escaped;
// - outside strings (`[$__interval]`, `by ($label)`): exactly one value made only of letters,
//   digits, `_`, `.` and `:` (durations, numbers, label names), so a value can never add syntax.
// Single-quoted strings are escaped for single quotes; backtick strings are raw in PromQL, so a
// value with a backtick is refused there. `#` starts a comment up to the end of the line.
// Variable syntax: `$name`, `${name}`, `${name:format}`, `[[name]]`, `[[name:format]]` (a format
// is ignored: the escaping above is the only one that is safe here).
import { escapeString, regexAlternation, regexLiteral, Selection } from './escape';

/** Values of a variable, or undefined when no such variable exists. */
export type VariableLookup = (name: string) => Selection | undefined;

export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

const REF = /\$(\w+)|\$\{(\w+)(?::[\w-]+)?\}|\[\[(\w+)(?::[\w-]+)?\]\]/g;
const SAFE_BARE = /^[\w.:]+$/;
/** Matches nothing, for an empty multi-value selection in a regex matcher. */
const NOTHING = '$^x';

interface Ref {
  start: number;
  end: number;
  name: string;
}

function refsIn(text: string): Ref[] {
  const out: Ref[] = [];
  REF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REF.exec(text)) !== null) {
    out.push({ start: m.index, end: m.index + m[0].length, name: m[1] ?? m[2] ?? m[3] });
  }
  return out;
}

/** True when text has at least one variable reference. */
export function hasVariables(text: string): boolean {
  return refsIn(text).length > 0;
}

function lookupOrThrow(lookup: VariableLookup, name: string): Selection {
  const sel = lookup(name);
  if (!sel) {
    throw new InterpolationError(`unknown variable $${name}`);
  }
  return sel;
}

function single(sel: Selection, name: string, where: string): string {
  if (sel.all || sel.values.length !== 1) {
    const what = sel.all ? '"All"' : `${sel.values.length} values`;
    throw new InterpolationError(`variable $${name} has ${what} but ${where} takes exactly one value`);
  }
  return sel.values[0];
}

type Quote = '"' | "'" | '`';

function escapeFor(quote: Quote, value: string, name: string): string {
  if (quote === '"') {
    return escapeString(value);
  }
  if (quote === "'") {
    return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  }
  if (value.includes('`')) {
    throw new InterpolationError(`value of $${name} contains a backtick, which a backtick string cannot hold`);
  }
  return value;
}

/** Regex alternation escaped for the string's quote style. */
function regexFor(quote: Quote, sel: Selection, name: string): string {
  if (sel.all) {
    return '.*';
  }
  if (sel.values.length === 0) {
    return NOTHING;
  }
  if (quote === '"') {
    return regexAlternation(sel.values);
  }
  const literals = [...new Set(sel.values)].map((v) => escapeFor(quote, regexLiteral(v), name));
  return literals.length === 1 ? literals[0] : `(${literals.join('|')})`;
}

/** Index just past the closing quote of the string starting at `start`, or -1 when unterminated. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quote !== '`') {
      i++;
      continue;
    }
    if (c === quote) {
      return i + 1;
    }
  }
  return -1;
}

const TRAILING_OP = /(=~|!~|!=|=)(\s*)$/;

/** Substitutes every variable in PromQL `text`. Throws InterpolationError with a clear message. */
export function interpolatePromQL(text: string, lookup: VariableLookup): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(text, i);
      if (end < 0) {
        throw new InterpolationError(`unterminated string starting at position ${i + 1}`);
      }
      const quote = c as Quote;
      const body = text.slice(i + 1, end - 1);
      const refs = refsIn(body);
      if (refs.length === 0) {
        out += text.slice(i, end);
        i = end;
        continue;
      }
      const opMatch = TRAILING_OP.exec(out);
      const op = opMatch?.[1];
      const isRegex = op === '=~' || op === '!~';
      const isExact = op === '=' || op === '!=';
      const whole = refs.length === 1 && refs[0].start === 0 && refs[0].end === body.length;
      if (whole && (isRegex || isExact)) {
        const sel = lookupOrThrow(lookup, refs[0].name);
        if (isExact && (sel.all || sel.values.length !== 1)) {
          // Several values in an exact matcher: turn it into the regex matcher the user meant.
          const regexOp = op === '=' ? '=~' : '!~';
          out = out.slice(0, out.length - (opMatch as RegExpExecArray)[0].length) + regexOp + (opMatch as RegExpExecArray)[2];
          out += quote + regexFor(quote, sel, refs[0].name) + quote;
        } else if (isRegex) {
          out += quote + regexFor(quote, sel, refs[0].name) + quote;
        } else {
          out += quote + escapeFor(quote, (sel as { values: string[] }).values[0], refs[0].name) + quote;
        }
        i = end;
        continue;
      }
      // Variables mixed with other text inside one string: one value each.
      let s = '';
      let pos = 0;
      for (const r of refs) {
        s += body.slice(pos, r.start);
        const sel = lookupOrThrow(lookup, r.name);
        if (isRegex && sel.all) {
          s += '.*';
        } else {
          const v = single(sel, r.name, isRegex ? 'a regex with other text' : 'a string with other text');
          s += isRegex ? escapeFor(quote, regexLiteral(v), r.name) : escapeFor(quote, v, r.name);
        }
        pos = r.end;
      }
      s += body.slice(pos);
      out += quote + s + quote;
      i = end;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$' || (c === '[' && text[i + 1] === '[')) {
      REF.lastIndex = i;
      const m = REF.exec(text);
      if (m && m.index === i) {
        const name = m[1] ?? m[2] ?? m[3];
        const v = single(lookupOrThrow(lookup, name), name, 'a place outside quotes');
        if (!SAFE_BARE.test(v)) {
          throw new InterpolationError(`value of $${name} (${JSON.stringify(v)}) can only be used inside a quoted label value`);
        }
        out += v;
        i += m[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}
