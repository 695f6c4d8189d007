import type { CooldownResult, ScaleEvent } from './types';
import { mergeIntervals } from './intervals';

export const DEFAULT_COOLDOWN_MS = 3 * 60_000;

/**
 * Cooldown after each event: [t, min(t + cooldownMs, endMs)).
 * Edge cases: cooldownMs ≤ 0 or NaN → no intervals; events at/after endMs give nothing;
 * `eventsInCooldown` counts events that start strictly inside an earlier event's cooldown
 * (a policy that should have waited); events must be sorted by time (as detectScaleEvents gives).
 */
export function cooldownIntervals(
  events: readonly ScaleEvent[],
  endMs: number,
  cooldownMs: number = DEFAULT_COOLDOWN_MS
): CooldownResult {
  if (!(cooldownMs > 0)) {
    return { perEvent: [], intervals: [], eventsInCooldown: 0 };
  }
  const perEvent = [];
  let inCooldown = 0;
  let runningUntil = -Infinity;
  for (const e of events) {
    if (e.t < runningUntil) inCooldown++;
    const end = Math.min(e.t + cooldownMs, endMs);
    runningUntil = Math.max(runningUntil, e.t + cooldownMs);
    if (end > e.t) perEvent.push({ start: e.t, end });
  }
  return { perEvent, intervals: mergeIntervals(perEvent), eventsInCooldown: inCooldown };
}
