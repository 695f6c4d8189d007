// Scheduled incidents. Each kind repeats with a fixed period in absolute (unix) time, shifted per
// occurrence by a seeded jitter, so that a few always lie within the last hours of history and keep
// coming in the live data. Every function here is pure in (seed, t).
import { uniform } from './prng';

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { exp, floor, min, round } = Math;

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

export type IncidentKind =
  | 'traffic-spike'
  | 'error-burst'
  | 'pg-lag-minor'
  | 'pg-lag-major'
  | 'mysql-lag'
  | 'mysql-sql-stopped'
  | 'cache-drop';

export type EventKind = 'deploy' | 'redis-restart';

export interface ScheduleSpec<K extends string> {
  kind: K;
  /** Repeats every `period` seconds of unix time ... */
  period: number;
  /** ... starting `offset` seconds into each period ... */
  offset: number;
  /** ... moved by a seeded amount in [-jitter, +jitter]. */
  jitter: number;
  /** Length of the window in which the incident shapes the data (0 for instant events). */
  duration: number;
  summary: string;
}

export const INCIDENTS: readonly ScheduleSpec<IncidentKind>[] = [
  {
    kind: 'traffic-spike',
    period: 6 * HOUR,
    offset: 40 * MIN,
    jitter: 15 * MIN,
    duration: 33 * MIN,
    summary: 'demand ramps to ~2,700 req/s over 15 min and holds 10 min; the HPA climbs to its maximum of 12, which serves it (no request shed)',
  },
  {
    // Once every 30 days of unix time: any 30-day window (the SLO period) holds one start.
    kind: 'error-burst',
    period: 30 * DAY,
    // 16:40 UTC, between two traffic spikes (30 days are 120 of their 6 h periods: always so).
    offset: 17 * DAY + 16 * HOUR + 40 * MIN,
    jitter: 0,
    duration: 30 * MIN,
    summary: '~20 % of requests answer 500 for ~28 min (fast SLO burn: about a fifth of the 30-day error budget)',
  },
  {
    kind: 'pg-lag-minor',
    period: 4 * HOUR,
    offset: 1 * HOUR + 50 * MIN,
    jitter: 10 * MIN,
    duration: 20 * MIN,
    summary: 'pg-replica-1 lags 4-8 s (above 1 s for ~10 min)',
  },
  {
    kind: 'pg-lag-major',
    period: 6 * HOUR,
    offset: 3 * HOUR + 45 * MIN,
    jitter: 10 * MIN,
    duration: 25 * MIN,
    summary: 'pg-replica-2 replay stalls: lag climbs to ~250 s (above 60 s for ~10 min)',
  },
  {
    kind: 'mysql-lag',
    period: 12 * HOUR,
    offset: 8 * HOUR + 20 * MIN,
    jitter: 15 * MIN,
    duration: 40 * MIN,
    summary: 'mysql-replica-1 falls ~300 s behind its master (above 60 s for ~15 min)',
  },
  {
    kind: 'mysql-sql-stopped',
    period: 24 * HOUR,
    offset: 13 * HOUR + 30 * MIN,
    jitter: 20 * MIN,
    duration: 35 * MIN,
    summary: "mysql-replica-1's SQL thread stops for 10 min, lag grows to ~600 s, then catches up",
  },
  {
    kind: 'cache-drop',
    period: 5 * HOUR,
    offset: 2 * HOUR + 5 * MIN,
    jitter: 15 * MIN,
    duration: 45 * MIN,
    summary: 'redis-1 hit rate falls from ~95 % to ~77 % (below 90 % for ~25 min)',
  },
];

export const EVENTS: readonly ScheduleSpec<EventKind>[] = [
  {
    kind: 'deploy',
    period: 72 * HOUR,
    offset: 10 * HOUR,
    jitter: 1 * HOUR,
    duration: 0,
    summary: 'rollout of web: every pod replaced (new names), http_* counters restart from 0',
  },
  {
    kind: 'redis-restart',
    period: 61 * HOUR,
    offset: 7 * HOUR,
    jitter: 1 * HOUR,
    duration: 0,
    summary: 'redis-1 restarts: keyspace counters restart from 0, cold cache for ~20 min',
  },
];

const STREAM_BASE: Record<string, number> = {};
[...INCIDENTS, ...EVENTS].forEach((s, i) => (STREAM_BASE[s.kind] = 100 + i));

/** Start time of occurrence `n` of a schedule. */
export function occurrenceStart(seed: number, spec: ScheduleSpec<string>, n: number): number {
  const j = (uniform(seed, STREAM_BASE[spec.kind], n) * 2 - 1) * spec.jitter;
  return n * spec.period + spec.offset + round(j);
}

/** Per-occurrence magnitude factor in [1 - spread, 1 + spread]. */
export function occurrenceMagnitude(seed: number, spec: ScheduleSpec<string>, n: number, spread: number): number {
  return 1 + (uniform(seed, STREAM_BASE[spec.kind] + 50, n) * 2 - 1) * spread;
}

export interface Occurrence<K extends string = string> {
  kind: K;
  n: number;
  start: number;
  end: number;
}

/** The occurrence of `spec` whose window [start, start + duration) contains `t`, if any. */
export function activeOccurrence<K extends string>(seed: number, spec: ScheduleSpec<K>, t: number): Occurrence<K> | null {
  const n0 = floor((t - spec.offset) / spec.period);
  for (let n = n0 + 1; n >= n0 - 1; n--) {
    const nominal = n * spec.period + spec.offset;
    // Cheap bounds first: most of the time no occurrence is near, and no hash is needed.
    if (t < nominal - spec.jitter || t >= nominal + spec.jitter + spec.duration) continue;
    const start = occurrenceStart(seed, spec, n);
    if (t >= start && t < start + spec.duration) return { kind: spec.kind, n, start, end: start + spec.duration };
  }
  return null;
}

/** Every occurrence of every incident and event whose start lies in [from, to), by start time. */
export function schedule(seed: number, from: number, to: number): Occurrence<IncidentKind | EventKind>[] {
  const out: Occurrence<IncidentKind | EventKind>[] = [];
  for (const spec of [...INCIDENTS, ...EVENTS] as ScheduleSpec<IncidentKind | EventKind>[]) {
    const first = floor((from - spec.offset) / spec.period) - 1;
    const last = floor((to - spec.offset) / spec.period) + 1;
    for (let n = first; n <= last; n++) {
      const start = occurrenceStart(seed, spec, n);
      if (start >= from && start < to) out.push({ kind: spec.kind, n, start, end: start + spec.duration });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

/** Occurrences of an instant event in (t0, t1]. */
export function eventsIn(seed: number, spec: ScheduleSpec<EventKind>, t0: number, t1: number): Occurrence<EventKind>[] {
  const out: Occurrence<EventKind>[] = [];
  const first = floor((t0 - spec.jitter - spec.offset) / spec.period);
  const last = floor((t1 + spec.jitter - spec.offset) / spec.period);
  for (let n = first; n <= last; n++) {
    const nominal = n * spec.period + spec.offset;
    if (nominal + spec.jitter <= t0 || nominal - spec.jitter > t1) continue;
    const start = occurrenceStart(seed, spec, n);
    if (start > t0 && start <= t1) out.push({ kind: spec.kind, n, start, end: start });
  }
  return out;
}

export function specOf<K extends IncidentKind | EventKind>(kind: K): ScheduleSpec<K> {
  const spec = [...INCIDENTS, ...EVENTS].find((s) => s.kind === kind);
  if (!spec) throw new Error(`unknown incident kind ${kind}`);
  return spec as ScheduleSpec<K>;
}

// ---- shapes: what an occurrence does to the data, as a function of seconds since its start ----

/** Ramp up 15 min (slow enough for the HPA's steps to keep ahead of it), hold 10 min, ramp down 8 min; 0..1. */
export function spikeLevel(e: number): number {
  if (e < 0 || e >= 33 * MIN) return 0;
  if (e < 15 * MIN) return e / (15 * MIN);
  if (e < 25 * MIN) return 1;
  return 1 - (e - 25 * MIN) / (8 * MIN);
}

/** Fraction of requests failing with 500: 1 min ramps around a ~28 min plateau. */
export function errorBurstRatio(e: number, magnitude: number): number {
  if (e < 0 || e >= 30 * MIN) return 0;
  const edge = min(1, e / MIN, (30 * MIN - e) / MIN);
  return 0.2 * magnitude * edge;
}

/** Replication lag of a replica whose replay stalls: grows at `rate` s/s for `stall` s, then decays. */
export function stallLag(e: number, rate: number, stall: number, tau: number): number {
  if (e < 0) return 0;
  if (e < stall) return rate * e;
  return rate * stall * exp(-(e - stall) / tau);
}

/** Drop of the cache hit ratio during a cache incident (absolute, subtracted from ~0.95). */
export function cacheDrop(e: number, magnitude: number): number {
  if (e < 0) return 0;
  const peak = 0.18 * magnitude;
  if (e < 2 * MIN) return (peak * e) / (2 * MIN);
  return peak * exp(-(e - 2 * MIN) / (20 * MIN));
}
