import { DataFrame, FieldType, rangeUtil } from '@grafana/data';
import { CapacityForecastOptions } from '../types';
import { NO_DATA } from '../../../ui/noData';

/** The series to forecast and the capacity to hold it against. */
export interface ForecastInputs {
  /** Unix seconds, ascending. */
  t: Float64Array;
  values: Float64Array;
  /** What the forecast series is ("requests", or "sum of 3 series"). */
  label: string;
  unit?: string;
  /** Capacity per time when it comes from a query (drawn as a line), else null. */
  capacitySeries: { t: Float64Array; values: Float64Array } | null;
  /** The capacity the forecast is measured against (fixed, or the capacity query's last value), or null. */
  capacity: number | null;
}

interface NumericSeries {
  refId?: string;
  name: string;
  t: Float64Array;
  values: Float64Array;
  unit?: string;
}

function numericSeries(frames: DataFrame[]): NumericSeries[] {
  const out: NumericSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) continue;
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) continue;
      out.push({
        refId: frame.refId,
        name: field.config?.displayNameFromDS ?? field.config?.displayName ?? frame.name ?? field.name,
        t: Float64Array.from(time.values as ArrayLike<number>, (ms) => ms / 1000),
        values: Float64Array.from(field.values as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : NaN)),
        unit: field.config?.unit,
      });
    }
  }
  return out;
}

/**
 * Several series summed on their common timestamps (capacity planning is about the total).
 * Edge cases: a timestamp missing from some series sums the ones present; NaN addends are skipped;
 * a time where every addend is NaN stays NaN (a gap the forecaster imputes).
 */
function sumSeries(series: NumericSeries[]): { t: Float64Array; values: Float64Array } {
  if (series.length === 1) return { t: series[0].t, values: series[0].values };
  const sums = new Map<number, number>();
  for (const s of series) {
    for (let i = 0; i < s.t.length; i++) {
      const v = s.values[i];
      const prev = sums.get(s.t[i]);
      if (prev === undefined) sums.set(s.t[i], v);
      else if (!Number.isNaN(v)) sums.set(s.t[i], Number.isNaN(prev) ? v : prev + v);
    }
  }
  const t = Float64Array.from(sums.keys()).sort();
  return { t, values: Float64Array.from(t, (x) => sums.get(x)!) };
}

function lastFinite(values: ArrayLike<number>): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return null;
}

/** Reads the forecast series and the capacity from the panel's frames, or says what is missing. */
export function forecastInputs(frames: DataFrame[], options: CapacityForecastOptions): ForecastInputs | { message: string } {
  const all = numericSeries(frames);
  const fromQuery = options.capacitySource === 'query';
  const capacityParts = fromQuery ? all.filter((s) => s.refId === options.capacityRefId) : [];
  const parts = fromQuery ? all.filter((s) => s.refId !== options.capacityRefId) : all;
  if (parts.length === 0) {
    return { message: all.length === 0 ? NO_DATA : `Every series comes from the capacity query (${options.capacityRefId}): add a query for the series to forecast.` };
  }
  const units = Array.from(new Set(parts.map((s) => s.unit).filter(Boolean)));
  if (units.length > 1) {
    return { message: `The series have different units (${units.join(', ')}): forecast one kind of series per panel.` };
  }
  let capacity: number | null = null;
  let capacitySeries: ForecastInputs['capacitySeries'] = null;
  if (fromQuery) {
    if (capacityParts.length === 0) {
      return { message: `No capacity: the query with refId ${options.capacityRefId} returned no series.` };
    }
    capacitySeries = sumSeries(capacityParts);
    capacity = lastFinite(capacitySeries.values);
    if (capacity === null) return { message: `The capacity query (${options.capacityRefId}) has no numeric values in this range.` };
  } else if (Number.isFinite(options.capacity) && options.capacity > 0) {
    capacity = options.capacity;
  }
  const total = sumSeries(parts);
  return {
    ...total,
    label: parts.length === 1 ? parts[0].name : `sum of ${parts.length} series`,
    unit: units[0],
    capacity,
    capacitySeries,
  };
}

/** The panel's budget of forecast points: a year at 5-minute steps. */
export const MAX_PANEL_POINTS = 106_000;

/**
 * Horizon option ("7d", "12h", "365d") in points at the series' step. Edge cases: an unreadable
 * duration → an error naming it; at least 1 point; at most MAX_PANEL_POINTS (a year at 5 minutes).
 */
export function horizonPoints(horizon: string, stepSeconds: number): number | { message: string } {
  let seconds: number;
  try {
    seconds = rangeUtil.intervalToSeconds(horizon.trim());
  } catch {
    return { message: `Horizon "${horizon}" is not a duration like 7d or 12h.` };
  }
  if (!(seconds > 0) || !(stepSeconds > 0)) return { message: `Horizon "${horizon}" is not a positive duration.` };
  return Math.min(MAX_PANEL_POINTS, Math.max(1, Math.round(seconds / stepSeconds)));
}

/** Season option → the forecaster's: "auto", "none", or seconds (also "1d", "12h"). */
export function seasonOption(season: string): 'auto' | 'none' | number | { message: string } {
  const s = season.trim().toLowerCase();
  if (s === '' || s === 'auto') return 'auto';
  if (s === 'none') return 'none';
  const n = /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (n > 0) return n;
  try {
    const seconds = rangeUtil.intervalToSeconds(s);
    if (seconds > 0) return seconds;
  } catch {
    // falls through to the message
  }
  return { message: `Season "${season}" must be auto, none, or a cycle like 86400 or 1d.` };
}

/** The step of a series in seconds: the median spacing (what the forecaster uses too). */
export function medianStep(t: ArrayLike<number>): number {
  const gaps: number[] = [];
  for (let i = 1; i < t.length; i++) if (t[i] > t[i - 1]) gaps.push(t[i] - t[i - 1]);
  if (gaps.length === 0) return NaN;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/**
 * Growth scenarios option ("0, 50, 100", "%" allowed) → percents per year, in the order given, each
 * once. Edge cases: empty → []; a rate at or below -100 % or not a number → an error naming it.
 */
export function scenarioPercents(text: string | undefined): number[] | { message: string } {
  const parts = (text ?? '').split(',').map((p) => p.trim().replace(/%$/, '').trim()).filter((p) => p !== '');
  const out: number[] = [];
  for (const p of parts) {
    const v = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(p) ? Number(p) : NaN;
    if (!(v > -100)) return { message: `Growth scenario "${p}" must be a yearly rate in percent above -100, like 0, 50, 100.` };
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
