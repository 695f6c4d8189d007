import { formatDuration, formatWithUnit, ScaleEvent, WorkloadAnalysis } from '../../../core/scaling';
import { lastAtOrBefore } from '../../../core/series/search';

/** The event drawn within `tolerancePx` of pixel x, nearest first, or null. */
export function eventNear(events: ScaleEvent[], px: number, toX: (t: number) => number, tolerancePx = 6): ScaleEvent | null {
  let best: ScaleEvent | null = null;
  let bestD = tolerancePx;
  for (const e of events) {
    const d = Math.abs(toX(e.t) - px);
    if (d <= bestD) {
      best = e;
      bestD = d;
    }
  }
  return best;
}

export function eventLines(e: ScaleEvent, when: (ms: number) => string): string[] {
  const lines = [`${when(e.t)} scale ${e.direction} ${e.from} → ${e.to}`, e.reason.text];
  if (e.hitMax) lines.push(e.desired !== null && e.desired > e.to ? `hit max (desired ${e.desired})` : 'hit max');
  if (e.hitMin) lines.push('at min');
  if (e.afterGap) lines.push('changed during a gap in the data');
  return lines;
}

/** What the row shows at time t: replicas, desired, limits, utilisation vs target. */
export function sampleLines(a: WorkloadAnalysis, t: number, when: (ms: number) => string): string[] | null {
  const i = lastAtOrBefore(a.current.t, t);
  if (i < 0 || t - a.current.t[i] > a.maxGapMs) return null;
  const lines = [when(a.current.t[i]), `replicas ${a.current.v[i]}${a.desired && Number.isFinite(a.desired[i]) ? ` (desired ${a.desired[i]})` : ''}`];
  const min = a.min?.[i];
  const max = a.max?.[i];
  if (Number.isFinite(min) || Number.isFinite(max)) lines.push(`min ${Number.isFinite(min) ? min : '?'} · max ${Number.isFinite(max) ? max : '?'}`);
  if (a.metric) {
    const j = lastAtOrBefore(a.metric.s.t, t);
    if (j >= 0) {
      const target = a.metric.target[j];
      const unit = a.metric.unit;
      lines.push(`${a.metric.name} ${formatWithUnit(a.metric.s.v[j], unit)}${Number.isFinite(target) ? ` vs target ${formatWithUnit(target, unit)}` : ''}`);
    }
  }
  const cooling = a.cooldown.perEvent.find((iv) => t >= iv.start && t < iv.end);
  if (cooling) lines.push(`cooldown, ${formatDuration(cooling.end - t)} left`);
  return lines;
}
