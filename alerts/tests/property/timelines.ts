// Random incident timelines for the property test of the rules pack (pages.test.ts): each one a
// service's request counters, minute by minute, and the ground truth of whether a page is due.
//
// The ground truth is the on-call policy, not the rules: a total outage at any traffic from
// 0.05 req/s up must page within 5 minutes; a heavy burn (20-60 % of requests failing at 1 req/s
// or more, with an hour of history) within 15 minutes; a short low blip (<= 1 % failing, <= 40
// minutes, also right after a restart with empty data), a few failing requests after an idle
// hour and more, isolated failures at 0.05-0.09 req/s, and a target that vanishes page nobody.
// The parameters stay clear of the lines on purpose (a property test of "fires iff due" needs a
// truth that is not itself a threshold call), and everything is drawn from a seed.
import { uniform } from '../../../stack/simulator/prng';

/** Minutes of data per timeline (samples 0..LENGTH, one a minute). */
export const LENGTH = 150;

export const KINDS = ['outage', 'burn', 'blip', 'idle-failures', 'low-noise', 'vanish'] as const;
export type Kind = (typeof KINDS)[number];

export interface Timeline {
  service: string;
  kind: Kind;
  /** A page must fire (by `deadline`), or no page may fire at all. */
  due: boolean;
  /** Minute by which a page must be firing (due timelines only). */
  deadline?: number;
  /** Requests per second while the service has traffic. */
  rps: number;
  /** First minute with data: Prometheus (re)started with an empty TSDB, or the service is new. */
  start: number;
  /** The event: failures in the minutes after `eventAt`, for `eventLen` minutes. */
  eventAt: number;
  eventLen: number;
  /** Share of failing requests during the event (blip, burn, outage). */
  share: number;
  /** Whether the 5xx series exists (at 0) before the first failure, as an initialised counter. */
  errorSeriesEarly: boolean;
  /** Cumulative successful and failed requests per minute; null = no sample ('_'), NaN = stale marker. */
  ok: (number | null)[];
  err: (number | null)[];
}

/** A seeded draw: each (seed, timeline, field) is one fixed number. */
function drawer(seed: number, index: number) {
  let field = 0;
  const u = () => uniform(seed, 17, index, field++);
  return {
    between: (lo: number, hi: number) => lo + (hi - lo) * u(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * u()),
    logBetween: (lo: number, hi: number) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * u()),
    chance: (p: number) => u() < p,
  };
}

/**
 * Requests in minute k (the minute ending at sample k): whole requests, their running total
 * floor(rps * 60 * k), so that a rate such as 0.07 req/s gives 4 or 5 a minute.
 */
const requestsIn = (rps: number, k: number): number => Math.floor(rps * 60 * k) - Math.floor(rps * 60 * (k - 1));

interface Shape {
  /** Requests per second in minute k (0 = idle). */
  rpsAt: (k: number) => number;
  /** Failing requests among n in minute k (given the failures so far in the event). */
  failing: (k: number, n: number, eventTotal: number, eventFailed: number) => number;
  /** Last minute with a sample (later: a stale marker, then nothing). */
  end: number;
}

/** Counters from a shape: cumulative ok and err per sample, '_' before `start`. */
function counters(t: Pick<Timeline, 'start' | 'errorSeriesEarly'>, shape: Shape): { ok: (number | null)[]; err: (number | null)[] } {
  const ok: (number | null)[] = [];
  const err: (number | null)[] = [];
  let okSum = 0;
  let errSum = 0;
  let eventTotal = 0;
  for (let k = 0; k <= LENGTH; k++) {
    if (k < t.start) {
      ok.push(null);
      err.push(null);
      continue;
    }
    if (k > shape.end + 1) {
      ok.push(null);
      err.push(null);
      continue;
    }
    if (k === shape.end + 1) {
      ok.push(NaN);
      err.push(errSum > 0 || t.errorSeriesEarly ? NaN : null);
      continue;
    }
    if (k > t.start) {
      const n = requestsIn(shape.rpsAt(k), k);
      const f = Math.min(n, shape.failing(k, n, eventTotal, errSum));
      eventTotal += n;
      okSum += n - f;
      errSum += f;
    }
    ok.push(okSum);
    err.push(errSum > 0 || t.errorSeriesEarly ? errSum : null);
  }
  return { ok, err };
}

/** The n-th timeline of a seed. */
export function timeline(seed: number, index: number): Timeline {
  const d = drawer(seed, index);
  // Kinds in turn, and every other round of them at the low end (a low-traffic outage, a blip
  // right after a restart), so that any 12 timelines cover each case.
  const kind = KINDS[index % KINDS.length];
  const lowRound = Math.floor(index / KINDS.length) % 2 === 0;
  const service = `prop-${index}-${kind}`;
  const errorSeriesEarly = d.chance(0.5);
  const inEvent = (k: number, at: number, len: number) => k > at && k <= at + len;
  const shareOf = (share: number) => (k: number, n: number, total: number, failed: number) =>
    // cumulative rounding: the failures so far are floor(share x requests so far in the event)
    Math.floor(share * (total + n)) - failed;

  switch (kind) {
    case 'outage': {
      const rps = lowRound ? d.between(0.05, 0.1) : d.logBetween(0.1, 20);
      const start = d.chance(0.3) ? d.int(1, 60) : 0;
      const eventAt = start + d.int(5, 60);
      const eventLen = d.int(10, 40);
      const t = { service, kind, due: true, deadline: eventAt + 5, rps, start, eventAt, eventLen, share: 1, errorSeriesEarly };
      return { ...t, ...counters(t, { rpsAt: () => rps, failing: (k, n) => (inEvent(k, eventAt, eventLen) ? n : 0), end: LENGTH }) };
    }
    case 'burn': {
      const rps = d.logBetween(1, 20);
      const start = d.int(0, 30);
      const eventAt = start + d.int(60, 80);
      const eventLen = d.int(20, 40);
      const share = d.between(0.2, 0.6);
      const t = { service, kind, due: true, deadline: eventAt + 15, rps, start, eventAt, eventLen, share, errorSeriesEarly };
      const fail = shareOf(share);
      return { ...t, ...counters(t, { rpsAt: () => rps, failing: (k, n, tot, f) => (inEvent(k, eventAt, eventLen) ? fail(k, n, tot, f) : 0), end: LENGTH }) };
    }
    case 'blip': {
      const rps = d.logBetween(0.2, 20);
      const start = lowRound ? d.int(1, 110) : 0;
      const eventAt = start + d.int(0, 20);
      const eventLen = d.int(5, 40);
      const share = d.between(0.002, 0.01);
      const t = { service, kind, due: false, rps, start, eventAt, eventLen, share, errorSeriesEarly };
      const fail = shareOf(share);
      return { ...t, ...counters(t, { rpsAt: () => rps, failing: (k, n, tot, f) => (inEvent(k, eventAt, eventLen) ? fail(k, n, tot, f) : 0), end: LENGTH }) };
    }
    case 'idle-failures': {
      // 20 minutes of clean traffic, idle from then on, then 1-4 failing requests in one minute
      // after at least 100 idle minutes (below the outage path's floor of 5)
      const rps = d.between(0.05, 1);
      const eventAt = d.int(120, 140);
      const failures = d.int(1, 4);
      const t = { service, kind, due: false, rps, start: 0, eventAt, eventLen: 1, share: 1, errorSeriesEarly };
      return {
        ...t,
        ...counters(t, {
          rpsAt: (k) => (k <= 20 ? rps : k === eventAt + 1 ? failures / 60 : 0),
          failing: (k, n) => (k === eventAt + 1 ? n : 0),
          end: LENGTH,
        }),
      };
    }
    case 'low-noise': {
      // 0.05-0.09 req/s, one failing request every 10-20 minutes
      const rps = d.between(0.05, 0.09);
      const every = d.int(10, 20);
      const t = { service, kind, due: false, rps, start: 0, eventAt: 0, eventLen: LENGTH, share: 0, errorSeriesEarly };
      return { ...t, ...counters(t, { rpsAt: () => rps, failing: (k, n) => (k % every === 0 && n > 0 ? 1 : 0), end: LENGTH }) };
    }
    case 'vanish': {
      // clean traffic, then the target vanishes (a stale marker, then nothing)
      const rps = d.logBetween(0.1, 20);
      const eventAt = d.int(40, 140);
      const t = { service, kind, due: false, rps, start: 0, eventAt, eventLen: LENGTH - eventAt, share: 0, errorSeriesEarly };
      return { ...t, ...counters(t, { rpsAt: () => rps, failing: () => 0, end: eventAt }) };
    }
  }
}

/** `count` timelines of a seed. */
export function timelines(seed: number, count: number): Timeline[] {
  return Array.from({ length: count }, (_, i) => timeline(seed, i));
}
