/** What the heatmap writer needs: counts time-major, row pixels, and the visible time range. */
export interface HeatmapCells {
  /** Column end times in ms, ascending; column t covers (times[t] - step, times[t]]. */
  times: ArrayLike<number>;
  /** Per-bucket counts, counts[t * size + j]. */
  counts: ArrayLike<number>;
  size: number;
  /** Row j spans device pixel rows [rowTop[j], rowBottom[j]). */
  rowTop: ArrayLike<number>;
  rowBottom: ArrayLike<number>;
  maxCount: number;
}

export interface PixelTarget {
  width: number;
  height: number;
  /** RGBA pixels viewed as little-endian 32-bit words (Uint32Array over ImageData.data.buffer). */
  words: Uint32Array;
}

/** Scratch buffers reused between draws (no allocation on the hot path once sized). */
export interface HeatmapScratch {
  colours: Uint32Array;
  acc: Float64Array;
  /** Which pixel rows a bucket covers in this draw. */
  covered: Uint8Array;
}

export function createScratch(): HeatmapScratch {
  return { colours: new Uint32Array(0), acc: new Float64Array(0), covered: new Uint8Array(0) };
}

function typicalStep(times: ArrayLike<number>): number {
  if (times.length < 2) return 0;
  let min = Infinity;
  const n = Math.min(times.length, 64);
  for (let i = 1; i < n; i++) {
    const d = times[i] - times[i - 1];
    if (d > 0 && d < min) min = d;
  }
  return Number.isFinite(min) ? min : 0;
}

/**
 * Writes the heatmap into `target`: for each device pixel column, the largest count of each
 * bucket among the data columns that fall in it (so peaks survive when 5,760 columns share
 * 1,000 pixels), mapped through a 256-colour table by the square root of count / maxCount.
 * Zero, negative and NaN counts stay transparent. Colours are decided per (bucket, pixel column)
 * first, bucket-major, so every pixel row of a bucket is one copy of its colour row (colour 0 is
 * transparent, like the cleared image). Edge cases: maxCount ≤ 0 or an empty range draws
 * nothing; a single column spans the whole range.
 */
export function writeHeatmap(
  cells: HeatmapCells,
  from: number,
  to: number,
  table: Uint32Array,
  target: PixelTarget,
  scratch: HeatmapScratch
): void {
  const { width, height, words } = target;
  const { times, counts, size, maxCount } = cells;
  const n = times.length;
  if (n === 0 || size === 0 || !(maxCount > 0) || !(to > from) || width <= 0) {
    words.fill(0);
    return;
  }
  if (scratch.colours.length < width * size) scratch.colours = new Uint32Array(width * size);
  if (scratch.acc.length < size) scratch.acc = new Float64Array(size);
  const colours = scratch.colours;
  const acc = scratch.acc;
  colours.fill(0, 0, width * size);
  const step = n > 1 ? typicalStep(times) : to - from;
  const msPerPx = (to - from) / width;
  const scale = 255 / Math.sqrt(maxCount);

  let first = 0;
  for (let x = 0; x < width; x++) {
    const a = from + x * msPerPx;
    const b = a + msPerPx;
    // Columns overlapping [a, b): times[t] > a and times[t] - step < b.
    while (first < n && times[first] <= a) first++;
    let last = first;
    while (last < n && times[last] - step < b) last++;
    if (last === first) continue;
    acc.fill(-1, 0, size);
    for (let t = first; t < last; t++) {
      const base = t * size;
      for (let j = 0; j < size; j++) {
        const c = counts[base + j];
        if (c > acc[j]) acc[j] = c;
      }
    }
    for (let j = 0, k = x; j < size; j++, k += width) {
      const c = acc[j];
      if (c > 0) {
        const i = Math.sqrt(c) * scale;
        colours[k] = table[i >= 255 ? 255 : i | 0];
      }
    }
  }

  // Every pixel row is written once: a bucket's colour row, or cleared when no bucket covers it.
  if (scratch.covered.length < height) scratch.covered = new Uint8Array(height);
  const covered = scratch.covered;
  covered.fill(0, 0, height);
  for (let j = 0; j < size; j++) {
    const y0 = Math.max(0, Math.round(cells.rowTop[j]));
    const y1 = Math.min(height, Math.round(cells.rowBottom[j]));
    const row = colours.subarray(j * width, (j + 1) * width);
    for (let y = y0; y < y1; y++) {
      words.set(row, y * width);
      covered[y] = 1;
    }
  }
  for (let y = 0; y < height; y++) {
    if (!covered[y]) words.fill(0, y * width, (y + 1) * width);
  }
}
