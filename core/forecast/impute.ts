// Fill missing grid slots (NaN) so every model sees a complete series.
import { seasonalProfile } from './profile';
import { centredMovingAverage } from './smooth';

/**
 * Linear interpolation across NaN runs; NaN before the first / after the last finite value takes
 * that value. Edge cases: no finite value → all NaN returned unchanged; no NaN → copy.
 */
export function interpolateLinear(y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = y[i];
  let prev = -1;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(out[i])) continue;
    if (prev === -1) for (let j = 0; j < i; j++) out[j] = out[i];
    else if (i - prev > 1) {
      const d = (out[i] - out[prev]) / (i - prev);
      for (let j = prev + 1; j < i; j++) out[j] = out[prev] + d * (j - prev);
    }
    prev = i;
  }
  if (prev !== -1) for (let j = prev + 1; j < n; j++) out[j] = out[prev];
  return out;
}

/** Number of NaN values in y (a loop alone in a small function: see stats.ts). */
function countNaN(y: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) if (Number.isNaN(y[i])) c++;
  return c;
}

/**
 * Seasonal interpolation: estimate the period-p profile from the observed points only, interpolate
 * the seasonally adjusted series linearly across each gap, add the profile back — so a gap of a
 * day in a daily-cycle series gets a day-shaped fill, not a straight line.
 * Edge cases: p < 2 or fewer than two cycles → plain linear interpolation; no gap → y itself when
 * it is a Float64Array (callers do not modify it: no copy of a long series on every forecast),
 * else a copy.
 */
export function impute(y: ArrayLike<number>, p: number): { values: Float64Array; imputed: number } {
  const n = y.length;
  const imputed = countNaN(y);
  if (imputed === 0 && y instanceof Float64Array) return { values: y, imputed };
  const lin = interpolateLinear(y);
  if (imputed === 0 || p < 2 || n < 2 * p) return { values: lin, imputed };
  const trend = centredMovingAverage(lin, p);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = y[i] - trend[i]; // NaN where missing; the profile skips it
  const prof = seasonalProfile(d, p, Math.floor(n / p) + 1);
  const adj = new Float64Array(n);
  for (let i = 0; i < n; i++) adj[i] = y[i] - prof[i % p];
  const filled = interpolateLinear(adj);
  for (let i = 0; i < n; i++) filled[i] += prof[i % p];
  return { values: filled, imputed };
}
