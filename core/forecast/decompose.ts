// Multi-seasonal decomposition (MSTL-style, simplified): y = level/trend + Σ seasonal_p + remainder.
import { seasonalProfile } from './profile';
import { centredMovingAverage } from './smooth';

export interface Decomposition {
  periods: number[];
  /** One zero-mean profile per period, indexed by absolute index mod period. */
  profiles: Float64Array[];
  /** The last `adjusted.length` points of y minus every seasonal component. */
  adjusted: Float64Array;
}

/** How many recent cycles a profile averages: enough to beat noise, few enough to follow change. */
export function cyclesFor(p: number, n: number, maxCycles: number): number {
  return Math.max(1, Math.min(maxCycles, Math.floor(n / p)));
}

/** Recent cycles averaged by the seasonal profile of a period: 8 for the shortest, 4 for longer. */
export function profileCycles(p: number, periods: number[]): number {
  return p === periods[0] ? 8 : 4;
}

/** Sum of the seasonal components at absolute index i. */
export function seasonalAt(dec: Decomposition, i: number): number {
  let s = 0;
  for (let k = 0; k < dec.periods.length; k++) s += dec.profiles[k][i % dec.periods[k]];
  return s;
}

/**
 * f[k] += seasonalAt(dec, start + k) for every k: the seasonal part of a forecast whose first step
 * has absolute index `start`. One loop rather than a call per step: called per step, seasonalAt
 * was hot enough in a cold fit for V8 to compile it.
 */
export function addSeasonal(f: Float64Array, dec: Decomposition, start: number): void {
  const { periods, profiles } = dec;
  for (let k = 0; k < f.length; k++) {
    let s = 0; // the sum seasonalAt gives, in the same order
    for (let j = 0; j < periods.length; j++) s += profiles[j][(start + k) % periods[j]];
    f[k] += s;
  }
}

/** x[i] −= cycle[(start + i) mod cycle.length], in place. (Long loops live alone in small functions: see stats.ts.) */
function subtractCycle(x: Float64Array, cycle: Float64Array, start: number): void {
  const p = cycle.length;
  for (let i = 0, ph = start; i < x.length; i++) {
    x[i] -= cycle[ph];
    if (++ph === p) ph = 0;
  }
}

/** x[i] −= d[i], in place. */
function subtract(x: Float64Array, d: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] -= d[i];
}

/**
 * The cycle c shifted by `by` places: out[(by + j) mod p] = c[j], p = c.length. Two block copies
 * (TypedArray#set), no loop of ours for V8 to compile. Edge cases: empty c → empty.
 */
function rotated(c: Float64Array, by: number): Float64Array {
  const p = c.length;
  const out = new Float64Array(p);
  if (p === 0) return out;
  const r = by % p;
  out.set(c.subarray(0, p - r), r);
  out.set(c.subarray(p - r), 0);
  return out;
}

/**
 * Most recent points a decomposition's profiles read (see decompose): the last maxCycles[k] cycles
 * of each period and the half cycle before them that its moving average needs.
 * Edge cases: no periods → 0.
 */
export function decompositionSpan(periods: number[], maxCycles: number[]): number {
  let span = 0;
  for (let k = 0; k < periods.length; k++) span = Math.max(span, maxCycles[k] * periods[k] + Math.ceil(periods[k] / 2) + 1);
  return span;
}

/**
 * Estimate one profile per period by alternating: remove the other seasonal components, detrend
 * with a centred moving average of the period's length, take the robust per-phase mean over the
 * last maxCycles[k] cycles. Two passes when there are several periods. Only the recent stretch the
 * profiles need is processed, so the cost does not grow with the history.
 * Edge cases: periods that do not fit twice in y keep a profile of zeros; no periods → adjusted is
 * a copy of y's tail; y must be free of NaN; adjustedTail is clamped to [0, n].
 */
export function decompose(y: Float64Array, periods: number[], maxCycles: number[], adjustedTail = y.length): Decomposition {
  const n = y.length;
  const off = Math.max(0, n - decompositionSpan(periods, maxCycles));
  const w = y.subarray(off);
  const m = w.length;
  const local: Float64Array[] = periods.map((p) => new Float64Array(p));
  const x = new Float64Array(m);
  const passes = periods.length > 1 ? 2 : 1;
  for (let pass = 0; pass < passes; pass++) {
    for (let k = 0; k < periods.length; k++) {
      const p = periods[k];
      if (n < 2 * p) continue;
      x.set(w);
      // in the first pass the later periods' profiles are still zeros: x − 0 is x, bit for bit
      for (let j = 0; j < periods.length; j++) if (j !== k && (pass > 0 || j < k)) subtractCycle(x, local[j], 0);
      subtract(x, centredMovingAverage(x, p));
      local[k] = seasonalProfile(x, p, cyclesFor(p, m, maxCycles[k]));
    }
  }
  // local index i is absolute index off + i: rotate so profiles index by absolute position
  const profiles = local.map((lp) => rotated(lp, off));
  const tail = Math.max(0, Math.min(n, adjustedTail));
  const adj = y.slice(n - tail, n);
  for (let k = 0; k < periods.length; k++) subtractCycle(adj, profiles[k], (n - tail) % periods[k]);
  return { periods, profiles, adjusted: adj };
}
