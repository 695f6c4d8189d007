// The time window and step of a query: Grafana's range and interval, a query's minimum interval,
// and the grid Prometheus is queried on.
//
// Edge cases: the step is at least 1 minute (unless the query asks for less, down to 15 s: a
// request counter scraped every 15 s needs a few samples per step for increase()), whole seconds,
// and large enough for at most MAX_POINTS points per series; the grid starts at or before the
// range's start and ends at or after its end (money and requests are integrated over exactly
// [from, to] anyway), so no partial step is lost at either edge.
import { parseDuration } from '../../../core/prometheus/promql';
import { CostQueryError } from './errors';

export const MIN_STEP_MS = 60_000;
export const MIN_EXPLICIT_STEP_MS = 15_000;
export const MAX_POINTS = 50_000;

export interface QueryWindow {
  start: number;
  end: number;
  stepMs: number;
  gridStart: number;
  gridEnd: number;
}

export function queryWindow(fromMs: number, toMs: number, intervalMs: number | undefined, minInterval?: string): QueryWindow {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) {
    throw new CostQueryError(`the time range is empty or invalid (from ${fromMs} to ${toMs}, unix ms)`);
  }
  let floor = MIN_STEP_MS;
  let asked = 0;
  const text = (minInterval ?? '').trim();
  if (text !== '') {
    const ms = parseDuration(text);
    if (ms === null || !(ms > 0)) {
      throw new CostQueryError(`interval "${text}" is not a duration such as 1m, 5m or 1h`);
    }
    asked = ms;
    floor = Math.min(floor, Math.max(MIN_EXPLICIT_STEP_MS, ms));
  }
  let stepMs = Math.max(floor, asked, intervalMs && intervalMs > 0 ? intervalMs : 0, (toMs - fromMs) / MAX_POINTS);
  stepMs = Math.ceil(stepMs / 1000) * 1000;
  const gridStart = Math.floor(fromMs / stepMs) * stepMs;
  const gridEnd = Math.max(gridStart, Math.ceil(toMs / stepMs) * stepMs);
  return { start: fromMs, end: toMs, stepMs, gridStart, gridEnd };
}
