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

  it('takes the roles of the queries from "Query roles", whatever the series are named', () => {
    // The dashboard's queries: recording rules (no KSM names) and the target aggregated (no name).
    const renamed = ksmFrames().map((f, i) => ({
      ...f,
      refId: 'ABCDEF'[i],
      fields: f.fields.map((x) => (x.type === 'number' ? { ...x, name: 'Value', labels: { ...x.labels, __name__: '' } } : x)),
    }));
    const roles = renamed.map((f, i) => `${f.refId}=${['current', 'desired', 'min', 'max', 'utilisation', 'target'][i]}`).join(', ');
    const guessed = scalingView(renamed, defaultScalingTimelineOptions, 240 * 30000);
    const pinned = scalingView(renamed, { ...defaultScalingTimelineOptions, queryRoles: roles }, 240 * 30000);
    if ('message' in guessed || 'message' in pinned) throw new Error('no data');
    // Guessed, every unnamed series is "current" (merged by max): the target 75 becomes the replicas.
    expect(Math.max(...guessed.analysis.workloads[0].analysis.current.v)).toBe(75);
    const a = pinned.analysis.workloads[0].analysis;
    expect(Math.max(...a.current.v)).toBe(12);
    expect(a.events.filter((e) => e.direction === 'up').map((e) => e.to)).toEqual([8, 12]);
    expect(a.summary.timeAtMaxMs).toBe(80 * 30000);
    expect(pinned.problems).toEqual([]);
  });

  it('reports a bad query role', () => {
    const { roles, problems } = roleOverrides({ ...defaultScalingTimelineOptions, queryRoles: 'A=current, B=sideways', maxMatcher: 'ceiling' });
    expect(problems).toEqual([expect.stringMatching(/"B=sideways" is not/)]);
    expect(roles.current?.[0]).toEqual({ refId: 'A' });
    expect(roles.current?.length).toBeGreaterThan(1); // the built-in names stay for other queries
    expect(roles.max).toEqual([{ name: /ceiling/i }]);
  });

  it('says "No data" without frames, and reports an invalid matcher', () => {
    expect(scalingView([], defaultScalingTimelineOptions, 0)).toEqual({ message: 'No data' });
    const { roles, problems } = roleOverrides({ ...defaultScalingTimelineOptions, maxMatcher: '(', minMatcher: 'floor' });
    expect(problems[0]).toMatch(/max matcher "\(" is not a valid regular expression/);
    expect(Object.keys(roles)).toEqual(['min']);
  });
});
