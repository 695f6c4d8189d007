// Cost over time: inventory series (counts, GB, GB/h) × price book × pricing mix → money per hour.
//
// costSeries(inventory, book, mix) prices every series on its own (a series the book can't price is
// dropped with a warning that names it — the other series are unaffected), then sums them per
// component and in total on a common time grid.
//
// Edge cases:
// - Component: the series' own, else the price book entry's hint, else 'compute' (instances),
//   'storage' or 'network'.
// - Series on a common step grid (a Prometheus range query) are summed by index: the fast path.
//   Irregular series are summed on the union of their timestamps, each holding its last value for
//   at most its hold time (see integrate.ts), so sums match the per-series integrals.
// - Storage GB-month prices become hourly as perGbMonth / 730; network per-GB prices apply to GB/h.
import { HOURS_PER_MONTH, CostWarning, InventorySeries, Mix, PriceBook, TimeWindow } from './types';
import { indexPriceBook } from './lookup';
import { mixRate } from './rates';
import { defaultMaxHold, holdWeights, integrateStep, integrateWeighted, MS_PER_HOUR } from './integrate';

export interface CostSeriesOptions {
  /** How long a sample may hold before the series counts as absent (ms); default per series. */
  maxHoldMs?: number;
  /** Integrate `cost` over this window only (the series are returned whole). */
  window?: TimeWindow;
}

export interface PricedSeries {
  /** `component/type/region`, unique per priced series unless the inventory repeats itself. */
  key: string;
  kind: 'instance' | 'storage' | 'network';
  component: string;
  type: string;
  region: string;
  labels: Record<string, string>;
  /** Blended price of one unit per hour (instance, GB stored, GB/h transferred). */
  unitHourly: number;
  t: Float64Array;
  /** Units at each sample (instances, GB, GB/h), as given. */
  v: Float64Array;
  /** Money per hour at each sample (v × unitHourly; computed on first read). */
  readonly rate: Float64Array;
  /** Integrated money over the window (or the whole series). */
  cost: number;
  /** Integrated units × hours (instance-hours, GB-hours). */
  unitHours: number;
  maxHoldMs: number;
}

/** A series sumRates can add: money/h as `rate`, or as units `v` × `unitHourly` (no copy). */
export interface SummableSeries {
  t: Float64Array;
  cost: number;
  maxHoldMs: number;
  rate?: Float64Array;
  v?: Float64Array;
  unitHourly?: number;
}

export interface RateSeries {
  t: Float64Array;
  rate: Float64Array;
  cost: number;
}

export interface CostSeriesResult {
  currency: string;
  series: PricedSeries[];
  byComponent: Record<string, RateSeries>;
  total: RateSeries;
  warnings: CostWarning[];
}

const toF64 = (a: ArrayLike<number>): Float64Array => (a instanceof Float64Array ? a : Float64Array.from(a));

function subject(s: InventorySeries, region: string): string {
  return `${s.type}/${region}${s.component ? ` (${s.component})` : ''}`;
}

/** Prices each inventory series and sums them per component and in total. */
export function costSeries(inventory: readonly InventorySeries[], book: PriceBook, mix: Mix = {}, opts: CostSeriesOptions = {}): CostSeriesResult {
  const index = indexPriceBook(book);
  const warnings: CostWarning[] = [];
  const series: PricedSeries[] = [];
  const fallbackSeen = new Set<string>();
  // Series of one range query share their time array (core/prometheus/seriesSink.ts): their hold
  // time and hold weights are worked out once.
  const byTimes = new Map<Float64Array, { maxHoldMs: number; weights: Map<number, Float64Array> }>();
  for (const inv of inventory) {
    const kind = inv.kind ?? 'instance';
    const region = inv.region && inv.region !== '' ? inv.region : book.defaultRegion;
    let unitHourly: number;
    let component: string;
    if (kind === 'instance') {
      const entry = index.instance(inv.type, region);
      if (!entry) {
        warnings.push({ subject: subject(inv, region), message: index.explainMissing('instance', inv.type, region) });
        continue;
      }
      const m = mixRate(entry, mix);
      unitHourly = m.hourly;
      component = inv.component || entry.component || 'compute';
      const fbKey = `${entry.type}/${entry.region}`;
      if (!fallbackSeen.has(fbKey)) {
        fallbackSeen.add(fbKey);
        for (const model of m.fallbacks) {
          warnings.push({ subject: fbKey, message: `${entry.type} is not sold as ${model} in ${entry.region}: that share stays on demand` });
        }
        for (const s of m.substitutions) {
          warnings.push({ subject: fbKey, message: `${entry.type} has no ${s.model} ${s.asked}-upfront offer: used ${s.used} upfront` });
        }
      }
    } else if (kind === 'storage') {
      const entry = index.storage(inv.type, region);
      if (!entry) {
        warnings.push({ subject: subject(inv, region), message: index.explainMissing('storage', inv.type, region) });
        continue;
      }
      unitHourly = entry.perGbMonth / HOURS_PER_MONTH;
      component = inv.component || 'storage';
    } else {
      const entry = index.network(inv.type, region);
      if (!entry) {
        warnings.push({ subject: subject(inv, region), message: index.explainMissing('network', inv.type, region) });
        continue;
      }
      unitHourly = entry.perGb;
      component = inv.component || 'network';
    }
    const t = toF64(inv.t);
    const n = Math.min(t.length, inv.v.length);
    const tt = n === t.length ? t : t.subarray(0, n);
    const v = toF64(inv.v);
    const vv = n === v.length ? v : v.subarray(0, n);
    let times = byTimes.get(tt);
    if (!times) {
      times = { maxHoldMs: defaultMaxHold(tt), weights: new Map() };
      byTimes.set(tt, times);
    }
    const maxHoldMs = opts.maxHoldMs ?? times.maxHoldMs;
    let weights = times.weights.get(maxHoldMs);
    if (!weights) {
      weights = holdWeights(tt, opts.window?.start, opts.window?.end, maxHoldMs);
      times.weights.set(maxHoldMs, weights);
    }
    const unitHours = integrateWeighted(v, weights);
    series.push(
      priced({
        key: `${component}/${inv.type}/${region}`,
        kind,
        component,
        type: inv.type,
        region,
        labels: { ...(inv.labels ?? {}) },
        unitHourly,
        t: tt,
        v: vv,
        cost: unitHours * unitHourly,
        unitHours,
        maxHoldMs,
      }),
    );
  }
  const groups = new Map<string, PricedSeries[]>();
  for (const s of series) {
    const g = groups.get(s.component) ?? [];
    g.push(s);
    groups.set(s.component, g);
  }
  const byComponent: Record<string, RateSeries> = {};
  const parts: Array<RateSeries & { maxHoldMs: number }> = [];
  for (const [component, list] of groups) {
    byComponent[component] = sumRates(list);
    let maxHoldMs = -Infinity; // a loop, not Math.max over a spread list: a component may have 100 000+ series
    for (const s of list) {
      maxHoldMs = s.maxHoldMs > maxHoldMs ? s.maxHoldMs : maxHoldMs;
    }
    parts.push({ ...byComponent[component], maxHoldMs });
  }
  // The total sums the few component sums, not every series again.
  const total = parts.length === 1 ? byComponent[groups.keys().next().value as string] : sumRates(parts);
  return { currency: book.currency, series, byComponent, total, warnings };
}

/** A PricedSeries whose `rate` array is only built when someone reads it (frames per series). */
function priced(p: Omit<PricedSeries, 'rate'>): PricedSeries {
  let rate: Float64Array | undefined;
  return Object.defineProperty(p, 'rate', {
    enumerable: true,
    get: () => (rate ??= scaled(p.v, p.v.length, p.unitHourly)),
  }) as PricedSeries;
}

/** v × k for the first n values; NaN where v isn't finite. */
function scaled(v: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    out[i] = x - x === 0 ? x * k : NaN;
  }
  return out;
}

/**
 * Sums priced series into one rate series. A common grid (same first timestamp modulo the step,
 * one step for all) is summed by index; anything else on the union of timestamps.
 */
export function sumRates(list: readonly SummableSeries[]): RateSeries {
  const cost = list.reduce((a, s) => a + s.cost, 0);
  if (list.length === 0) {
    return { t: new Float64Array(0), rate: new Float64Array(0), cost: 0 };
  }
  const grid = commonGrid(list);
  if (grid) {
    const { start, step, length } = grid;
    const t = new Float64Array(length);
    const rate = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      t[i] = start + i * step;
    }
    for (const s of list) {
      const off = Math.round((s.t[0] - start) / step);
      const src = s.v ?? (s.rate as Float64Array);
      const k = s.v ? (s.unitHourly as number) : 1;
      const n = Math.min(src.length, s.t.length);
      for (let i = 0; i < n; i++) {
        const x = src[i];
        if (x - x === 0) {
          rate[off + i] += x * k;
        }
      }
    }
    return { t, rate, cost };
  }
  return sumOnUnion(list, cost);
}

/** A grid every series sits on contiguously (no missing samples), or null. */
function commonGrid(list: readonly Pick<PricedSeries, 't'>[]): { start: number; step: number; length: number } | null {
  let step = 0;
  let start = Infinity;
  let end = -Infinity;
  for (const s of list) {
    const n = s.t.length;
    if (n === 0) {
      continue;
    }
    if (n > 1) {
      const d = (s.t[n - 1] - s.t[0]) / (n - 1);
      if (step === 0) {
        step = d;
      } else if (Math.abs(d - step) > 1e-6 * step) {
        return null;
      }
    }
    start = Math.min(start, s.t[0]);
    end = Math.max(end, s.t[n - 1]);
  }
  if (!(step > 0) || !Number.isFinite(start)) {
    return null;
  }
  for (const s of list) {
    const n = s.t.length;
    if (n === 0) {
      continue;
    }
    const off = (s.t[0] - start) / step;
    if (Math.abs(off - Math.round(off)) > 1e-6) {
      return null;
    }
    // Contiguous: evenly spaced from first to last, spot-checked at both ends and the middle.
    for (const i of [1, n >> 1, n - 1]) {
      if (i > 0 && i < n && Math.abs(s.t[i] - s.t[0] - i * step) > 1e-6 * step) {
        return null;
      }
    }
  }
  return { start, step, length: Math.round((end - start) / step) + 1 };
}

function sumOnUnion(list: readonly SummableSeries[], cost: number): RateSeries {
  const all: number[] = [];
  for (const s of list) {
    for (let i = 0; i < s.t.length; i++) {
      all.push(s.t[i]);
    }
  }
  all.sort((a, b) => a - b);
  const uniq: number[] = [];
  for (const x of all) {
    if (uniq.length === 0 || uniq[uniq.length - 1] !== x) {
      uniq.push(x);
    }
  }
  const t = Float64Array.from(uniq);
  const rate = new Float64Array(t.length);
  for (const s of list) {
    const src = s.v ?? (s.rate as Float64Array);
    const unit = s.v ? (s.unitHourly as number) : 1;
    let j = 0;
    for (let k = 0; k < t.length; k++) {
      const tk = t[k];
      while (j + 1 < s.t.length && s.t[j + 1] <= tk) {
        j++;
      }
      if (s.t.length === 0 || s.t[j] > tk) {
        continue;
      }
      const isLast = j === s.t.length - 1;
      const holdEnd = isLast ? s.t[j] : s.t[j] + Math.min(s.t[j + 1] - s.t[j], s.maxHoldMs);
      if (tk === s.t[j] || tk < holdEnd) {
        const x = src[j];
        if (x - x === 0) {
          rate[k] += x * unit;
        }
      }
    }
  }
  return { t, rate, cost };
}

/** Money over [start, end] of a rate series (money/h at step-function samples). */
export function integrateRate(r: Pick<RateSeries, 't' | 'rate'>, start?: number, end?: number, maxHoldMs?: number): number {
  return integrateStep(r.t, r.rate, start, end, maxHoldMs);
}

export { MS_PER_HOUR };
