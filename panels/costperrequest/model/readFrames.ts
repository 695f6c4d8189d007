// Reading cost and request series out of the panel's frames.
//
// Accepted shapes (README.md):
// 1. The Headroom cost data source's "cost per request" query: frames tagged in
//    meta.custom.headroom with role 'cost' (money per hour, labels component / instance_type),
//    'requests' (requests per step), 'summary' and 'pricing'; other roles are ignored.
// 2. Any time series: a number field is requests when its name (display name, field name or
//    __name__) says request/req/rps/qps or its unit is reqps/rps — a counter when __name__ ends in
//    _total, an increase per step when its name says increase, else a per-second rate (what
//    sum(rate(…)) gives); otherwise it is cost when its unit is a currency (a panel-wide currency
//    unit included) or its name says cost/price/spend — money per hour, like OpenCost's
//    node_total_hourly_cost.
// Edge cases: cost series in two currencies are refused (adding dollars to euros would be wrong);
// series without the group label go to "(no <label>)" with a note rather than vanishing; NaN,
// nulls and non-finite values stay NaN (gaps); frames with no time field are skipped unless they
// are a summary or pricing table; empty frames are ignored.
import { DataFrame, Field, FieldType, getFieldDisplayName } from '@grafana/data';
import { COST_LABELS, headroomMeta, PRICING_FIELDS, SUMMARY_FIELDS } from '../../../core/cost/contract';
import { KUBE_NODE_LABELS } from '../../../core/cost/inventory';
import { currencyOfUnit } from '../../../core/cost/units';
import { CostGrouping } from '../types';
import { CostGroup, CostInputs, PricingRow, Refusal, RequestKind, RequestSeries, Summary } from './types';

// The data source's labels first, then kube_node_labels' own (a Prometheus query of it).
const COMPONENT_LABELS = [COST_LABELS.component, KUBE_NODE_LABELS.component as string];
const TYPE_LABELS = [COST_LABELS.instanceType, KUBE_NODE_LABELS.type, 'label_beta_kubernetes_io_instance_type'];

const COST_NAME = /cost|price|spend|money|\$/i;
const REQUEST_NAME = /request|\breqs?\b|\brps\b|\bqps\b|hits|calls/i;
const REQUEST_UNITS = new Set(['reqps', 'rps', 'reqpm', 'rpm']);

function toF64(values: ArrayLike<unknown>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    out[i] = typeof x === 'number' ? x : x === null || x === undefined ? NaN : Number(x);
  }
  return out;
}

function firstLabel(labels: Record<string, string> | undefined, names: readonly string[]): string | undefined {
  if (!labels) {
    return undefined;
  }
  for (const n of names) {
    if (labels[n]) {
      return labels[n];
    }
  }
  return undefined;
}

function nameOf(field: Field, frame: DataFrame, frames: DataFrame[]): string {
  try {
    return getFieldDisplayName(field, frame, frames);
  } catch {
    return field.config?.displayName ?? field.name;
  }
}

function requestKind(field: Field, display: string): RequestKind {
  if (field.labels?.__name__?.endsWith('_total')) {
    return 'counter';
  }
  if (/increase/i.test(display) || /increase/i.test(field.name)) {
    return 'increase';
  }
  return 'rate';
}

function num(frame: DataFrame, name: string): number {
  const f = frame.fields.find((x) => x.name === name);
  const v = f?.values[0];
  return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
}

function str(frame: DataFrame, name: string): string {
  const v = frame.fields.find((x) => x.name === name)?.values[0];
  return typeof v === 'string' ? v : '';
}

function readSummary(frame: DataFrame): Summary {
  return {
    cost: num(frame, SUMMARY_FIELDS.cost),
    requests: num(frame, SUMMARY_FIELDS.requests),
    previousCost: num(frame, SUMMARY_FIELDS.previousCost),
    previousRequests: num(frame, SUMMARY_FIELDS.previousRequests),
    projectedMonthly: num(frame, SUMMARY_FIELDS.projectedMonthly),
    hours: num(frame, SUMMARY_FIELDS.hours),
    status: str(frame, SUMMARY_FIELDS.status),
    message: str(frame, SUMMARY_FIELDS.message),
  };
}

function readPricing(frame: DataFrame): PricingRow[] {
  const col = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  const keys = col(PRICING_FIELDS.key);
  const rows: PricingRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const n = (name: string) => {
      const v = col(name)[i];
      return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
    };
    rows.push({
      key: String(keys[i] ?? ''),
      label: String(col(PRICING_FIELDS.model)[i] ?? keys[i] ?? ''),
      monthly: n(PRICING_FIELDS.monthly),
      windowCost: n(PRICING_FIELDS.windowCost),
      savedMonthly: n(PRICING_FIELDS.savedMonthly),
      savedPercent: n(PRICING_FIELDS.savedPercent),
      notes: String(col(PRICING_FIELDS.notes)[i] ?? ''),
    });
  }
  return rows;
}

/** Sorted by time (frames from other sources need not be). */
function sortedByTime(t: Float64Array, v: Float64Array): { t: Float64Array; v: Float64Array } {
  let sorted = true;
  for (let i = 1; i < t.length; i++) {
    if (!(t[i] >= t[i - 1])) {
      sorted = false;
      break;
    }
  }
  if (sorted) {
    return { t, v };
  }
  const idx = Array.from(t, (_, i) => i).filter((i) => Number.isFinite(t[i]));
  idx.sort((a, b) => t[a] - t[b]);
  return { t: Float64Array.from(idx, (i) => t[i]), v: Float64Array.from(idx, (i) => v[i]) };
}

/** `defaultUnit`: the panel's unit (field config), for fields that carry none of their own. */
export function readFrames(frames: DataFrame[], groupBy: CostGrouping, defaultUnit?: string): CostInputs | Refusal {
  const groupLabels = groupBy === 'instance_type' ? TYPE_LABELS : COMPONENT_LABELS;
  const labelName = groupBy === 'instance_type' ? 'instance type' : 'component';
  const groups = new Map<string, CostGroup & { parts: Array<{ t: Float64Array; rate: Float64Array }> }>();
  const requests: RequestSeries[] = [];
  const currencies = new Map<string, string>();
  const notes: string[] = [];
  let unit: string | undefined;
  let summary: Summary | undefined;
  let pricing: PricingRow[] | undefined;
  let unlabelled = 0;

  for (const frame of frames ?? []) {
    if (!frame || !Array.isArray(frame.fields) || frame.fields.length === 0) {
      continue;
    }
    const meta = headroomMeta(frame);
    if (meta?.role === 'summary') {
      summary = readSummary(frame);
      if (meta.currency) {
        currencies.set(meta.currency, currencies.get(meta.currency) ?? 'summary');
      }
      continue;
    }
    if (meta?.role === 'pricing') {
      pricing = readPricing(frame);
      continue;
    }
    if (meta && meta.role !== 'cost' && meta.role !== 'requests') {
      continue;
    }
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const t = toF64(time.values);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const display = nameOf(field, frame, frames);
      const fieldUnit = field.config?.unit || defaultUnit || undefined;
      const money = currencyOfUnit(fieldUnit);
      let role: 'cost' | 'requests' | null = null;
      if (meta) {
        role = meta.role as 'cost' | 'requests';
      } else if (REQUEST_UNITS.has(fieldUnit ?? '') || REQUEST_NAME.test(display) || REQUEST_NAME.test(field.labels?.__name__ ?? '')) {
        // Before the unit: a panel-wide currency unit lands on the request series too.
        role = 'requests';
      } else if (money !== undefined) {
        role = 'cost';
      } else if (COST_NAME.test(display) || COST_NAME.test(field.labels?.__name__ ?? '')) {
        role = 'cost';
      }
      if (role === null) {
        notes.push(`${display}: neither cost nor requests (name it cost… or request…, or give it a currency or reqps unit) — ignored`);
        continue;
      }
      const sorted = sortedByTime(t, toF64(field.values));
      if (role === 'requests') {
        requests.push({ ...sorted, kind: meta?.requests ?? requestKind(field, display), stepMs: meta?.stepMs });
        continue;
      }
      const currency = meta?.currency ?? money;
      if (currency) {
        if (!currencies.has(currency)) {
          currencies.set(currency, display);
        }
      }
      unit ??= fieldUnit;
      let name = firstLabel(field.labels, groupLabels);
      if (!name) {
        unlabelled++;
        name = `(no ${labelName})`;
      }
      const type = firstLabel(field.labels, TYPE_LABELS);
      const g = groups.get(name) ?? { name, t: new Float64Array(0), rate: new Float64Array(0), types: {}, parts: [] };
      g.parts.push({ t: sorted.t, rate: sorted.v });
      // A fixed colour from the field config (a dashboard's override), the first one of the group.
      if (!g.color && field.config?.color?.mode === 'fixed' && field.config.color.fixedColor) {
        g.color = field.config.color.fixedColor;
      }
      if (type) {
        let sum = 0;
        for (let i = 0; i < sorted.v.length; i++) {
          if (Number.isFinite(sorted.v[i])) {
            sum += sorted.v[i];
          }
        }
        g.types[type] = (g.types[type] ?? 0) + sum;
      }
      groups.set(name, g);
    }
  }
  if (currencies.size > 1) {
    const list = [...currencies].map(([c, where]) => `${c} (${where})`).join(', ');
    return { message: `Mixed currencies: ${list}. Cost in different currencies can't be added up — query one currency (one price book) per panel.` };
  }
  if (groups.size === 0) {
    return {
      message:
        'No cost series. Use the Headroom Cost data source\'s "Cost per request" query, or add a series of money per hour (currency unit, or a name with "cost") next to the request series.',
    };
  }
  if (requests.length === 0) {
    return {
      message:
        'No request series. Use the Headroom Cost data source\'s "Cost per request" query, or add a request series (a name with "request", or unit reqps) next to the cost series.',
    };
  }
  if (unlabelled > 0) {
    notes.push(`${unlabelled} cost series without a ${labelName} label, shown as "(no ${labelName})"`);
  }
  const out: CostGroup[] = [...groups.values()].map((g) => {
    const merged = mergeParts(g.parts);
    return { name: g.name, t: merged.t, rate: merged.rate, types: g.types, ...(g.color ? { color: g.color } : {}) };
  });
  return { currency: currencies.keys().next().value, unit, groups: out, requests, summary, pricing, notes };
}

/** Sums several money-per-hour series of one group on the union of their times (each holding its value). */
export function mergeParts(parts: ReadonlyArray<{ t: Float64Array; rate: Float64Array }>): { t: Float64Array; rate: Float64Array } {
  if (parts.length === 1) {
    return parts[0];
  }
  const same = parts.every((p) => p.t.length === parts[0].t.length && p.t.every((x, i) => x === parts[0].t[i]));
  if (same) {
    const rate = new Float64Array(parts[0].t.length);
    for (const p of parts) {
      for (let i = 0; i < rate.length; i++) {
        const x = p.rate[i];
        if (Number.isFinite(x)) {
          rate[i] += x;
        }
      }
    }
    return { t: parts[0].t, rate };
  }
  const all = new Set<number>();
  for (const p of parts) {
    p.t.forEach((x) => Number.isFinite(x) && all.add(x));
  }
  const t = Float64Array.from([...all].sort((a, b) => a - b));
  const rate = new Float64Array(t.length);
  for (const p of parts) {
    let j = -1;
    for (let k = 0; k < t.length; k++) {
      while (j + 1 < p.t.length && p.t[j + 1] <= t[k]) {
        j++;
      }
      if (j >= 0 && Number.isFinite(p.rate[j])) {
        rate[k] += p.rate[j];
      }
    }
  }
  return { t, rate };
}
