// Cost per request over a window = money spent in the window / requests served in the window.
//
// Both sides are integrals over the same window (money = ∫ cost rate dt, requests = the counter's
// reset-aware increase), NOT a ratio of instant rates: rate(cost)/rate(requests) at one instant
// over-weights quiet moments and under-weights busy ones, while the bill is for the whole window.
//
// Edge cases:
// - Fewer than `minRequests` requests (default 100, where Poisson noise is ±10 %) → status
//   'not_enough_traffic' with the numbers, never Infinity or a huge meaningless price.
// - No cost data in the window → 'no_cost_data'. A window with end <= start → 'empty_window'.
// - `per` scales the answer: cost per 1, per 1 000 or per 1 000 000 requests.
import { CounterSeries, TimeWindow } from './types';
import { CounterIndex, increase } from '../series/counter';
import { lastAtOrBefore } from '../series/search';
import { RateSeries } from './series';
import { defaultMaxHold, MS_PER_HOUR } from './integrate';

export const DEFAULT_MIN_REQUESTS = 100;

export interface CostPerRequestOptions {
  per?: number;
  minRequests?: number;
}

export type CostPerRequest =
  | { status: 'ok'; value: number; per: number; cost: number; requests: number; window: TimeWindow }
  | { status: 'not_enough_traffic'; cost: number; requests: number; minRequests: number; window: TimeWindow; message: string }
  | { status: 'no_cost_data' | 'empty_window'; cost: number; requests: number; window: TimeWindow; message: string };

type CostInput = number | Pick<RateSeries, 't' | 'rate'>;
type RequestInput = number | CounterSeries | readonly CounterSeries[];

function costIn(cost: CostInput, w: TimeWindow): number | null {
  if (typeof cost === 'number') {
    return Number.isFinite(cost) ? cost : null;
  }
  if (cost.t.length === 0) {
    return null;
  }
  const c = new CumulativeCost(cost);
  if (cost.t[cost.t.length - 1] <= w.start || cost.t[0] >= w.end) {
    return null;
  }
  return c.at(w.end) - c.at(w.start);
}

function requestsIn(req: RequestInput, w: TimeWindow): number {
  if (typeof req === 'number') {
    return Number.isFinite(req) ? req : 0;
  }
  const list = Array.isArray(req) ? (req as readonly CounterSeries[]) : [req as CounterSeries];
  return list.reduce((a, s) => a + increase(s, w.start, w.end).increase, 0);
}

/**
 * Cost per request over `window`. `cost` is money already integrated over the window or a rate
 * series (money/h); `requests` an increase already computed, or the raw counter series (summed
 * after each series' own reset handling).
 */
export function costPerRequest(cost: CostInput, requests: RequestInput, window: TimeWindow, opts: CostPerRequestOptions = {}): CostPerRequest {
  const per = opts.per ?? 1;
  const minRequests = opts.minRequests ?? DEFAULT_MIN_REQUESTS;
  if (!(window.end > window.start)) {
    return { status: 'empty_window', cost: 0, requests: 0, window, message: 'the window is empty (end is not after start)' };
  }
  const money = costIn(cost, window);
  const n = requestsIn(requests, window);
  if (money === null) {
    return { status: 'no_cost_data', cost: 0, requests: n, window, message: 'no cost data in the window (is the inventory metric present?)' };
  }
  if (!(n >= minRequests) || n <= 0) {
    return {
      status: 'not_enough_traffic',
      cost: money,
      requests: n,
      minRequests,
      window,
      message: `not enough traffic: ${formatCount(n)} requests in the window, at least ${minRequests} needed for a meaningful cost per request`,
    };
  }
  return { status: 'ok', value: (money / n) * per, per, cost: money, requests: n, window };
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** ∫ rate dt from the first sample up to any time, answered in O(log n) after an O(n) pass. */
export class CumulativeCost {
  private readonly t: ArrayLike<number>;
  private readonly rate: ArrayLike<number>;
  private readonly prefix: Float64Array;
  private readonly hold: number;

  constructor(r: Pick<RateSeries, 't' | 'rate'>, maxHoldMs = defaultMaxHold(r.t)) {
    this.t = r.t;
    this.rate = r.rate;
    this.hold = maxHoldMs;
    const n = r.t.length;
    this.prefix = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      this.prefix[i] = this.prefix[i - 1] + this.piece(i - 1, r.t[i]);
    }
  }

  /** Money from sample i's time up to x (x within sample i's interval). */
  private piece(i: number, x: number): number {
    const y = this.rate[i];
    if (!Number.isFinite(y)) {
      return 0;
    }
    const next = i + 1 < this.t.length ? this.t[i + 1] : this.t[i];
    const holdEnd = this.t[i] + Math.min(next - this.t[i], this.hold);
    const b = Math.min(x, holdEnd);
    return b > this.t[i] ? (y * (b - this.t[i])) / MS_PER_HOUR : 0;
  }

  at(x: number): number {
    const i = lastAtOrBefore(this.t, x);
    if (i < 0) {
      return 0;
    }
    return this.prefix[i] + this.piece(i, x);
  }
}

export interface CostPerRequestSeries {
  t: Float64Array;
  /** Cost per `per` requests over the trailing window ending at t; NaN where not enough traffic. */
  value: Float64Array;
  cost: Float64Array;
  requests: Float64Array;
  /** How many points were NaN for lack of traffic. */
  notEnoughTraffic: number;
}

/**
 * Cost per request over a trailing window of `windowMs` ending at each time of `at` (default: the
 * cost series' own timestamps), for a panel's time series.
 */
export function costPerRequestSeries(
  cost: Pick<RateSeries, 't' | 'rate'>,
  requests: CounterSeries | readonly CounterSeries[],
  windowMs: number,
  opts: CostPerRequestOptions & { at?: ArrayLike<number> } = {},
): CostPerRequestSeries {
  const per = opts.per ?? 1;
  const minRequests = opts.minRequests ?? DEFAULT_MIN_REQUESTS;
  const at = opts.at ?? cost.t;
  const cum = new CumulativeCost(cost);
  const counters = (Array.isArray(requests) ? requests : [requests]) as readonly CounterSeries[];
  const corrected = counters.map((c) => new CounterIndex(c));
  const n = at.length;
  const out: CostPerRequestSeries = {
    t: Float64Array.from(at),
    value: new Float64Array(n),
    cost: new Float64Array(n),
    requests: new Float64Array(n),
    notEnoughTraffic: 0,
  };
  for (let k = 0; k < n; k++) {
    const end = at[k];
    const start = end - windowMs;
    const money = cum.at(end) - cum.at(start);
    let reqs = 0;
    for (const c of corrected) {
      reqs += c.increase(start, end).increase;
    }
    out.cost[k] = money;
    out.requests[k] = reqs;
    if (reqs >= minRequests && reqs > 0) {
      out.value[k] = (money / reqs) * per;
    } else {
      out.value[k] = NaN;
      out.notEnoughTraffic++;
    }
  }
  return out;
}
