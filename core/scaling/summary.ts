import type { AnalysisCore } from './types';
import { formatDuration, formatNumber } from './format';

/** Numbers for the panel's summary header. null = unknown (missing series), not zero. */
export interface ScalingSummary {
  events: number;
  ups: number;
  downs: number;
  /** Events whose change was first seen after a gap. */
  eventsAfterGap: number;
  timeAtMaxMs: number | null;
  /** timeAtMaxMs / covered time (0..1), null when unknown or nothing covered. */
  timeAtMaxRatio: number | null;
  timeAtMinMs: number | null;
  /** False when there is no metric/target to measure reactions against. */
  reactionKnown: boolean;
  /** Slowest reacted crossing (ms) and when its crossing happened. */
  slowestReactionMs: number | null;
  slowestReactionAtMs: number | null;
  /** Longest wait still unanswered at the end of data. */
  pendingReactionMs: number | null;
  /** Crossings that found replicas already at max. */
  blockedAtMax: number;
  flaps: number;
  replicaHours: number;
  meanReplicas: number;
  peakReplicas: number | null;
  firstReplicas: number | null;
  lastReplicas: number | null;
  coveredMs: number;
}

/**
 * Reduce an analysis to header numbers.
 * Edge cases: empty series → zero counts, null replicas, NaN mean; time at max/min stays null
 * when the limit is unknown; reaction fields null when there is no metric/target.
 */
export function summarise(a: AnalysisCore): ScalingSummary {
  let ups = 0;
  let afterGap = 0;
  for (const e of a.events) {
    if (e.direction === 'up') ups++;
    if (e.afterGap) afterGap++;
  }
  const v = a.current.v;
  let peak = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > peak) peak = v[i];
  const covered = a.limits.coveredMs;
  const atMax = a.limits.atMax ? a.limits.atMax.totalMs : null;
  let blocked = 0;
  if (a.reaction) for (const r of a.reaction.reactions) if (r.outcome === 'blocked') blocked++;
  return {
    events: a.events.length,
    ups,
    downs: a.events.length - ups,
    eventsAfterGap: afterGap,
    timeAtMaxMs: atMax,
    timeAtMaxRatio: atMax !== null && covered > 0 ? atMax / covered : null,
    timeAtMinMs: a.limits.atMin ? a.limits.atMin.totalMs : null,
    reactionKnown: a.reaction !== null,
    slowestReactionMs: a.reaction?.slowest?.delayMs ?? null,
    slowestReactionAtMs: a.reaction?.slowest?.crossingT ?? null,
    pendingReactionMs: a.reaction?.longestPendingMs ?? null,
    blockedAtMax: blocked,
    flaps: a.flapping.count,
    replicaHours: a.replicaHours.replicaHours,
    meanReplicas: a.replicaHours.meanReplicas,
    peakReplicas: v.length > 0 ? peak : null,
    firstReplicas: v.length > 0 ? v[0] : null,
    lastReplicas: v.length > 0 ? v[v.length - 1] : null,
    coveredMs: covered,
  };
}

export interface SummaryItem {
  key: 'events' | 'timeAtMax' | 'slowestReaction' | 'flaps' | 'replicaHours';
  label: string;
  text: string;
  /** Optional detail for a tooltip. */
  detail?: string;
}

/**
 * Header items in display order: events, time at max, slowest reaction, flaps, replica-hours.
 * Edge cases: unknowns render as "n/a" with the reason in `detail`.
 */
export function summaryItems(s: ScalingSummary): SummaryItem[] {
  const pct = s.timeAtMaxRatio !== null ? ` (${formatNumber(s.timeAtMaxRatio * 100, 0)} %)` : '';
  let reaction = 'n/a';
  let reactionDetail: string | undefined = 'no metric/target series';
  if (!s.reactionKnown) {
    // defaults above
  } else if (s.slowestReactionMs !== null) {
    reaction = formatDuration(s.slowestReactionMs);
    reactionDetail = undefined;
  } else if (s.pendingReactionMs !== null) {
    reaction = `>${formatDuration(s.pendingReactionMs)}`;
    reactionDetail = 'load above target, no scale-up yet';
  } else if (s.blockedAtMax > 0) {
    reaction = 'at max';
    reactionDetail = 'load crossed the target while already at max';
  } else {
    reaction = '–';
    reactionDetail = 'no crossing of the target';
  }
  return [
    {
      key: 'events',
      label: 'Scale events',
      text: String(s.events),
      detail: `${s.ups} up, ${s.downs} down`,
    },
    {
      key: 'timeAtMax',
      label: 'Time at max',
      text: s.timeAtMaxMs === null ? 'n/a' : formatDuration(s.timeAtMaxMs) + pct,
      detail: s.timeAtMaxMs === null ? 'no max replicas series' : undefined,
    },
    { key: 'slowestReaction', label: 'Slowest reaction', text: reaction, detail: reactionDetail },
    { key: 'flaps', label: 'Flaps', text: String(s.flaps) },
    {
      key: 'replicaHours',
      label: 'Replica-hours',
      text: formatNumber(s.replicaHours, 1),
      detail: Number.isFinite(s.meanReplicas)
        ? `mean ${formatNumber(s.meanReplicas, 1)} replicas`
        : undefined,
    },
  ];
}
