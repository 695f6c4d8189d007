import { defaultScalingTimelineOptions } from '../types';
import { ksmFrames } from '../testFrames';
import { roleOverrides, scalingView, totals } from './analysis';

describe('scalingView', () => {
  it('finds the spike to max with its reason, the time at max and the scale-down', () => {
    const view = scalingView(ksmFrames(), defaultScalingTimelineOptions, 240 * 30000);
    if ('message' in view) throw new Error(view.message);
    const [row] = view.analysis.workloads;
    const a = row.analysis;
    const ups = a.events.filter((e) => e.direction === 'up');
    expect(ups.map((e) => e.to)).toEqual([8, 12]);
    expect(ups[1].hitMax).toBe(true);
    expect(ups[0].reason.text).toMatch(/> target 75/);
    expect(a.events.filter((e) => e.direction === 'down').map((e) => e.to)).toEqual([8, 5]);
    expect(a.summary.timeAtMaxMs).toBe(80 * 30000);
    expect(a.summary.replicaHours).toBeGreaterThan(0);
  });

  it('caps the rows and says so', () => {
    const frames = ['a', 'b', 'c'].flatMap((n) => ksmFrames(n));
    const view = scalingView(frames, { ...defaultScalingTimelineOptions, maxRows: 2 }, 240 * 30000);
    if ('message' in view) throw new Error(view.message);
    expect(view.analysis.workloads).toHaveLength(2);
    expect(view.analysis.message).toMatch(/capped at 2 of 3 workloads/);
    expect(totals(view.analysis.workloads).events).toBeGreaterThan(0);
  });

  it('says "No data" without frames, and reports an invalid matcher', () => {
    expect(scalingView([], defaultScalingTimelineOptions, 0)).toEqual({ message: 'No data' });
    const { roles, problems } = roleOverrides({ ...defaultScalingTimelineOptions, maxMatcher: '(', minMatcher: 'floor' });
    expect(problems[0]).toMatch(/max matcher "\(" is not a valid regular expression/);
    expect(Object.keys(roles)).toEqual(['min']);
  });
});
