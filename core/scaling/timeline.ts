// Step inference and sample coverage: how long each sample of a step series "holds".

import { selectKth } from '../series/select';
export interface TimelineOptions {
  /** Sample step in ms; inferred (median spacing) when absent. */
  stepMs?: number;
  /** Spacing above which two samples are separated by a gap; default 2 × step. */
  maxGapMs?: number;
}

export interface Timeline {
  stepMs: number;
  maxGapMs: number;
  /** cover[i]: ms that sample i holds (until the next sample, or one step before a gap/at the end). */
  cover: Float64Array;
  /** gapBefore[i] = 1 when sample i follows a gap (i > 0). */
  gapBefore: Uint8Array;
  /** Sum of cover. */
  coveredMs: number;
  /** End of the covered time: last sample + its cover (start of data when empty). */
  endMs: number;
  /** Number of gaps. */
  gaps: number;
}

/**
 * Median positive spacing of sorted times (the step of a Prometheus range query).
 * Edge cases: fewer than two samples or no positive spacing → `fallback` (default 30 s);
 * jittered scrapes give the median; O(n) with quickselect on a scratch copy.
 */
export function inferStep(t: ArrayLike<number>, fallback = 30_000): number {
  const n = t.length;
  if (n < 2) {
    return fallback;
  }
  // Fast path: a regular grid (the usual range query) has one spacing; no copy needed.
  const first = t[1] - t[0];
  let regular = first > 0;
  for (let i = 2; regular && i < n; i++) regular = t[i] - t[i - 1] === first;
  if (regular) {
    return first;
  }
  const d = new Float64Array(n - 1);
  let m = 0;
  for (let i = 1; i < n; i++) {
    const x = t[i] - t[i - 1];
    if (x > 0) {
      d[m++] = x;
    }
  }
  if (m === 0) {
    return fallback;
  }
  return selectKth(d, (m - 1) >> 1, m);
}

/**
 * Coverage of each sample of a sorted series, treating it as a step function.
 * Edge cases: a sample holds until the next one unless the spacing exceeds maxGapMs (a gap: the
 * sample then holds one step and the rest of the gap is not covered); the last sample holds one
 * step; a single sample covers one step; non-positive options fall back to the defaults.
 */
export function buildTimeline(t: Float64Array, opts: TimelineOptions = {}): Timeline {
  const n = t.length;
  const stepMs = opts.stepMs && opts.stepMs > 0 ? opts.stepMs : inferStep(t);
  const maxGapMs = opts.maxGapMs && opts.maxGapMs > 0 ? opts.maxGapMs : 2 * stepMs;
  const cover = new Float64Array(n);
  const gapBefore = new Uint8Array(n);
  let covered = 0;
  let gaps = 0;
  for (let i = 0; i < n; i++) {
    let c = stepMs;
    if (i + 1 < n) {
      const dt = t[i + 1] - t[i];
      if (dt > maxGapMs) {
        gapBefore[i + 1] = 1;
        gaps++;
        c = Math.min(stepMs, dt);
      } else {
        c = dt;
      }
    }
    cover[i] = c;
    covered += c;
  }
  const endMs = n > 0 ? t[n - 1] + cover[n - 1] : 0;
  return { stepMs, maxGapMs, cover, gapBefore, coveredMs: covered, endMs, gaps };
}
