// The forecast command's option values as written (numbers, --season, --growth), read the same by
// `headroom forecast` and by `forecast serve`'s config file.
import type { SeasonOption } from '../../core/forecast';

/** A usage or input problem, reported as one line with exit code 2. */
export class ForecastInputError extends Error {}

export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** `--season`: auto, none, seconds, or a number with unit s/m/h/d/w. */
export function parseSeason(text: string): SeasonOption {
  if (text === 'auto' || text === 'none') return text;
  const m = /^(\d+\.?\d*)([smhdw]?)$/.exec(text.trim());
  const v = m ? Number(m[1]) * UNITS[m[2] || 's'] : NaN;
  if (!(v > 0)) throw new ForecastInputError(`--season must be auto, none or a cycle in seconds (e.g. 86400 or 1d), not ${JSON.stringify(text)}`);
  return v;
}

/** `--growth`: "50%", "+50%", "-20%" or a fraction "0.5"; must stay above -100 %. */
export function parseGrowth(text: string): number {
  const t = text.trim().replace(/\/(year|yr|y)$/, '');
  const pct = t.endsWith('%');
  const body = pct ? t.slice(0, -1) : t;
  const v = NUMBER.test(body) ? Number(body) / (pct ? 100 : 1) : NaN;
  if (!(v > -1) || !Number.isFinite(v)) throw new ForecastInputError(`--growth must be a yearly rate above -100 % like 50% or 0.5, not ${JSON.stringify(text)}`);
  return v;
}
