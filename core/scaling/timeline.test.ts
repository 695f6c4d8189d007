import { buildTimeline, inferStep } from './timeline';

describe('inferStep', () => {
  it('is the median spacing, robust to one gap and jitter', () => {
    expect(inferStep([0, 30, 60, 90, 600, 630, 661])).toBe(30);
  });
  it('falls back for fewer than two samples', () => {
    expect(inferStep([5])).toBe(30_000);
    expect(inferStep([5, 5], 10)).toBe(10);
  });
});

describe('buildTimeline', () => {
  it('covers until the next sample, one step at the end and before gaps', () => {
    const tl = buildTimeline(new Float64Array([0, 30, 60, 300, 330]), { stepMs: 30 });
    expect(Array.from(tl.cover)).toEqual([30, 30, 30, 30, 30]);
    expect(Array.from(tl.gapBefore)).toEqual([0, 0, 0, 1, 0]);
    expect(tl.gaps).toBe(1);
    expect(tl.coveredMs).toBe(150);
    expect(tl.endMs).toBe(360);
  });
  it('bridges a single missing sample (spacing = 2 steps is not a gap)', () => {
    const tl = buildTimeline(new Float64Array([0, 30, 90]), { stepMs: 30 });
    expect(tl.gaps).toBe(0);
    expect(Array.from(tl.cover)).toEqual([30, 60, 30]);
  });
  it('handles empty and single-sample series', () => {
    expect(buildTimeline(new Float64Array(0)).coveredMs).toBe(0);
    const one = buildTimeline(new Float64Array([100]), { stepMs: 30 });
    expect(one.coveredMs).toBe(30);
    expect(one.endMs).toBe(130);
  });
});
