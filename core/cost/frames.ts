// Cost results as plain column frames (no @grafana/data dependency): the datasource wraps them in
// DataFrames, the bench and the CLI use them as they are. One frame per component (or per priced
// series) with a time column (unix ms) and a value column (money per hour).
import { NumericSeries } from '../prometheus/types';
import { COST_LABELS, SERIES_FIELDS } from './contract';
import { CostSeriesResult, sumRates } from './series';

export interface PlainField {
  name: string;
  type: 'time' | 'number' | 'string';
  values: ArrayLike<number> | string[];
  labels?: Record<string, string>;
  unit?: string;
}

export interface PlainFrame {
  name: string;
  refId?: string;
  fields: PlainField[];
  meta?: Record<string, unknown>;
}

export type GroupBy = 'component' | 'type' | 'series' | 'total';

export function costFrames(result: CostSeriesResult, groupBy: GroupBy = 'component', refId?: string): PlainFrame[] {
  const unit = `currency:${result.currency}/h`;
  const frame = (name: string, t: ArrayLike<number>, rate: ArrayLike<number>, labels: Record<string, string>, cost: number): PlainFrame => ({
    name,
    ...(refId ? { refId } : {}),
    fields: [
      { name: SERIES_FIELDS.time, type: 'time', values: t },
      { name: SERIES_FIELDS.cost, type: 'number', values: rate, labels, unit },
    ],
    meta: { custom: { integratedCost: cost, currency: result.currency } },
  });
  if (groupBy === 'total') {
    return [frame('total', result.total.t, result.total.rate, {}, result.total.cost)];
  }
  if (groupBy === 'component') {
    return Object.entries(result.byComponent).map(([component, r]) => frame(component, r.t, r.rate, { [COST_LABELS.component]: component }, r.cost));
  }
  if (groupBy === 'series') {
    return result.series.map((s) => frame(s.key, s.t, s.rate, { [COST_LABELS.component]: s.component, [COST_LABELS.instanceType]: s.type, [COST_LABELS.region]: s.region, ...s.labels }, s.cost));
  }
  // By instance type: series of one type (any component/region) summed.
  const byType = new Map<string, typeof result.series>();
  for (const s of result.series) {
    const list = byType.get(s.type) ?? [];
    list.push(s);
    byType.set(s.type, list);
  }
  return [...byType].map(([type, list]) => {
    if (list.length === 1) {
      return frame(type, list[0].t, list[0].rate, { [COST_LABELS.instanceType]: type }, list[0].cost);
    }
    const summed = sumRates(list);
    return frame(type, summed.t, summed.rate, { [COST_LABELS.instanceType]: type }, summed.cost);
  });
}

/** The parts of a Grafana DataFrame this reads (no @grafana/data import needed). */
export interface FrameLike {
  name?: string;
  fields: ReadonlyArray<{ name: string; type: string; values: ArrayLike<number | null | undefined>; labels?: Record<string, string> }>;
}

/**
 * DataFrames from a Prometheus datasource query (long or wide: each number field is one series,
 * labels on the field) → numeric series for inventoryFromSeries / costPerRequest. Nulls → NaN.
 */
export function seriesFromFrames(frames: readonly FrameLike[]): NumericSeries[] {
  const out: NumericSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === 'time');
    if (!time) {
      continue;
    }
    const n = time.values.length;
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = time.values[i];
      t[i] = x === null || x === undefined ? NaN : x;
    }
    for (const f of frame.fields) {
      if (f.type !== 'number') {
        continue;
      }
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = f.values[i];
        v[i] = x === null || x === undefined ? NaN : x;
      }
      out.push({ labels: { ...(f.labels ?? {}) }, t, v });
    }
  }
  return out;
}
