import type { Interval, LimitTime, LimitsResult, Series } from './types';
import type { Timeline } from './timeline';

/**
 * Time spent at the capacity ceiling (current >= max) and at the floor (current <= min).
 * Edge cases: max/min null → that side is null (unknown, not zero); NaN limit at a sample → that
 * sample counts for neither; min == max (pinned) counts as at max only, so at max + at min never
 * exceeds covered time; gaps are not counted (coverage from the timeline). One pass, no flags.
 */
export function timeAtLimits(
  current: Series,
  timeline: Timeline,
  max: Float64Array | null,
  min: Float64Array | null
): LimitsResult {
  const { t, v } = current;
  const cover = timeline.cover;
  const hi = max ? new Run() : null;
  const lo = min ? new Run() : null;
  for (let i = 0; i < v.length; i++) {
    const c = cover[i];
    const atMax = max !== null && v[i] >= max[i];
    if (hi) hi.step(atMax, t[i], c);
    if (lo && min) lo.step(!atMax && v[i] <= min[i], t[i], c);
  }
  return { atMax: hi ? hi.result() : null, atMin: lo ? lo.result() : null, coveredMs: timeline.coveredMs };
}

/** Accumulates contiguous flagged samples into intervals. */
class Run {
  private intervals: Interval[] = [];
  private total = 0;
  private open: Interval | null = null;

  /** Edge cases: zero cover adds nothing and closes the run. */
  step(flag: boolean, start: number, cover: number): void {
    if (!flag || cover <= 0) {
      this.open = null;
      return;
    }
    this.total += cover;
    const end = start + cover;
    if (this.open && this.open.end === start) {
      this.open.end = end;
    } else {
      this.open = { start, end };
      this.intervals.push(this.open);
    }
  }

  result(): LimitTime {
    return { intervals: this.intervals, totalMs: this.total };
  }
}
