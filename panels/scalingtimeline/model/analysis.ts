import { DataFrame } from '@grafana/data';
import {
  analyzeFrames,
  DEFAULT_ROLE_MATCHERS,
  FrameAnalysis,
  parseRefIdRoles,
  Role,
  RoleMatcher,
  ScalingWarning,
  WorkloadResult,
} from '../../../core/scaling';
import { ScalingTimelineOptions } from '../types';
import { NO_DATA } from '../../../ui/noData';

const roleOptions: Array<[Role, keyof ScalingTimelineOptions]> = [
  ['current', 'currentMatcher'],
  ['desired', 'desiredMatcher'],
  ['min', 'minMatcher'],
  ['max', 'maxMatcher'],
  ['utilisation', 'utilisationMatcher'],
  ['target', 'targetMatcher'],
];

/**
 * Role matchers from the panel options: the query roles ("A=current, F=target") are explicit and
 * win over any name; a non-empty role option replaces that role's built-in matchers with a
 * case-insensitive regular expression on the series name or its legend.
 * Edge cases: an invalid expression or query-role entry is reported (and that role keeps the
 * built-in matchers); a role with only a query role keeps its built-in name matchers for the
 * series of other queries.
 */
export function roleOverrides(options: ScalingTimelineOptions): { roles: Partial<Record<Role, RoleMatcher[]>>; problems: string[] } {
  const byName: Partial<Record<Role, RoleMatcher[]>> = {};
  const pinned = parseRefIdRoles(String(options.queryRoles ?? ''));
  const problems: string[] = [...pinned.problems];
  for (const [role, key] of roleOptions) {
    const text = String(options[key] ?? '').trim();
    if (!text) continue;
    try {
      byName[role] = [{ name: new RegExp(text, 'i') }];
    } catch {
      problems.push(`The ${role} matcher "${text}" is not a valid regular expression; using the built-in names.`);
    }
  }
  const roles: Partial<Record<Role, RoleMatcher[]>> = { ...byName };
  for (const [role, pins] of Object.entries(pinned.roles) as Array<[Role, RoleMatcher[]]>) {
    roles[role] = [...pins, ...(byName[role] ?? DEFAULT_ROLE_MATCHERS[role])];
  }
  return { roles, problems };
}

export interface PanelTotals {
  events: number;
  workloadsAtMax: number;
  timeAtMaxMs: number | null;
  slowestReactionMs: number | null;
  flaps: number;
  replicaHours: number;
}

/** Sums across rows for the header when several workloads are shown. */
export function totals(rows: WorkloadResult[]): PanelTotals {
  let events = 0;
  let workloadsAtMax = 0;
  let timeAtMaxMs: number | null = null;
  let slowest: number | null = null;
  let flaps = 0;
  let replicaHours = 0;
  for (const r of rows) {
    const s = r.analysis.summary;
    events += s.events;
    flaps += s.flaps;
    replicaHours += Number.isFinite(s.replicaHours) ? s.replicaHours : 0;
    if (s.timeAtMaxMs !== null) {
      timeAtMaxMs = (timeAtMaxMs ?? 0) + s.timeAtMaxMs;
      if (s.timeAtMaxMs > 0) workloadsAtMax++;
    }
    if (s.slowestReactionMs !== null) slowest = Math.max(slowest ?? 0, s.slowestReactionMs);
  }
  return { events, workloadsAtMax, timeAtMaxMs, slowestReactionMs: slowest, flaps, replicaHours };
}

export interface ScalingView {
  analysis: FrameAnalysis;
  problems: string[];
  warnings: ScalingWarning[];
}

/**
 * Frames and options → the analysed workloads (capped at maxRows), or "No data".
 * `defaultUnit` is the panel's fieldConfig.defaults.unit: it decides the utilisation's scale
 * ("percentunit" ×100, "percent" ×1) when the field has no unit of its own (Grafana has usually
 * copied it onto the field already; a field override or the data source's unit wins over it).
 */
export function scalingView(
  frames: DataFrame[],
  options: ScalingTimelineOptions,
  rangeEndMs: number,
  defaultUnit?: string
): ScalingView | { message: string } {
  const { roles, problems } = roleOverrides(options);
  const label = options.workloadLabel?.trim();
  const analysis = analyzeFrames(frames, {
    roles,
    workloadLabels: label ? [label] : undefined,
    cap: Math.max(1, Math.min(500, Math.round(options.maxRows) || 50)),
    rangeEndMs,
    cooldownMs: Math.max(0, options.cooldownSeconds) * 1000,
    flapWindowMs: Math.max(0, options.flapWindowSeconds) * 1000,
    scaleDownBelow: options.scaleDownBelow > 0 ? options.scaleDownBelow : undefined,
    defaults: defaultUnit ? { unit: defaultUnit } : undefined,
  });
  if (analysis.workloads.length === 0) {
    return { message: NO_DATA };
  }
  return { analysis, problems, warnings: analysis.warnings };
}
