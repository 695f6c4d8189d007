// Reading back the numbers a panel shows, and comparing them with an independent computation, for
// values.itest.ts. Pure: no browser, no Prometheus (shownValues.test.ts).

/** Multipliers of Grafana's scaled units and of the duration units the dashboards use. */
const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
// Grafana writes a plural above 1 ("2.23 mins", "1.5 hours": valueFormats' appendPluralIf).
const DURATION: Record<string, number> = {
  'µs': 1e-6, us: 1e-6, ms: 1e-3, s: 1, min: 60, mins: 60, m: 60, h: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400, week: 604800, weeks: 604800,
};

/** A number as a panel writes it: "$1.61K", "96.725%", "1.81K req/s", "326 ms", "-3175.1%", "12". */
const VALUE = /(-?)(\$?)(\d[\d,]*(?:\.\d+)?)(?:\s?(K|M|B|T)(?![A-Za-z]))?(?:\s?(%|µs|us|ms|mins?|hours?|days?|weeks?|s|h|d|req\/s)(?![A-Za-z]))?/g;

export interface Shown {
  /** The text as shown, e.g. "$1.61K". */
  text: string;
  /** Its value in the data's base unit: ratios for %, seconds for durations. */
  value: number;
  /** Half of the last shown digit, in the same unit: how far the shown text may be from the data. */
  rounding: number;
}

/**
 * Every number in a panel's text, in order. Edge cases: thousands separators are dropped; a
 * percent is a ratio (96.7 % → 0.967); a duration is in seconds; "K" etc. scale the number;
 * no number → [].
 */
export function shownNumbers(text: string): Shown[] {
  const out: Shown[] = [];
  for (const m of text.matchAll(VALUE)) {
    const [whole, minus, , digits, scale, unit] = m;
    const plain = digits.replace(/,/g, '');
    const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
    let factor = scale ? SCALE[scale] : 1;
    if (unit === '%') factor /= 100;
    else if (unit && unit in DURATION) factor *= DURATION[unit];
    const value = (minus ? -1 : 1) * Number(plain) * factor;
    out.push({ text: whole.trim(), value, rounding: 0.5 * 10 ** -decimals * factor });
  }
  return out;
}

/**
 * `shown` is within `relative` of `expected` (default 0.5 %: three significant digits), or within
 * `absolute` (for values near zero). A figure rounded further than that ("$2K" for $1,609) does
 * not agree, even though it is a correct rounding: a reader takes it for a quarter more.
 */
export function agrees(shown: Shown, expected: number, relative = 0.005, absolute = 1e-9): boolean {
  return Number.isFinite(expected) && Math.abs(shown.value - expected) <= Math.max(relative * Math.abs(expected), absolute);
}

/**
 * The smallest distance from `value` to any candidate (NaN candidates ignored), relative to the
 * candidate's size (absolute below `floor`). Used where the panel's point comes from a recording
 * rule evaluated at some time in the seconds before it: the candidates are the raw computation at
 * each of those seconds.
 */
export function closest(value: number, candidates: readonly number[], floor = 1e-9): { candidate: number; relative: number } {
  let best = { candidate: NaN, relative: Infinity };
  for (const c of candidates) {
    if (!Number.isFinite(c)) continue;
    const relative = Math.abs(value - c) / Math.max(Math.abs(c), floor);
    if (relative < best.relative) best = { candidate: c, relative };
  }
  return best;
}

/** "3h57m", "7m", "45s", "1d17h" (core/scaling formatDuration) → seconds; NaN when not one. */
export function parseDuration(text: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return NaN;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return d * 86400 + h * 3600 + min * 60 + s;
}
