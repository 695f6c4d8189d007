// Parse a `timestamp,value` CSV: timestamps as `YYYY-MM-DD HH:MM:SS` (UTC) or unix seconds.

export type CsvResult =
  | { ok: true; t: Float64Array; values: Float64Array }
  | { ok: false; message: string };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]00:?00)?$/;

/**
 * Timestamp in unix seconds from `YYYY-MM-DD HH:MM[:SS[.fff]]` (UTC; a trailing Z or +00:00 is
 * accepted) or a plain number of unix seconds. Edge cases: out-of-range date parts (month 13,
 * Feb 30) → NaN; anything else → NaN.
 */
export function parseTimestamp(s: string): number {
  const str = s.trim().replace(/^"|"$/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(str)) return Number(str);
  const m = DATE_RE.exec(str);
  if (!m) return NaN;
  const [y, mo, d, hh, mi, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const ms = Date.UTC(y, mo - 1, d, hh, mi, ss);
  const dt = new Date(ms);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d || hh > 23 || mi > 59 || ss > 60) {
    return NaN;
  }
  return ms / 1000 + (m[7] ? Number(m[7]) : 0);
}

/**
 * A value: a number, or NaN / +Inf / -Inf / Inf (any case), or empty (missing → NaN).
 * Edge cases: anything else → undefined (a parse error for the caller to report).
 */
export function parseValue(s: string): number | undefined {
  const str = s.trim().replace(/^"|"$/g, '');
  if (str === '') return NaN;
  const l = str.toLowerCase();
  if (l === 'nan') return NaN;
  if (l === '+inf' || l === 'inf' || l === '+infinity' || l === 'infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(str)) return Number(str);
  return undefined;
}

/**
 * Parse the whole file. The first line is a header when its timestamp field does not parse.
 * Blank lines and lines starting with # are skipped. Edge cases: a data line without exactly two
 * fields, with a bad timestamp or a bad value → error naming the line; no data line → error.
 */
export function parseSeriesCsv(text: string): CsvResult {
  const lines = text.split(/\r?\n/);
  const t: number[] = [];
  const v: number[] = [];
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(',');
    const ts = parts.length === 2 ? parseTimestamp(parts[0]) : NaN;
    if (first) {
      first = false;
      if (Number.isNaN(ts) && parts.length === 2 && parseValue(parts[1]) === undefined) continue; // header
    }
    if (parts.length !== 2) return { ok: false, message: `line ${i + 1}: expected "timestamp,value", got ${parts.length} field(s)` };
    if (Number.isNaN(ts)) return { ok: false, message: `line ${i + 1}: bad timestamp "${parts[0].trim()}" (want YYYY-MM-DD HH:MM:SS UTC or unix seconds)` };
    const val = parseValue(parts[1]);
    if (val === undefined) return { ok: false, message: `line ${i + 1}: bad value "${parts[1].trim()}"` };
    t.push(ts);
    v.push(val);
  }
  if (t.length === 0) return { ok: false, message: 'no data lines (want "timestamp,value" rows)' };
  return { ok: true, t: Float64Array.from(t), values: Float64Array.from(v) };
}
