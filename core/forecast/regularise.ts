// Put observations on a regular time grid: the forecaster works on evenly spaced points.
import { median } from './stats';
import { fail, type ForecastError } from './types';

export interface RegularSeries {
  /** Timestamp (unix s) of values[0]. */
  start: number;
  /** Grid step in seconds. */
  step: number;
  /** One value per grid slot; NaN where nothing finite was observed. First and last are finite. */
  values: Float64Array;
  /** Grid slots with no finite observation (between the first and the last). */
  missing: number;
  /** Observations that shared a slot with another and were averaged. */
  merged: number;
  /** Observations dropped for a non-finite timestamp or value (NaN, ±Inf). */
  nonFinite: number;
}

/** Largest grid this will build; beyond it the timestamps are called irregular. */
export const MAX_GRID = 1_000_000;

/**
 * Median spacing of sorted timestamps, ignoring repeats.
 * Edge cases: fewer than two distinct timestamps → NaN.
 */
export function medianStep(sortedTs: ArrayLike<number>): number {
  const gaps = new Float64Array(Math.max(0, sortedTs.length - 1));
  let k = 0;
  for (let i = 1; i < sortedTs.length; i++) {
    const g = sortedTs[i] - sortedTs[i - 1];
    if (g > 0) gaps[k++] = g;
  }
  return k === 0 ? NaN : median(gaps.subarray(0, k));
}

/**
 * Grid step from sorted timestamps: the median spacing, refined to span / (number of steps, each
 * spacing counting as round(spacing / median) ≥ 1 steps) so that jitter does not accumulate over a
 * long series, and snapped to whole seconds when within 0.5 %.
 * Edge cases: fewer than two distinct timestamps → NaN.
 */
export function detectStep(sortedTs: ArrayLike<number>): number {
  const med = medianStep(sortedTs);
  if (!(med > 0)) return NaN;
  let steps = 0;
  for (let i = 1; i < sortedTs.length; i++) {
    const d = sortedTs[i] - sortedTs[i - 1];
    if (d > 0) steps += Math.max(1, Math.round(d / med));
  }
  const span = sortedTs[sortedTs.length - 1] - sortedTs[0];
  const refined = span / steps;
  const whole = Math.round(refined);
  return whole > 0 && Math.abs(refined - whole) <= 0.005 * refined ? whole : refined;
}

/**
 * Sort observations, pick the step (detectStep over every finite timestamp unless given), snap
 * each observation to the nearest slot t0 + k·step, average observations sharing a slot, leave NaN
 * in empty slots. Edge cases: unequal array lengths → bad_input; observations with a non-finite
 * timestamp or value are dropped (counted; a NaN value still tells the sampling step); fewer than
 * two finite observations → too_short; a grid longer than MAX_GRID (e.g. one point years away from
 * the rest) → irregular; non-positive step → bad_option. The grid starts and ends at finite
 * observations, so its first and last values are never NaN.
 */
export function regularise(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  step?: number,
): RegularSeries | ForecastError {
  if (timestamps.length !== values.length) {
    return fail('bad_input', `timestamps (${timestamps.length}) and values (${values.length}) differ in length`);
  }
  if (step !== undefined && !(Number.isFinite(step) && step > 0)) {
    return fail('bad_option', `step must be a positive number of seconds, got ${step}`);
  }
  const grid = onWholeSecondGrid(timestamps, values, step);
  if (grid) return grid;
  // plain loops over typed arrays: no callback per observation, quick before the JIT warms up
  let idx = new Int32Array(timestamps.length);
  let nt = 0;
  for (let i = 0; i < timestamps.length; i++) if (Number.isFinite(timestamps[i])) idx[nt++] = i;
  let nonFinite = timestamps.length - nt;
  idx = idx.subarray(0, nt);
  let sorted = true;
  for (let j = 1; j < nt && sorted; j++) sorted = timestamps[idx[j - 1]] <= timestamps[idx[j]];
  if (!sorted) idx = Int32Array.from(Array.from(idx).sort((a, b) => timestamps[a] - timestamps[b]));
  const allTs = new Float64Array(nt);
  const fin = new Int32Array(nt);
  let nf = 0;
  for (let j = 0; j < nt; j++) {
    allTs[j] = timestamps[idx[j]];
    if (Number.isFinite(values[idx[j]])) fin[nf++] = idx[j];
  }
  nonFinite += nt - nf;
  if (nf < 2) {
    return fail('too_short', `need at least 2 finite observations, got ${nf}`);
  }
  const st = step ?? detectStep(allTs);
  if (!(st > 0)) return fail('too_short', 'need observations at two distinct timestamps');
  const t0 = timestamps[fin[0]];
  const slots = Math.round((timestamps[fin[nf - 1]] - t0) / st) + 1;
  if (slots > MAX_GRID) {
    return fail(
      'irregular',
      `timestamps too irregular: a grid at step ${st}s would need ${slots} points (max ${MAX_GRID})`,
    );
  }
  const sum = new Float64Array(slots);
  const cnt = new Uint32Array(slots);
  for (let j = 0; j < nf; j++) {
    const i = fin[j];
    const k = Math.round((timestamps[i] - t0) / st);
    sum[k] += values[i];
    cnt[k]++;
  }
  const out = new Float64Array(slots);
  let missing = 0;
  let merged = 0;
  for (let k = 0; k < slots; k++) {
    if (cnt[k] === 0) {
      out[k] = NaN;
      missing++;
    } else {
      out[k] = sum[k] / cnt[k];
      merged += cnt[k] - 1;
    }
  }
  return { start: t0, step: st, values: out, missing, merged, nonFinite };
}

/**
 * regularise()'s result for the usual input, in one pass instead of its sorting, step detection and
 * slotting: finite values at whole-second timestamps t0 + i·g (t0 and g whole, g > 0, the step
 * given as g or not at all). Every slot then holds one observation, the detected step is g exactly
 * (span / (n − 1) of whole numbers), so the general path gives the same numbers: each value
 * as 0 + value (its slot's sum; −0 becomes +0). Null for any other input (the general path runs).
 */
function onWholeSecondGrid(timestamps: ArrayLike<number>, values: ArrayLike<number>, step: number | undefined): RegularSeries | null {
  const n = timestamps.length;
  if (n < 2 || n > MAX_GRID) return null;
  const t0 = timestamps[0];
  const g = timestamps[1] - t0;
  if (!(g > 0 && Number.isInteger(g) && Number.isInteger(t0) && Math.abs(t0) + n * g <= Number.MAX_SAFE_INTEGER)) return null;
  if (step !== undefined && step !== g) return null;
  const out = new Float64Array(n);
  return copyIfOnGrid(timestamps, values, t0, g, out) ? { start: t0, step: g, values: out, missing: 0, merged: 0, nonFinite: 0 } : null;
}

/** out[i] = 0 + values[i] while timestamps[i] is t0 + i·g and values[i] finite; whether all were (a loop alone: see stats.ts). */
function copyIfOnGrid(timestamps: ArrayLike<number>, values: ArrayLike<number>, t0: number, g: number, out: Float64Array): boolean {
  for (let i = 0; i < out.length; i++) {
    const v = values[i];
    if (timestamps[i] !== t0 + i * g || v - v !== 0) return false; // v − v is NaN for NaN and ±Infinity
    out[i] = 0 + v;
  }
  return true;
}
