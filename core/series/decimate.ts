/** Where a plot's pixel columns are: one column is one device pixel wide. */
export interface PixelColumns {
  /** Times (ms) at the plot's left and right edges. */
  from: number;
  to: number;
  /** Plot width in CSS pixels, and the device pixel ratio. */
  width: number;
  dpr: number;
  /** CSS x of the plot's left edge on the canvas (a fractional device offset moves the column borders). */
  left?: number;
}

/** In the output of decimateColumns: the pen lifts here. */
export const BREAK = -1;

/** CSS pixels either side of the plot in which samples keep their own columns (a thick line there still shows at the edge). */
const MARGIN_CSS = 16;

/** The affine map from time to device-pixel x, and the plot's x bounds (± the margin) in device pixels. */
function layout(cols: PixelColumns) {
  const dpr = cols.dpr > 0 && Number.isFinite(cols.dpr) ? cols.dpr : 1;
  const left = (cols.left ?? 0) * dpr;
  const width = Math.max(0, cols.width) * dpr;
  const span = cols.to - cols.from;
  return {
    origin: left,
    scale: span > 0 && Number.isFinite(span) ? width / span : NaN,
    lo: Math.floor(left - MARGIN_CSS * dpr),
    hi: Math.ceil(left + width + MARGIN_CSS * dpr),
  };
}

/** Device-pixel x of time t: floor() of it is t's column. A range that is empty, reversed or not finite gives NaN. */
export function deviceX(cols: PixelColumns): (t: number) => number {
  const { origin, scale } = layout(cols);
  return (t) => origin + (t - cols.from) * scale;
}

/**
 * Per-pixel-column decimation of a time series drawn as a line, as steps or straight segments:
 * the indexes of the samples to draw, in time order, with BREAK where the pen lifts (the same
 * places as drawing every sample). In each device-pixel column, within one run of connected
 * samples, it keeps the first, the lowest, the highest and the last, so the line covers the same
 * values in every column as drawing every sample: spikes are kept, and steps stay steps (the
 * sample before a column's first is the previous column's last, as in the data). The middle of a
 * flat stretch is dropped: a flat line stays the same flat line.
 *
 * Edge cases:
 * - a non-finite value or time is a gap, and so is a time step longer than maxGapMs (or any step
 *   when maxGapMs is NaN): the samples either side of a gap are kept, the pen lifts between them.
 * - empty series: empty output; one point: [0] (a lone point strokes nothing, as before).
 * - samples outside from..to keep their columns up to 16 CSS px out; beyond, all fall into one
 *   column each side, so the line still enters the plot at the right value and height.
 * - zero width: every sample is in the one column at the left edge (nothing is visible anyway).
 * - empty, reversed or non-finite time range: no columns to merge, every finite sample is kept.
 * - device pixel ratio: columns are device pixels (width × dpr of them); a dpr that is not a
 *   positive number counts as 1.
 * - t should ascend; if it does not, the output is still a valid subset, just less decimated.
 */
export function decimateColumns(t: ArrayLike<number>, v: ArrayLike<number>, maxGapMs: number, cols: PixelColumns): Int32Array {
  const n = Math.min(t.length, v.length);
  const { origin, scale, lo, hi } = layout(cols);
  const from = cols.from;
  // Room for 4 samples a column and a few breaks; grows (up to 2n) for data with many gaps.
  let out: Int32Array = new Int32Array(Math.min(2 * n, 4 * (hi - lo + 2) + 16));
  let k = 0;
  let pen = false;
  let prevT = NaN;
  let i = 0;
  while (i < n) {
    if (k + 5 > out.length) out = grow(out, 2 * n);
    const ti = t[i];
    if (!Number.isFinite(ti) || !Number.isFinite(v[i]) || (pen && !(ti - prevT <= maxGapMs))) {
      if (pen) out[k++] = BREAK;
      pen = false;
      if (!Number.isFinite(ti) || !Number.isFinite(v[i])) i++;
      continue;
    }
    // A column starts at sample i: [x0, x1) in device pixels, open-ended beyond the margins.
    // (Without a usable range x is NaN: no later sample joins, every sample is its own column.)
    const xi = origin + (ti - from) * scale;
    const x0 = xi < lo ? -Infinity : xi >= hi ? hi : Math.floor(xi);
    const x1 = xi < lo ? lo : xi >= hi ? Infinity : x0 + 1;
    let low = i;
    let high = i;
    let vLow = v[i];
    let vHigh = vLow;
    let j = i + 1;
    prevT = ti;
    // The hot loop: once per sample, locals only.
    for (; j < n; j++) {
      const tj = t[j];
      const vj = v[j];
      if (!(Number.isFinite(tj) && Number.isFinite(vj) && tj - prevT <= maxGapMs)) break;
      const xj = origin + (tj - from) * scale;
      if (!(xj >= x0 && xj < x1)) break;
      if (vj < vLow) {
        low = j;
        vLow = vj;
      } else if (vj > vHigh) {
        high = j;
        vHigh = vj;
      }
      prevT = tj;
    }
    k = flush(out, k, v, i, low, high, j - 1);
    pen = true;
    i = j;
  }
  if (k > 0 && out[k - 1] === BREAK) k--;
  return out.subarray(0, k);
}

function grow(out: Int32Array, max: number): Int32Array {
  const bigger = new Int32Array(Math.min(max, 2 * out.length + 16));
  bigger.set(out);
  return bigger;
}

/** Writes one column's first, lowest, highest and last sample (each once, in time order); returns the new length. */
function flush(out: Int32Array, k: number, v: ArrayLike<number>, first: number, low: number, high: number, last: number): number {
  const a = Math.min(low, high);
  const b = Math.max(low, high);
  k = push(out, k, v, first);
  if (a !== first) k = push(out, k, v, a);
  if (b !== a) k = push(out, k, v, b);
  if (last !== b) k = push(out, k, v, last);
  return k;
}

/** Appends sample i; when it and the two before it are equal, it replaces the middle one (redundant drawn as steps or as segments). */
function push(out: Int32Array, k: number, v: ArrayLike<number>, i: number): number {
  if (k >= 2 && out[k - 1] !== BREAK && out[k - 2] !== BREAK && v[out[k - 1]] === v[i] && v[out[k - 2]] === v[i]) {
    out[k - 1] = i;
    return k;
  }
  out[k] = i;
  return k + 1;
}
