import { defaultScalingTimelineOptions } from '../types';
import { ksmFrames, rawCpuFrames } from '../testFrames';
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

describe('scalingView: the utilisation unit (#20)', () => {
  // A raw usage/requests expression has no ratio name; pods run at 146–187 % of their request.
  const options = { ...defaultScalingTimelineOptions, queryRoles: 'E=utilisation' };
  const view = (unit: string | undefined, defaultUnit: string | undefined) => {
    const v = scalingView(rawCpuFrames(unit), options, 240 * 30000, defaultUnit);
    if ('message' in v) throw new Error(v.message);
    return { reasons: v.analysis.workloads[0].analysis.events.map((e) => e.reason.text), notes: v.analysis.notes };
  };

  it('reads the field unit "percentunit" as a 0..1 ratio: 1.46 is 146 % against the 75 % target', () => {
    const { reasons, notes } = view('percentunit', undefined);
    expect(reasons[0]).toBe('cpu 146 % > target 75 % for 2m30s');
    expect(reasons[3]).toBe('cpu 50 % < target 75 % for 10m');
    expect(notes).toEqual([]);
  });

  it('uses the panel\'s default unit when the field has none, and the field\'s own unit over it', () => {
    expect(view(undefined, 'percentunit').reasons[0]).toBe('cpu 146 % > target 75 % for 2m30s');
    // "percent" on the field (a field override or the data source) wins over the panel's default.
    expect(view('percent', 'percentunit').reasons[0]).toBe('cpu 1 % < target 75 % for ≥30m');
    expect(view(undefined, 'percent').reasons[0]).toBe('cpu 1 % < target 75 % for ≥30m');
  });

  it('without a unit, reads values up to 4× the target as a ratio and says it guessed', () => {
    const { reasons, notes } = view(undefined, undefined);
    expect(reasons[0]).toBe('cpu 146 % > target 75 % for 2m30s');
    expect(notes).toEqual([expect.stringMatching(/^"demo\/web": utilisation read as a 0\.\.1 ratio \(×100\) from its values \(max 1\.87\); set the unit/)]);
  });
});
