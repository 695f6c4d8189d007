// Escaping of values that go into PromQL, and label matchers built from them. Pure functions.
//
// A value lands inside a double-quoted PromQL string, so backslashes, double quotes and line
// breaks are escaped (`escapeString`). A value used with a regex matcher (=~ / !~) is a literal to
// RE2 first, so its metacharacters are escaped with a backslash, and only then escaped for the
// string (`escapeRegex`): `a.b` becomes `a\.b` for RE2, `a\\.b` in the PromQL text.
//
// Edge cases: the empty string is a valid value (`label=""` matches series without the label);
// several values become an anchored alternation `(a|b)` (Prometheus anchors regexes already);
// "all" omits the matcher entirely rather than matching `.*`, which would drop series without the
// label; no values at all match nothing (a matcher no series satisfies), never everything.

/** RE2 metacharacters that must be escaped to match themselves. */
const REGEX_META = /[\\.+*?()|[\]{}^$]/g;

/** Escapes a value for use inside a double-quoted PromQL string (`label="…"`). */
export function escapeString(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Escapes a value as an RE2 literal (no string escaping yet). */
export function regexLiteral(value: string): string {
  return value.replace(REGEX_META, '\\$&');
}

/** Escapes a value as a regex literal inside a double-quoted PromQL string (`label=~"…"`). */
export function escapeRegex(value: string): string {
  return escapeString(regexLiteral(value));
}

/** Escaped alternation of literal values for a regex matcher, without the quotes: `(a|b\\.c)`. */
export function regexAlternation(values: readonly string[]): string {
  const uniq = [...new Set(values)];
  if (uniq.length === 1) {
    return escapeRegex(uniq[0]);
  }
  return `(${uniq.map(escapeRegex).join('|')})`;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** What a filter selects: every value (no matcher), or exactly these values. */
export type Selection = { all: true } | { all?: false; values: string[] };

export const ALL: Selection = { all: true };

/** A regex no string matches (end of text, then a character): an empty selection selects nothing. */
const MATCH_NOTHING = '"$^x"';

/**
 * `label="v"`, `label=~"(a|b)"`, or null for "all". `negate` gives `!=` / `!~` (and, for an empty
 * value list, null: excluding nothing). Throws for an invalid label name.
 */
export function labelMatcher(label: string, selection: Selection, negate = false): string | null {
  if (!isLabelName(label)) {
    throw new Error(`invalid label name ${JSON.stringify(label)}`);
  }
  if (selection.all) {
    return null;
  }
  const values = [...new Set(selection.values)];
  if (values.length === 0) {
    return negate ? null : `${label}=~${MATCH_NOTHING}`;
  }
  if (values.length === 1) {
    return `${label}${negate ? '!=' : '='}"${escapeString(values[0])}"`;
  }
  return `${label}${negate ? '!~' : '=~'}"${regexAlternation(values)}"`;
}
