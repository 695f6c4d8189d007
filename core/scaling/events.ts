import type { Direction, EventReason, ScaleEvent, Series } from './types';

export const UNKNOWN_REASON: EventReason = Object.freeze({
  kind: 'unknown',
  value: null,
  target: null,
  comparison: null,
  forMs: null,
  consistent: false,
  text: 'no metric data',
}) as EventReason;

export interface EventContext {
  /** gapBefore[i] = 1 when sample i follows a gap (from buildTimeline). */
  gapBefore?: Uint8Array;
  /** Limits/desired aligned onto the series' times (NaN = unknown there), or null. */
  max?: Float64Array | null;
  min?: Float64Array | null;
  desired?: Float64Array | null;
  /** Fills `reason` for each event; default: UNKNOWN_REASON. */
  explain?: (index: number, direction: Direction, from: number, to: number) => EventReason;
}

/**
 * Scale events of an (already rounded) replica series: one per change between consecutive samples.
 * Edge cases: a change across a gap is still an event (flagged `afterGap`, time = first sample
 * after the gap) so sizes always sum to last − first; unknown max/min at that time → hitMax /
 * hitMin null; fewer than two samples → no events. Allocates only per event.
 */
export function detectScaleEvents(s: Series, ctx: EventContext = {}): ScaleEvent[] {
  const { t, v } = s;
  const out: ScaleEvent[] = [];
  for (let i = 1; i < v.length; i++) {
    const from = v[i - 1];
    const to = v[i];
    if (to === from) continue;
    const direction: Direction = to > from ? 'up' : 'down';
    const mx = ctx.max ? ctx.max[i] : NaN;
    const mn = ctx.min ? ctx.min[i] : NaN;
    const ds = ctx.desired ? ctx.desired[i] : NaN;
    out.push({
      t: t[i],
      index: i,
      from,
      to,
      direction,
      size: to - from,
      afterGap: ctx.gapBefore ? ctx.gapBefore[i] === 1 : false,
      hitMax: Number.isNaN(mx) ? null : to >= mx,
      hitMin: Number.isNaN(mn) ? null : to <= mn,
      desired: Number.isNaN(ds) ? null : ds,
      reason: ctx.explain ? ctx.explain(i, direction, from, to) : UNKNOWN_REASON,
    });
  }
  return out;
}

/**
 * Count changes of the rounded replica count without allocating (cheap ranking for the cap).
 * Edge cases: input should be normalised (no NaN); values are rounded like roundReplicas;
 * <2 samples → 0.
 */
export function countChanges(v: ArrayLike<number>): number {
  let c = 0;
  for (let i = 1; i < v.length; i++) if (Math.round(v[i]) !== Math.round(v[i - 1])) c++;
  return c;
}
