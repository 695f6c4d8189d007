// `headroom forecast`: forecast a `timestamp,value` CSV with Headroom's forecaster (the same code
// as the capacity forecast panel) and, with --capacity, when and how likely it runs out.
// Exit codes: 0 printed; 2 bad usage or bad input (one line on stderr).
import { exhaustion, forecast, MAX_HORIZON, medianStep, parseSeriesCsv, withGrowth, type ForecastOk, type SeasonOption } from '../../core/forecast';
import { Command } from './types';
import { readInputText, stderrLine, stdoutLine } from '../io';
import { walkOptions } from '../options';
import { ForecastInputError, NUMBER, parseGrowth, parseSeason, UNITS } from './forecastValues';
import { runServe } from './forecastServe';

export { ForecastInputError, parseGrowth, parseSeason };

export const FORECAST_USAGE = `Usage: headroom forecast --input FILE.csv --horizon N|DURATION [--season auto|none|SECONDS] [--capacity X]
                         [--growth RATE] [--scenarios RATE,RATE,...] [--level L]
       headroom forecast serve --config FILE [--listen HOST:PORT] [--prometheus URL] [--once]
                         (Prometheus series served as headroom_forecast_* metrics: see serve --help)

Reads a "timestamp,value" CSV (header optional; timestamp as YYYY-MM-DD HH:MM:SS in UTC or unix
seconds; NaN, +Inf, -Inf or an empty value count as missing) and prints one JSON object:
  {"model":"...","points":[{"t":<unix s>,"mean":n,"lower":n,"upper":n}, ...]}
with exactly N points at the series' step after its last observation (a DURATION such as 90d or
365d is that span in points at the series' median step). The model is chosen among
seasonal decomposition + exponential smoothing, Holt-Winters, seasonal naive, exponential smoothing
and a linear fit by a rolling-origin backtest on the series itself; [lower, upper] is a prediction
interval from that backtest's errors. Gaps are imputed, outliers replaced, irregular timestamps
put on the median step. With --capacity the object also has
  "exhaustion": {"t":<first time the mean reaches X, or null>,"tUpper":<first time the upper bound
  does>,"tLower":<... the lower bound>,"probability":<chance of reaching X within the horizon>,
  "alreadyExceeded":<the last value is already at or above X>}
or "exhaustion": null when not even the upper bound reaches X. With --scenarios the object also has
  "scenarios":[{"growth":<rate>,"points":[...],"exhaustion":{...}|null}, ...]
the same forecast under each growth rate instead of --growth (one fit for all).

Options:
  --input FILE.csv   the series ("-" reads standard input)
  --horizon N        points to forecast (1..${MAX_HORIZON}), or a span: 12h, 90d, 365d, 52w
  --season S         auto (default: daily and weekly cycles when the series holds two of them),
                     none, or a cycle length in seconds (or with a unit: 1h, 1d, 7d)
  --capacity X       the limit to forecast exhaustion against
  --growth RATE      growth scenario on top of the forecast, per year: 50% or 0.5 (+50 %/year)
  --scenarios LIST   further growth scenarios, comma-separated: 0%,50%,100%
  --level L          interval coverage in (0, 1), default 0.95
  -h, --help         show this help

Exit codes: 0 printed (notes about the input on stderr); 2 bad usage or input.`;

export interface ForecastArgs {
  help: boolean;
  input?: string;
  /** Points, or seconds to convert at the series' step. */
  horizon?: number | { seconds: number };
  season: SeasonOption;
  capacity?: number;
  growth: number;
  scenarios: number[];
  level: number;
}

function parseNumber(key: string, text: string): number {
  if (!NUMBER.test(text.trim())) throw new ForecastInputError(`${key} must be a number, not ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseForecastArgs(argv: string[]): ForecastArgs {
  const args: ForecastArgs = { help: false, season: 'auto', growth: 0, scenarios: [], level: 0.95 };
  const spec = { values: ['--input', '--horizon', '--season', '--capacity', '--growth', '--scenarios', '--level'] };
  const walked = walkOptions(argv, spec, (key, raw) => {
    const value = raw as string;
    switch (key) {
      case '--input':
        args.input = value;
        break;
      case '--horizon': {
        const span = /^(\d+\.?\d*)([smhdw])$/.exec(value.trim());
        if (span && Number(span[1]) > 0) {
          args.horizon = { seconds: Number(span[1]) * UNITS[span[2]] };
          break;
        }
        const h = Number(value);
        if (!/^\d+$/.test(value.trim()) || h < 1 || h > MAX_HORIZON) {
          throw new ForecastInputError(`--horizon must be a whole number of points from 1 to ${MAX_HORIZON} or a span like 90d or 365d, not ${JSON.stringify(value)}`);
        }
        args.horizon = h;
        break;
      }
      case '--season':
        args.season = parseSeason(value);
        break;
      case '--capacity':
        args.capacity = parseNumber('--capacity', value);
        break;
      case '--growth':
        args.growth = parseGrowth(value);
        break;
      case '--scenarios':
        args.scenarios = value.split(',').map((x) => {
          try {
            return parseGrowth(x);
          } catch {
            throw new ForecastInputError(`--scenarios must be yearly rates above -100 % separated by commas, like 0%,50%,100%, not ${JSON.stringify(value)}`);
          }
        });
        break;
      default: {
        const l = parseNumber('--level', value);
        if (!(l > 0 && l < 1)) throw new ForecastInputError(`--level must be between 0 and 1 (e.g. 0.95), not ${JSON.stringify(value)}`);
        args.level = l;
      }
    }
  }, (m) => new ForecastInputError(m));
  args.help = walked.help;
  if (!args.help && args.input === undefined) throw new ForecastInputError('--input FILE.csv is required (see --help)');
  if (!args.help && args.horizon === undefined) throw new ForecastInputError('--horizon N is required (see --help)');
  return args;
}

/**
 * --horizon in points: as given, or a span over the series' median step (rounded, at least 1).
 * Edge cases: a span beyond MAX_HORIZON points, or a series too short to have a step → one line.
 */
function horizonPoints(h: number | { seconds: number }, t: ArrayLike<number>, input: string): number {
  if (typeof h === 'number') return h;
  const step = medianStep(Float64Array.from(t).sort());
  if (!(step > 0)) throw new ForecastInputError(`${input}: too few points to tell the step that --horizon's span is counted in`);
  const n = Math.max(1, Math.round(h.seconds / step));
  if (n > MAX_HORIZON) throw new ForecastInputError(`--horizon is ${n} points at the series' step of ${step} s, more than ${MAX_HORIZON}`);
  return n;
}

function readInput(path: string): string {
  const input = readInputText(path);
  if (!input.ok) throw new ForecastInputError(input.message);
  return input.text;
}

/** The JSON document the command prints (capacity: undefined leaves "exhaustion" out). */
export function forecastDocument(r: ForecastOk, capacity?: number): Record<string, unknown> {
  const points = new Array(r.t.length);
  for (let k = 0; k < r.t.length; k++) points[k] = { t: r.t[k], mean: r.mean[k], lower: r.lower[k], upper: r.upper[k] };
  const doc: Record<string, unknown> = { model: r.model, points };
  if (capacity !== undefined) {
    const ex = exhaustion(r, capacity);
    if (!ex.ok) throw new ForecastInputError(ex.message);
    doc.exhaustion =
      !ex.alreadyExceeded && ex.tMean === null && ex.tUpper === null
        ? null
        : { t: ex.tMean, tUpper: ex.tUpper, tLower: ex.tLower, probability: ex.probability, alreadyExceeded: ex.alreadyExceeded };
  }
  return doc;
}

/** The command with its output streams passed in (tests capture them). Returns the exit code. */
export function runForecast(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  try {
    const args = parseForecastArgs(argv);
    if (args.help) {
      out(FORECAST_USAGE);
      return 0;
    }
    const input = args.input as string;
    const csv = parseSeriesCsv(readInput(input));
    if (!csv.ok) throw new ForecastInputError(`${input}: ${csv.message}`);
    const base = forecast(csv.t, csv.values, {
      horizon: horizonPoints(args.horizon as number | { seconds: number }, csv.t, input),
      season: args.season,
      level: args.level,
    });
    if (!base.ok) throw new ForecastInputError(`${input}: ${base.message}`);
    for (const w of base.warnings) err(`headroom forecast: note: ${input}: ${w}`);
    const doc = forecastDocument(withGrowth(base, args.growth), args.capacity);
    if (args.scenarios.length > 0) {
      doc.scenarios = args.scenarios.map((g) => {
        const { points, exhaustion: ex } = forecastDocument(withGrowth(base, g), args.capacity);
        return args.capacity === undefined ? { growth: g, points } : { growth: g, points, exhaustion: ex };
      });
    }
    out(JSON.stringify(doc));
    return 0;
  } catch (e) {
    if (e instanceof ForecastInputError) {
      err(`headroom forecast: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'forecast a timestamp,value CSV (intervals, exhaustion); `forecast serve`: Prometheus series as headroom_forecast_* metrics',
  run: async (argv) => (argv[0] === 'serve' ? runServe(argv.slice(1), { out: stdoutLine, err: stderrLine }) : runForecast(argv, stdoutLine, stderrLine)),
};
