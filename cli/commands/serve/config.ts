// The config file of `headroom forecast serve`: YAML or JSON (JSON is YAML), validated into one
// typed object; every problem is one line naming the file and the field.
import * as yaml from 'js-yaml';
import { parseDuration } from '../../../core/prometheus';
import { sanitiseLabelName } from '../../../core/exposition';
import { parseGrowth } from '../forecastValues';

export interface ServedSeries {
  /** Config name, the `forecast` label of every sample. */
  name: string;
  /** PromQL of the demand to forecast; each series it returns is forecast on its own. */
  query: string;
  /** Fixed capacity, or null. */
  capacity: number | null;
  /** PromQL of the capacity (its last value), or null. One series applies to all; several match by labels. */
  capacityQuery: string | null;
  /** Growth scenario per year (0.5 = +50 %/year): the planned growth, which the main families and the alerts use. */
  growth: number;
  /** Further growth scenarios per year, served as headroom_forecast_scenario_* with growth_percent (none by default). */
  scenarios: number[];
  /** Extra labels on every sample of this entry. */
  labels: Record<string, string>;
}

export interface ServeConfig {
  prometheus: string | null;
  /** Seconds between refits. */
  interval: number;
  /** Seconds of history read. */
  lookback: number;
  /** Query step, seconds. */
  step: number;
  /** Time limit per Prometheus request, seconds. */
  timeout: number;
  /** Least history (seconds) a series needs before it is forecast. */
  minHistory: number;
  level: number;
  series: ServedSeries[];
}

export const SERVE_DEFAULTS = { interval: 300, lookback: 28 * 86_400, step: 300, timeout: 30, minHistory: 2 * 86_400, level: 0.95 };

/** Label names the served samples set themselves; a source or config label with one becomes exported_<name>. */
export const RESERVED_LABELS = ['forecast', 'horizon', 'window', 'bound', 'growth_percent'];

export class ConfigError extends Error {}

const NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function seconds(v: unknown, field: string, min: number): number {
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? parseDuration(v) : null;
  if (ms === null || !Number.isFinite(ms) || ms / 1000 < min) {
    throw new ConfigError(`${field} must be a duration like 5m or 28d (at least ${min} s), not ${JSON.stringify(v)}`);
  }
  return ms / 1000;
}

function nonEmptyString(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(`${field} must be a non-empty string`);
  return v;
}

function parseSeries(v: unknown, i: number, seen: Set<string>): ServedSeries {
  const at = `series[${i}]`;
  if (!isObject(v)) throw new ConfigError(`${at} must be a mapping with name and query`);
  const known = ['name', 'query', 'capacity', 'capacity_query', 'growth', 'scenarios', 'labels'];
  for (const k of Object.keys(v)) if (!known.includes(k)) throw new ConfigError(`${at}: unknown field ${JSON.stringify(k)} (known: ${known.join(', ')})`);
  const name = nonEmptyString(v.name, `${at}.name`);
  if (!NAME.test(name)) throw new ConfigError(`${at}.name must be letters, digits and _ (not starting with a digit), not ${JSON.stringify(name)}`);
  if (seen.has(name)) throw new ConfigError(`${at}.name ${JSON.stringify(name)} is used twice`);
  seen.add(name);
  const query = nonEmptyString(v.query, `${at}.query`);
  let capacity: number | null = null;
  if (v.capacity !== undefined) {
    if (typeof v.capacity !== 'number' || !Number.isFinite(v.capacity)) throw new ConfigError(`${at}.capacity must be a number, not ${JSON.stringify(v.capacity)}`);
    capacity = v.capacity;
  }
  const capacityQuery = v.capacity_query === undefined ? null : nonEmptyString(v.capacity_query, `${at}.capacity_query`);
  if (capacity !== null && capacityQuery !== null) throw new ConfigError(`${at}: give capacity or capacity_query, not both`);
  const rate = (x: unknown, field: string) => {
    try {
      return parseGrowth(String(x));
    } catch (e) {
      throw new ConfigError(`${field}: ${(e as Error).message.replace(/^--growth /, '')}`);
    }
  };
  const growth = v.growth === undefined ? 0 : rate(v.growth, `${at}.growth`);
  let scenarios: number[] = [];
  if (v.scenarios !== undefined) {
    if (!Array.isArray(v.scenarios) || v.scenarios.length === 0) throw new ConfigError(`${at}.scenarios must be a list of yearly growth rates like [0%, 50%, 100%]`);
    scenarios = v.scenarios.map((x, k) => rate(x, `${at}.scenarios[${k}]`));
    if (new Set(scenarios).size !== scenarios.length) throw new ConfigError(`${at}.scenarios lists a growth rate twice`);
  }
  const labels: Record<string, string> = {};
  if (v.labels !== undefined) {
    if (!isObject(v.labels)) throw new ConfigError(`${at}.labels must be a mapping of label names to values`);
    for (const [k, val] of Object.entries(v.labels)) {
      if (!NAME.test(k) || k.startsWith('__')) throw new ConfigError(`${at}.labels: ${JSON.stringify(k)} is not a valid label name`);
      if (RESERVED_LABELS.includes(k)) throw new ConfigError(`${at}.labels: ${JSON.stringify(k)} is set by the server (reserved: ${RESERVED_LABELS.join(', ')})`);
      if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') throw new ConfigError(`${at}.labels.${k} must be a string`);
      labels[sanitiseLabelName(k)] = String(val);
    }
  }
  return { name, query, capacity, capacityQuery, growth, scenarios, labels };
}

/** Parse and validate a config text. Throws ConfigError with the field at fault. */
export function parseServeConfig(text: string): ServeConfig {
  let doc: unknown;
  try {
    doc = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    throw new ConfigError(`not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc)) throw new ConfigError('must be a mapping with a "series" list');
  const known = ['prometheus', 'interval', 'lookback', 'step', 'timeout', 'min_history', 'level', 'series'];
  for (const k of Object.keys(doc)) if (!known.includes(k)) throw new ConfigError(`unknown field ${JSON.stringify(k)} (known: ${known.join(', ')})`);
  const prometheus = doc.prometheus === undefined ? null : nonEmptyString(doc.prometheus, 'prometheus');
  if (prometheus !== null && !/^https?:\/\//.test(prometheus)) throw new ConfigError(`prometheus must be an http(s) URL, not ${JSON.stringify(prometheus)}`);
  const d = SERVE_DEFAULTS;
  const interval = doc.interval === undefined ? d.interval : seconds(doc.interval, 'interval', 1);
  const lookback = doc.lookback === undefined ? d.lookback : seconds(doc.lookback, 'lookback', 60);
  const step = doc.step === undefined ? d.step : seconds(doc.step, 'step', 1);
  const timeout = doc.timeout === undefined ? d.timeout : seconds(doc.timeout, 'timeout', 0.001);
  const minHistory = doc.min_history === undefined ? d.minHistory : seconds(doc.min_history, 'min_history', 0);
  if (step * 3 > lookback) throw new ConfigError(`lookback (${lookback} s) must hold at least 3 steps of ${step} s`);
  let level = d.level;
  if (doc.level !== undefined) {
    if (typeof doc.level !== 'number' || !(doc.level > 0 && doc.level < 1)) throw new ConfigError(`level must be a number between 0 and 1 (e.g. 0.95), not ${JSON.stringify(doc.level)}`);
    level = doc.level;
  }
  if (!Array.isArray(doc.series) || doc.series.length === 0) throw new ConfigError('series must be a non-empty list of {name, query, ...}');
  const seen = new Set<string>();
  const series = doc.series.map((s, i) => parseSeries(s, i, seen));
  return { prometheus, interval, lookback, step, timeout, minHistory, level, series };
}
