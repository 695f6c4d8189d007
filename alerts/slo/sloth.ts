// Import of sloth's `prometheus/v1` SLO spec format into a Headroom spec file (alerts/slos.yaml
// shape). What maps and what is refused is listed in alerts/README.md ("Importing sloth specs").
// The result is validated like a hand-written spec, so an import never yields a file the pack
// cannot render.
import { splitMatchers, validate } from './spec';

export type SlothResult = { ok: true; spec: { histograms: Record<string, string[]>; slos: Record<string, unknown>[] }; warnings: string[] } | { ok: false; errors: string[] };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// `sum(rate(metric{matchers}[{{.window}}]))`, spaces allowed, `by` clauses refused (sloth
// aggregates to one series per SLO; Headroom keeps cluster, namespace and service).
const RATE = String.raw`sum\s*\(\s*rate\s*\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{([^}]*)\})?\s*\[\s*\{\{\s*\.window\s*\}\}\s*\]\s*\)\s*\)`;
const ONE_RATE = new RegExp(`^\\s*${RATE}\\s*$`);
const LATENCY = new RegExp(`^\\s*\\(?\\s*${RATE}\\s*-\\s*${RATE}\\s*\\)?\\s*$`);

/** Objective in percent (sloth) to a ratio, without float noise: 99.95 -> 0.9995. */
const ratio = (pct: number): number => Number((pct / 100).toPrecision(12));

const labelValue = (m: string): { name: string; op: string; value: string } => {
  const r = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"(.*)"\s*$/.exec(m);
  return r ? { name: r[1], op: r[2], value: r[3] } : { name: '', op: '', value: '' };
};

/** Matchers of a query selector without the `service` one (the spec's service says it). */
function selectorOf(matchers: string[], service: string, at: string, errors: string[]): string[] {
  const kept: string[] = [];
  for (const m of matchers) {
    const { name, op, value } = labelValue(m);
    if (name !== 'service') kept.push(m);
    else if (op !== '=' || value !== service) errors.push(`${at}: a service matcher (${m}) other than service="${service}" is refused: Headroom selects the SLO's service itself`);
  }
  return kept;
}

function importSli(sli: unknown, service: string, at: string, errors: string[], histograms: Record<string, string[]>): Record<string, unknown> | null {
  if (!isObj(sli)) {
    errors.push(`${at}.sli: missing`);
    return null;
  }
  if (sli.raw !== undefined) errors.push(`${at}.sli.raw: refused: an error-ratio query cannot be split into the request counter and error selector the pack's guards need`);
  if (sli.plugin !== undefined) errors.push(`${at}.sli.plugin: refused: sloth plugins run sloth's own code`);
  if (sli.events === undefined) {
    if (sli.raw === undefined && sli.plugin === undefined) errors.push(`${at}.sli: only \`events\` is imported`);
    return null;
  }
  const ev = sli.events;
  const errQ = isObj(ev) && typeof ev.error_query === 'string' ? ev.error_query : '';
  const totQ = isObj(ev) && typeof ev.total_query === 'string' ? ev.total_query : '';
  const tot = ONE_RATE.exec(totQ);
  if (!tot) {
    errors.push(`${at}.sli.events.total_query: refused: only sum(rate(<counter>{<matchers>}[{{.window}}])) is imported`);
    return null;
  }
  const totMatchers = splitMatchers(tot[2] ?? '');
  if (totMatchers === null) {
    errors.push(`${at}.sli.events.total_query: unreadable label matchers`);
    return null;
  }
  const av = ONE_RATE.exec(errQ);
  if (av) {
    const errMatchers = splitMatchers(av[2] ?? '');
    if (av[1] !== tot[1] || errMatchers === null || totMatchers.some((m) => !errMatchers.includes(m))) {
      errors.push(`${at}.sli.events.error_query: refused: it must count the same counter as total_query with the same matchers plus the error matchers`);
      return null;
    }
    const extra = errMatchers.filter((m) => !totMatchers.includes(m));
    if (extra.length === 0) {
      errors.push(`${at}.sli.events.error_query: refused: no matcher tells errors from requests`);
      return null;
    }
    return { availability: { counter: tot[1], selector: selectorOf(totMatchers, service, `${at}.sli.events.total_query`, errors).join(', '), errorSelector: extra.join(', ') } };
  }
  const lat = LATENCY.exec(errQ);
  const hist = tot[1].replace(/_count$/, '');
  if (lat && tot[1].endsWith('_count') && lat[1] === tot[1] && lat[3] === hist + '_bucket') {
    const all = splitMatchers(lat[2] ?? '');
    const fast = splitMatchers(lat[4] ?? '');
    const le = (fast ?? []).map(labelValue).find((m) => m.name === 'le' && m.op === '=');
    const rest = (fast ?? []).filter((m) => labelValue(m).name !== 'le');
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((m) => b.includes(m));
    if (all && fast && le && Number.isFinite(Number(le.value)) && same(all, totMatchers) && same(rest, totMatchers)) {
      // Only the threshold's boundary is known from a sloth file; the others are to be declared.
      const bounds = new Set([...(histograms[hist] ?? []), le.value]);
      histograms[hist] = [...bounds].sort((a, b) => Number(a) - Number(b));
      return { latency: { histogram: hist, selector: selectorOf(totMatchers, service, `${at}.sli.events.total_query`, errors).join(', '), thresholdSeconds: Number(le.value) } };
    }
  }
  errors.push(`${at}.sli.events.error_query: refused: neither sum(rate(<counter>{<matchers>, <error matchers>}[{{.window}}])) nor (sum(rate(<h>_count{…}[…])) - sum(rate(<h>_bucket{le="<s>", …}[…])))`);
  return null;
}

/** A sloth `prometheus/v1` document to a Headroom spec; refuses what would not mean the same. */
export function fromSloth(doc: unknown): SlothResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObj(doc) || doc.version !== 'prometheus/v1') return { ok: false, errors: ['sloth file: only `version: prometheus/v1` is imported'] };
  const service = typeof doc.service === 'string' ? doc.service : '';
  if (!service) errors.push('sloth file: service: missing');
  const common = isObj(doc.labels) ? doc.labels : {};
  const histograms: Record<string, string[]> = {};
  const slos: Record<string, unknown>[] = [];
  const list = Array.isArray(doc.slos) ? doc.slos : [];
  if (list.length === 0) errors.push('sloth file: slos: none');
  for (const [i, raw] of list.entries()) {
    const name = isObj(raw) && typeof raw.name === 'string' ? raw.name : `#${i + 1}`;
    const at = `SLO ${name}`;
    if (!isObj(raw)) {
      errors.push(`${at}: expected a mapping`);
      continue;
    }
    const sli = importSli(raw.sli, service, at, errors, histograms);
    const alerting = isObj(raw.alerting) ? raw.alerting : {};
    if (alerting.name !== undefined || alerting.annotations !== undefined) warnings.push(`${at}: alerting.name and annotations are not imported (the pack's alerts are HeadroomSLOBurn and HeadroomSLOOutage, with runbooks)`);
    const tiers: Record<string, null> = {};
    for (const [key, names] of [['page_alert', ['fast', 'medium']], ['ticket_alert', ['slow', 'gradual']]] as const) {
      const a = isObj(alerting[key]) ? alerting[key] : {};
      if (a.disable === true) for (const t of names) tiers[t] = null;
      if (isObj(a.labels) || a.annotations !== undefined) warnings.push(`${at}: alerting.${key} labels and annotations are not imported (severity comes from the tier: critical pages, warning tickets)`);
    }
    const labels: Record<string, string> = {};
    for (const src of [common, isObj(raw.labels) ? raw.labels : {}, isObj(alerting.labels) ? alerting.labels : {}]) {
      for (const [k, v] of Object.entries(src)) labels[k] = String(v);
    }
    const slo: Record<string, unknown> = { name, service, objective: typeof raw.objective === 'number' ? ratio(raw.objective) : raw.objective, sli };
    if (typeof raw.description === 'string') slo.description = raw.description;
    if (Object.keys(tiers).length) slo.tiers = tiers;
    if (Object.keys(labels).length) slo.labels = labels;
    // sloth's SLI has no outage path; the pack's default one applies to availability SLOs.
    slos.push(slo);
  }
  if (errors.length) return { ok: false, errors };
  const spec = { histograms, slos };
  const v = validate(spec);
  if (!v.ok) return { ok: false, errors: v.errors };
  if (Object.keys(histograms).length) warnings.push(`histograms: only the thresholds' boundaries are known from the sloth file (${Object.keys(histograms).join(', ')}); list every boundary the exporter writes`);
  return { ok: true, spec, warnings };
}
