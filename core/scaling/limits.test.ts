import { timeAtLimits } from './limits';
import { buildTimeline } from './timeline';
import { replicaHours } from './replicaHours';
import { normaliseSeries } from './series';
import { STEP, regular } from './testSupport';

function setup(vals: number[]) {
  const s = normaliseSeries(regular(vals));
  return { s, tl: buildTimeline(s.t, { stepMs: STEP }) };
}

describe('timeAtLimits', () => {
  it('counts a pinned workload (min == max) as at max only', () => {
    const { s, tl } = setup([4, 4, 4]);
    const lim = new Float64Array(3).fill(4);
    const r = timeAtLimits(s, tl, lim, lim);
    expect(r.atMax?.totalMs).toBe(3 * STEP);
    expect(r.atMin?.totalMs).toBe(0);
  });
  it('skips samples where the limit is unknown (NaN) and returns null without a limit', () => {
    const { s, tl } = setup([4, 4, 4]);
    const r = timeAtLimits(s, tl, new Float64Array([4, NaN, 4]), null);
    expect(r.atMax?.intervals).toEqual([
      { start: 0, end: STEP },
      { start: 2 * STEP, end: 3 * STEP },
    ]);
    expect(r.atMin).toBeNull();
  });
});

describe('replicaHours', () => {
  it('integrates the step function over covered time', () => {
    const { s, tl } = setup(new Array(120).fill(10)); // 10 replicas for 1 h
    expect(replicaHours(s, tl)).toEqual({ replicaHours: 10, coveredMs: 3_600_000, meanReplicas: 10 });
  });
  it('is 0 with NaN mean for an empty series', () => {
    const { s, tl } = setup([]);
    const r = replicaHours(s, tl);
    expect(r.replicaHours).toBe(0);
    expect(r.meanReplicas).toBeNaN();
  });
});
