import type { Reaction, ReactionResult, ScaleEvent, Series } from './types';
import type { MetricView } from './types';
import { lastAtOrBefore } from '../series/search';

export interface ReactionOptions {
  /**
   * Re-arm only after the metric falls to target − hysteresis (target units), so noise around
   * the target is not a series of crossings. Default 0.
   */
  hysteresis?: number;
  /** End of data for 'pending' waits; default the last metric sample time. */
  endMs?: number;
  /** Current replicas and max aligned onto its times, to tell 'blocked' (already at max). */
  current?: Series | null;
  max?: Float64Array | null;
}

/**
 * Reaction delay: for each upward crossing of the target (first sample above, after having been at
 * or below), the time until the first scale-up at or after it and before the next crossing.
 * Edge cases: a metric that starts above target has no crossing (its start is unknown); samples
 * with unknown target neither arm nor cross; no up event in the episode → 'blocked' if replicas
 * were already at max at the crossing, else 'subsided' if the metric went back below, else
 * 'pending' (still above at end of data, wait reported in longestPendingMs); empty input → none.
 */
export function reactionDelays(
  metric: MetricView,
  events: readonly ScaleEvent[],
  opts: ReactionOptions = {}
): ReactionResult {
  const hyst = opts.hysteresis && opts.hysteresis > 0 ? opts.hysteresis : 0;
  const { t, v } = metric.s;
  const target = metric.target;
  const n = t.length;
  // Pass 1: crossing sample indexes.
  const crossings: number[] = [];
  let armed = false;
  for (let j = 0; j < n; j++) {
    const tg = target[j];
    if (Number.isNaN(tg)) continue;
    if (v[j] > tg) {
      if (armed) {
        crossings.push(j);
        armed = false;
      }
    } else if (v[j] <= tg - hyst) {
      armed = true;
    }
  }
  const endMs = opts.endMs ?? (n > 0 ? t[n - 1] : 0);
  const reactions: Reaction[] = [];
  let slowest: Reaction | null = null;
  let longestPending: number | null = null;
  let e = 0;
  for (let k = 0; k < crossings.length; k++) {
    const j = crossings[k];
    const tc = t[j];
    const nextIdx = k + 1 < crossings.length ? crossings[k + 1] : n;
    const tn = k + 1 < crossings.length ? t[nextIdx] : Infinity;
    while (e < events.length && (events[e].t < tc || events[e].direction !== 'up')) e++;
    const ev = e < events.length && events[e].t < tn ? events[e] : null;
    let r: Reaction;
    if (ev) {
      r = { crossingT: tc, riseT: ev.t, delayMs: ev.t - tc, outcome: 'reacted' };
      if (!slowest || (r.delayMs as number) > (slowest.delayMs as number)) slowest = r;
    } else if (atMaxAt(tc, opts.current ?? null, opts.max ?? null)) {
      r = { crossingT: tc, riseT: null, delayMs: null, outcome: 'blocked' };
    } else if (wentBelow(metric, j + 1, nextIdx)) {
      r = { crossingT: tc, riseT: null, delayMs: null, outcome: 'subsided' };
    } else {
      r = { crossingT: tc, riseT: null, delayMs: null, outcome: 'pending' };
      const wait = endMs - tc;
      if (longestPending === null || wait > longestPending) longestPending = wait;
    }
    reactions.push(r);
  }
  return { reactions, slowest, longestPendingMs: longestPending };
}

/** Any sample in [from, to) at or below target. */
function wentBelow(m: MetricView, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (m.s.v[j] <= m.target[j]) return true;
  return false;
}

/** Replicas as of `t` are at or above max as of `t` (binary search on current's times). */
function atMaxAt(t: number, current: Series | null, max: Float64Array | null): boolean {
  if (!current || !max) return false;
  const found = lastAtOrBefore(current.t, t);
  return found >= 0 && current.v[found] >= max[found];
}
