import { DataFrame } from '@grafana/data';
import { FORCED_MONOTONIC, prepareColumns } from '../../../core/histogram';
import { columnsModel } from './columnsModel';
import { counterIncreases, hasCounterReset } from '../../../core/series/counter';
import { BucketSeries, bucketSeries } from './bucketSeries';
import { nativeFromCells } from './nativeFromCells';
import { ModelResult } from './types';
import { NO_DATA } from '../../../ui/noData';

export const NOT_A_HISTOGRAM =
  'No histogram buckets in the data: query series with an `le` label, e.g. sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval])), or use the heatmap format.';

/** All timestamps of all series, ascending and distinct; the common case (identical arrays) is one copy. */
function unionTimes(series: BucketSeries[]): Float64Array {
  const first = series[0].times;
  const same = series.every(
    (s) => s.times.length === first.length && s.times[0] === first[0] && s.times[s.times.length - 1] === first[first.length - 1]
  );
  if (same) {
    return Float64Array.from(first);
  }
  const all = new Set<number>();
  for (const s of series) {
    for (let i = 0; i < s.times.length; i++) {
      all.add(s.times[i]);
    }
  }
  return Float64Array.from(all).sort();
}

/** Values of `s` placed on `times` (NaN where the series has no sample). */
function align(s: BucketSeries, times: Float64Array, index: Map<number, number> | null): Float64Array {
  const values = s.counter ? counterIncreases(s.values) : Float64Array.from(s.values);
  if (!index) {
    return values;
  }
  const out = new Float64Array(times.length).fill(NaN);
  for (let i = 0; i < s.times.length; i++) {
    const at = index.get(s.times[i]);
    if (at !== undefined) {
      out[at] = values[i];
    }
  }
  return out;
}

/** NaN-skipping sum into `into` (a cell is NaN only if every addend is). */
function addInto(into: Float64Array, values: Float64Array) {
  for (let t = 0; t < into.length; t++) {
    const v = values[t];
    if (!Number.isNaN(v)) {
      into[t] = Number.isNaN(into[t]) ? v : into[t] + v;
    }
  }
}

function countResets(series: BucketSeries[]): number {
  let resets = 0;
  for (const s of series.filter((x) => x.counter)) {
    if (hasCounterReset(s.values)) resets++;
  }
  return resets;
}

/**
 * Turns Grafana frames into the panel's model, or one clear message. Accepts Grafana's heatmap
 * frames (per-bucket counts), raw `le` series (cumulative rates or increases), raw `_bucket`
 * counters (turned into per-interval increases, reset aware) and heatmap cells (native
 * histograms). Series that differ in labels other than `le` are summed per bucket.
 */
export function latencyModelFromFrames(frames: DataFrame[] | undefined): ModelResult {
  if (!frames || frames.length === 0) {
    return { message: NO_DATA };
  }
  const cells = nativeFromCells(frames);
  if (cells) {
    return cells;
  }
  const { series, skipped, noTime } = bucketSeries(frames);
  if (series.length === 0) {
    return { message: noTime ? 'The histogram has no time field: run the query as a range query.' : NOT_A_HISTOGRAM };
  }
  const units = Array.from(new Set(series.map((s) => s.unit).filter((u): u is string => Boolean(u))));
  if (units.length > 1) {
    return { message: `Buckets have different units (${units.join(', ')}): set one unit for every series.` };
  }
  const warnings: string[] = [];
  const times = unionTimes(series);
  const index = times.length === series[0].times.length && series.every((s) => s.times.length === times.length) ? null : new Map(Array.from(times, (t, i) => [t, i]));

  // Sum every series into its bucket (distinct upper bounds).
  const byBound = new Map<number, Float64Array>();
  const groups = new Set(series.map((s) => s.groupKey));
  for (const s of series) {
    let sum = byBound.get(s.upper);
    if (!sum) {
      sum = new Float64Array(times.length).fill(NaN);
      byBound.set(s.upper, sum);
    }
    addInto(sum, align(s, times, index));
  }
  const uppers = Array.from(byBound.keys()).sort((a, b) => a - b);
  let fields = uppers.map((u) => byBound.get(u)!);
  if (series.some((s) => s.perBucket)) {
    fields = cumulative(fields);
  }
  const view = columnsModel(prepareColumns(uppers, fields));
  const { cols } = view;
  let negative = false;
  const anyFinite = view.counts.some((c) => Number.isFinite(c));
  for (let i = 0; i < cols.merged.length; i++) {
    negative = negative || cols.merged[i] < 0;
  }
  if (!anyFinite) {
    return { message: 'Every bucket value is empty (NaN) in this time range.' };
  }

  if (skipped > 0) {
    warnings.push(`${skipped} series without a readable le bound were left out.`);
  }
  if (groups.size > 1) {
    warnings.push(`${groups.size} histograms summed per bucket (they differ in labels other than le); use sum by (le) to pick one.`);
  }
  if (!cols.layout.hasInf) {
    warnings.push('No +Inf bucket: percentiles are NaN, as histogram_quantile returns.');
  } else if (cols.layout.size < 2) {
    warnings.push('Fewer than two buckets: percentiles are NaN, as histogram_quantile returns.');
  }
  const resets = countResets(series);
  if (resets > 0) {
    warnings.push(`Counter reset in ${resets} bucket series: counted from zero, as rate() does.`);
  }
  let repaired = 0;
  for (let t = 0; t < cols.times; t++) {
    repaired += cols.flags[t] & FORCED_MONOTONIC ? 1 : 0;
  }
  if (repaired > 0) {
    warnings.push(`Buckets were not monotonic at ${repaired} times: repaired as histogram_quantile does.`);
  }
  if (negative) {
    warnings.push('Negative bucket counts in the data.');
  }
  return {
    model: {
      times,
      ...view,
      valueKind: series.every((x) => x.kind === series[0].kind) ? series[0].kind : 'unknown',
      unit: units[0],
      warnings,
    },
  };
}

/** Per-bucket counts (ascending bounds) → cumulative; a NaN makes every higher bucket NaN. */
function cumulative(fields: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  let running: Float64Array | null = null;
  for (const f of fields) {
    const next: Float64Array = new Float64Array(f.length);
    for (let t = 0; t < f.length; t++) {
      next[t] = (running ? running[t] : 0) + f[t];
    }
    out.push(next);
    running = next;
  }
  return out;
}
