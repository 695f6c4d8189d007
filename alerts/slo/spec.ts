// SLO specs (alerts/slos.yaml): validation and conversion to the rules pack's input
// (alerts/slos.json, read by alerts/lib/slo_specs.libsonnet). Every error names the SLO and the
// field. Defaults (period, tiers, minRequestRate, outage) are NOT filled here: the pack takes
// them from `_config.slo`, their one place.

/** A burn-rate tier as written in a spec: every field optional (tunes the pack's tier of that name). */
export interface TierSpec {
  longWindow?: string;
  shortWindow?: string;
  factor?: number;
  severity?: string;
  for?: string;
  history?: boolean;
  minRequestRate?: number;
}

export interface OutageSpec {
  window?: string;
  errorRatio?: number;
  minErrors?: number;
  severity?: string;
  for?: string;
}

export type Sli =
  | { kind: 'availability'; counter: string; selector: string; errorSelector: string }
  | { kind: 'latency'; histogram: string; selector: string; thresholdSeconds: number };

/** One SLO as the pack reads it (alerts/slos.json). Absent optional fields take the pack's defaults. */
export interface Slo {
  name: string;
  service: string;
  description?: string;
  team?: string;
  sli: Sli;
  objective: number;
  period?: string;
  minRequestRate?: number;
  tiers?: Record<string, TierSpec | null>;
  outage?: OutageSpec | null;
  labels?: Record<string, string>;
}

export interface SloFile {
  /** Bucket boundaries per histogram, as the exporter writes `le`, ascending. */
  histograms: Record<string, string[]>;
  slos: Slo[];
}

export type Result = { ok: true; file: SloFile } | { ok: false; errors: string[] };

const NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const DURATION = /^[1-9][0-9]*[smhdw]$/;
/** One label matcher: name, operator, double-quoted value (escaped quotes allowed). */
const MATCHER = /^\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*$/;
/** Labels the pack sets on the SLO's alerts and series itself. */
const RESERVED = ['slo', 'sli', 'slo_tier', 'slo_period', 'long_window', 'short_window', 'severity', 'team', 'service', 'namespace', 'cluster', 'alertname', 'le'];
const SEVERITIES = ['critical', 'warning', 'info'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits `a="1", b=~"x,y"` into matchers (commas inside quotes kept); null when one is malformed. */
export function splitMatchers(sel: string): string[] | null {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < sel.length; i++) {
    const ch = sel[i];
    if (ch === '\\' && quoted) {
      cur += ch + (sel[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const kept = parts.filter((p) => p.trim() !== '');
  return quoted || kept.some((p) => !MATCHER.test(p)) ? null : kept.map((p) => p.trim());
}

/** Validates the parsed YAML of a spec file and returns the pack's input, or every error. */
export function validate(doc: unknown): Result {
  const errors: string[] = [];
  if (!isObj(doc)) return { ok: false, errors: ['spec file: expected a mapping with `histograms` and `slos`'] };
  const known = ['histograms', 'slos'];
  for (const k of Object.keys(doc)) if (!known.includes(k)) errors.push(`spec file: unknown field \`${k}\` (expected ${known.join(', ')})`);

  const histograms: Record<string, string[]> = {};
  const hs = doc.histograms ?? {};
  if (!isObj(hs)) errors.push('spec file: `histograms` must map a histogram name to its bucket boundaries');
  else
    for (const [h, bounds] of Object.entries(hs)) {
      const at = `histogram ${h}`;
      if (!METRIC.test(h)) errors.push(`${at}: not a metric name`);
      if (!Array.isArray(bounds) || bounds.length === 0 || bounds.some((b) => typeof b !== 'string' || !Number.isFinite(Number(b)) || b.trim() === '')) {
        errors.push(`${at}: boundaries must be a non-empty list of numbers written as strings, exactly as the exporter writes \`le\` (e.g. '0.5')`);
        continue;
      }
      const nums = bounds.map(Number);
      if (nums.some((n, i) => i > 0 && n <= nums[i - 1])) errors.push(`${at}: boundaries must ascend without repeats`);
      histograms[h] = bounds as string[];
    }

  const slos: Slo[] = [];
  if (!Array.isArray(doc.slos) || doc.slos.length === 0) errors.push('spec file: `slos` must be a non-empty list');
  else {
    const seen = new Set<string>();
    doc.slos.forEach((raw, i) => {
      const name = isObj(raw) && typeof raw.name === 'string' ? raw.name : `#${i + 1}`;
      const errs = validateSlo(raw, `SLO ${name}`, histograms);
      if (seen.has(name)) errs.push(`SLO ${name}: name: used by another SLO`);
      seen.add(name);
      if (errs.length) errors.push(...errs);
      else slos.push(toSlo(raw as Record<string, unknown>));
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, file: { histograms, slos } };
}

function validateSlo(raw: unknown, at: string, histograms: Record<string, string[]>): string[] {
  const e: string[] = [];
  if (!isObj(raw)) return [`${at}: expected a mapping`];
  const fields = ['name', 'service', 'description', 'team', 'sli', 'objective', 'period', 'minRequestRate', 'tiers', 'outage', 'labels'];
  for (const k of Object.keys(raw)) if (!fields.includes(k)) e.push(`${at}: unknown field \`${k}\``);
  if (typeof raw.name !== 'string' || !NAME.test(raw.name)) e.push(`${at}: name: lower-case letters, digits and dashes required`);
  if (typeof raw.service !== 'string' || raw.service === '' || raw.service.includes('"') || raw.service.includes('\\')) e.push(`${at}: service: a non-empty label value without quotes or backslashes required`);
  for (const k of ['description', 'team'] as const) if (raw[k] !== undefined && typeof raw[k] !== 'string') e.push(`${at}: ${k}: must be a string`);
  if (typeof raw.objective !== 'number' || !(raw.objective > 0 && raw.objective < 1)) e.push(`${at}: objective: a ratio strictly between 0 and 1 (0.999 for 99.9 %) required`);
  if (raw.period !== undefined && (typeof raw.period !== 'string' || !DURATION.test(raw.period))) e.push(`${at}: period: a Prometheus duration such as 30d required`);
  if (raw.minRequestRate !== undefined && !(typeof raw.minRequestRate === 'number' && raw.minRequestRate >= 0)) e.push(`${at}: minRequestRate: a number >= 0 (req/s) required`);
  e.push(...validateSli(raw.sli, `${at}: sli`, histograms));
  if (raw.tiers !== undefined) {
    if (!isObj(raw.tiers)) e.push(`${at}: tiers: a mapping of tier name to null (remove) or fields (tune) required`);
    else for (const [t, v] of Object.entries(raw.tiers)) e.push(...validateTier(v, `${at}: tiers.${t}`));
  }
  if (raw.outage !== undefined && raw.outage !== null) {
    if (isObj(raw.sli) && 'latency' in raw.sli) e.push(`${at}: outage: only an availability SLO has an outage path`);
    else e.push(...validateOutage(raw.outage, `${at}: outage`));
  }
  if (raw.labels !== undefined) {
    if (!isObj(raw.labels)) e.push(`${at}: labels: a mapping of label name to string required`);
    else
      for (const [k, v] of Object.entries(raw.labels)) {
        if (!LABEL.test(k) || k.startsWith('__')) e.push(`${at}: labels.${k}: not a label name`);
        else if (RESERVED.includes(k)) e.push(`${at}: labels.${k}: set by the pack itself (${RESERVED.join(', ')})`);
        if (typeof v !== 'string') e.push(`${at}: labels.${k}: must be a string`);
      }
  }
  return e;
}

function validateSelector(v: unknown, at: string, required: boolean): string[] {
  if (v === undefined && !required) return [];
  if (typeof v !== 'string' || splitMatchers(v) === null || (required && v.trim() === '')) {
    return [`${at}: label matchers without braces required, e.g. handler="/api", code=~"5.."`];
  }
  return [];
}

function validateSli(v: unknown, at: string, histograms: Record<string, string[]>): string[] {
  if (!isObj(v) || Object.keys(v).length !== 1 || !('availability' in v || 'latency' in v)) {
    return [`${at}: exactly one of \`availability\` or \`latency\` required`];
  }
  const e: string[] = [];
  if ('availability' in v) {
    const a = v.availability;
    if (!isObj(a)) return [`${at}.availability: a mapping with counter, selector, errorSelector required`];
    for (const k of Object.keys(a)) if (!['counter', 'selector', 'errorSelector'].includes(k)) e.push(`${at}.availability: unknown field \`${k}\``);
    if (typeof a.counter !== 'string' || !METRIC.test(a.counter)) e.push(`${at}.availability.counter: a metric name required`);
    e.push(...validateSelector(a.selector, `${at}.availability.selector`, false));
    e.push(...validateSelector(a.errorSelector, `${at}.availability.errorSelector`, true));
    return e;
  }
  const l = v.latency;
  if (!isObj(l)) return [`${at}.latency: a mapping with histogram, selector, thresholdSeconds required`];
  for (const k of Object.keys(l)) if (!['histogram', 'selector', 'thresholdSeconds'].includes(k)) e.push(`${at}.latency: unknown field \`${k}\``);
  if (typeof l.histogram !== 'string' || !METRIC.test(l.histogram)) e.push(`${at}.latency.histogram: a metric name (without _bucket) required`);
  else if (!histograms[l.histogram]) e.push(`${at}.latency.histogram: ${l.histogram} has no bucket boundaries under \`histograms\``);
  e.push(...validateSelector(l.selector, `${at}.latency.selector`, false));
  if (typeof l.thresholdSeconds !== 'number' || !(l.thresholdSeconds > 0)) e.push(`${at}.latency.thresholdSeconds: a number of seconds > 0 required`);
  return e;
}

function validateTier(v: unknown, at: string): string[] {
  if (v === null) return [];
  if (!isObj(v)) return [`${at}: null (remove the tier) or a mapping of fields required`];
  const e: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (k === 'longWindow' || k === 'shortWindow' || k === 'for') {
      if (typeof x !== 'string' || !DURATION.test(x)) e.push(`${at}.${k}: a Prometheus duration required`);
    } else if (k === 'factor') {
      if (typeof x !== 'number' || !(x > 0)) e.push(`${at}.factor: a number > 0 required`);
    } else if (k === 'minRequestRate') {
      if (typeof x !== 'number' || !(x >= 0)) e.push(`${at}.minRequestRate: a number >= 0 required`);
    } else if (k === 'severity') {
      if (typeof x !== 'string' || !SEVERITIES.includes(x)) e.push(`${at}.severity: one of ${SEVERITIES.join(', ')}`);
    } else if (k === 'history') {
      if (typeof x !== 'boolean') e.push(`${at}.history: true or false`);
    } else e.push(`${at}: unknown field \`${k}\``);
  }
  return e;
}

function validateOutage(v: unknown, at: string): string[] {
  if (!isObj(v)) return [`${at}: null (no outage path) or a mapping of fields required`];
  const e: string[] = [];
  for (const [k, x] of Object.entries(v)) {
    if (k === 'window' || k === 'for') {
      if (typeof x !== 'string' || !DURATION.test(x)) e.push(`${at}.${k}: a Prometheus duration required`);
    } else if (k === 'errorRatio') {
      if (typeof x !== 'number' || !(x > 0 && x <= 1)) e.push(`${at}.errorRatio: a ratio in (0, 1] required`);
    } else if (k === 'minErrors') {
      if (typeof x !== 'number' || !(x >= 1)) e.push(`${at}.minErrors: a number >= 1 required`);
    } else if (k === 'severity') {
      if (typeof x !== 'string' || !SEVERITIES.includes(x)) e.push(`${at}.severity: one of ${SEVERITIES.join(', ')}`);
    } else e.push(`${at}: unknown field \`${k}\``);
  }
  return e;
}

/** The validated mapping as the pack's input: the SLI as a kind plus its fields. */
function toSlo(raw: Record<string, unknown>): Slo {
  const sli = raw.sli as Record<string, Record<string, unknown>>;
  const slo: Slo = {
    name: raw.name as string,
    service: raw.service as string,
    sli: sli.availability
      ? { kind: 'availability', counter: sli.availability.counter as string, selector: (sli.availability.selector as string) ?? '', errorSelector: sli.availability.errorSelector as string }
      : { kind: 'latency', histogram: sli.latency.histogram as string, selector: (sli.latency.selector as string) ?? '', thresholdSeconds: sli.latency.thresholdSeconds as number },
    objective: raw.objective as number,
  };
  for (const k of ['description', 'team', 'period', 'minRequestRate', 'tiers', 'outage', 'labels'] as const) {
    if (raw[k] !== undefined) (slo as unknown as Record<string, unknown>)[k] = raw[k];
  }
  return slo;
}
