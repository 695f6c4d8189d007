import type { FlappingResult, Flap, ScaleEvent } from './types';
import { mergeIntervals } from './intervals';

export const DEFAULT_FLAP_WINDOW_MS = 10 * 60_000;

/**
 * Flapping: an event that reverses the direction of the previous event within `windowMs`.
 * Each reversal is one flap with interval [previous.t, this.t].
 * Edge cases: window ≤ 0/NaN → no flaps; events after a gap still count (their time is the
 * first sample after the gap, so the window is measured conservatively long); same-direction
 * steps (3→5→7) are not flaps; events must be sorted by time.
 */
export function detectFlapping(
  events: readonly ScaleEvent[],
  windowMs: number = DEFAULT_FLAP_WINDOW_MS
): FlappingResult {
  const flaps: Flap[] = [];
  if (windowMs > 0) {
    for (let k = 1; k < events.length; k++) {
      const a = events[k - 1];
      const b = events[k];
      if (a.direction !== b.direction && b.t - a.t <= windowMs) {
        flaps.push({ eventIndex: k, interval: { start: a.t, end: b.t } });
      }
    }
  }
  return {
    count: flaps.length,
    flaps,
    intervals: mergeIntervals(flaps.map((f) => f.interval)),
  };
}
