// Centred moving average used to detrend a series before estimating a seasonal profile.

/**
 * Centred moving average over `w` points (for even w the 2×w average, so a period-w cycle is
 * removed exactly). Edge cases: w ≤ 1 → copy; where the window does not fit (the first and last
 * ⌊w/2⌋ points) the trend is extended linearly from the nearest half-window of full values, or held
 * flat when fewer than that exist; a series shorter than the window gets its plain mean everywhere.
 */
export function centredMovingAverage(x: ArrayLike<number>, w: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (w <= 1 || n === 0) {
    for (let i = 0; i < n; i++) out[i] = x[i];
    return out;
  }
  const half = w >> 1;
  const even = w % 2 === 0;
  const pre = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) pre[i + 1] = pre[i] + x[i];
  const first = half;
  const last = n - 1 - half;
  if (last < first) {
    const m = pre[n] / n;
    out.fill(m);
    return out;
  }
  for (let i = first; i <= last; i++) {
    if (even) {
      // weights 1/2w at both ends, 1/w inside: window [i-half, i+half]
      const inner = pre[i + half] - pre[i - half + 1];
      out[i] = (inner + 0.5 * (x[i - half] + x[i + half])) / w;
    } else {
      out[i] = (pre[i + half + 1] - pre[i - half]) / w;
    }
  }
  const span = Math.min(half, last - first);
  const slopeHead = span > 0 ? (out[first + span] - out[first]) / span : 0;
  const slopeTail = span > 0 ? (out[last] - out[last - span]) / span : 0;
  for (let i = 0; i < first; i++) out[i] = out[first] - slopeHead * (first - i);
  for (let i = last + 1; i < n; i++) out[i] = out[last] + slopeTail * (i - last);
  return out;
}
