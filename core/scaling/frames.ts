// Adapter from Grafana DataFrames to the pure scaling maths. Types only from @grafana/data,
// so this file adds no runtime dependency.
import type { DataFrame, Field } from '@grafana/data';
import type { SeriesCandidate } from './matchers';
import { groupCandidates, type GroupOptions, type GroupResult } from './grouping';
import { analyzeWorkloads, type ManyOptions, type ManyResult } from './workloads';

/** Field names that say nothing about the metric (Grafana's generic value names). */
const GENERIC_NAMES = new Set(['', 'value', '__value__', 'values']);

function isType(f: Field, t: 'time' | 'number'): boolean {
  return (f.type as string) === t;
}

/**
 * Metric name of a field: `__name__` label, else a non-generic field name, else the frame name,
 * else the datasource display name, else the field name.
 * Edge cases: generic names ("Value") are skipped; never returns undefined.
 */
export function fieldMetricName(frame: DataFrame, field: Field): string {
  const byLabel = field.labels?.__name__;
  if (byLabel) return byLabel;
  if (!GENERIC_NAMES.has(field.name.toLowerCase())) return field.name;
  return frame.name || field.config?.displayNameFromDS || field.config?.displayName || field.name;
}

/**
 * One candidate per numeric field of every frame, paired with the frame's first time field.
 * Works for one-frame-per-series (Prometheus) and wide frames (one time field, many values).
 * Edge cases: frames without a time field or numeric fields are skipped; null values/times stay
 * (the maths drops them); a field's own `labels` plus nothing else form the candidate's labels.
 */
export function framesToCandidates(frames: readonly DataFrame[] | null | undefined): SeriesCandidate[] {
  const out: SeriesCandidate[] = [];
  for (const frame of frames ?? []) {
    const fields = frame?.fields ?? [];
    const time = fields.find((f) => isType(f, 'time'));
    if (!time) continue;
    for (const f of fields) {
      if (f === time || !isType(f, 'number')) continue;
      out.push({
        name: fieldMetricName(frame, f),
        displayName: f.config?.displayNameFromDS || f.config?.displayName || undefined,
        labels: { ...(f.labels ?? {}) },
        refId: frame.refId,
        unit: f.config?.unit,
        t: time.values as ArrayLike<number | null>,
        v: f.values as ArrayLike<number | null>,
      });
    }
  }
  return out;
}

/** Frames → workloads with roles (see groupCandidates for the rules). */
export function groupFrames(frames: readonly DataFrame[] | null | undefined, opts: GroupOptions = {}): GroupResult {
  return groupCandidates(framesToCandidates(frames), opts);
}

export interface FrameAnalysis extends ManyResult {
  /** Notes from grouping (merged duplicates, ignored series). */
  notes: string[];
}

/**
 * Everything the scaling timeline panel needs from query results in one call:
 * frames → candidates → workloads → capped analyses.
 * Edge cases: no frames → zero workloads (the panel shows "no data"); see analyzeWorkloads.
 */
export function analyzeFrames(
  frames: readonly DataFrame[] | null | undefined,
  opts: GroupOptions & ManyOptions = {}
): FrameAnalysis {
  const grouped = groupFrames(frames, opts);
  return { ...analyzeWorkloads(grouped.workloads, opts), notes: grouped.notes };
}
