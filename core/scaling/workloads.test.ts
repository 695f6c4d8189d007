import { analyzeWorkloads } from './workloads';
import { mergeSeries } from './merge';
import { regular } from './testSupport';

describe('analyzeWorkloads', () => {
  const flat = (key: string, n = 4) => ({ key, current: regular(new Array(n).fill(2)) });

  it('keeps input order under the cap with rank "input"', () => {
    const r = analyzeWorkloads([flat('a'), flat('b'), flat('c')], { cap: 2, rank: 'input' });
    expect(r.workloads.map((w) => w.key)).toEqual(['a', 'b']);
    expect(r.message).toBe('capped at 2 of 3 workloads');
    expect(r.warnings).toEqual([{ code: 'capped', text: 'capped at 2 of 3 workloads' }]);
  });

  it('uses rangeEndMs to tell a workload that disappeared', () => {
    const r = analyzeWorkloads([flat('a', 10), flat('b', 10)], { rangeEndMs: 60 * 60_000 });
    expect(r.workloads.every((w) => w.disappeared)).toBe(true);
    expect(r.workloads[0].analysis.warnings.at(-1)?.text).toBe(
      'no data for the last 55m30s of the range (workload gone?)'
    );
    expect(analyzeWorkloads([flat('a', 10)]).workloads[0].disappeared).toBe(false);
  });

  it('keeps an empty workload as a row that says so', () => {
    const r = analyzeWorkloads([{ key: 'x', current: { t: [], v: [] } }]);
    expect(r.workloads[0].analysis.warnings[0].code).toBe('empty');
    expect(r.workloads[0].disappeared).toBe(false);
  });
});

describe('mergeSeries', () => {
  it('means only the pods present at each time, max for duplicates', () => {
    const a = { t: [0, 1, 2], v: [0.2, 0.4, null] };
    const b = { t: [1, 2, 3], v: [0.6, 0.8, 1] };
    const mean = mergeSeries([a, b], 'mean');
    expect(Array.from(mean.t)).toEqual([0, 1, 2, 3]);
    expect(Array.from(mean.v).map((x) => +x.toFixed(6))).toEqual([0.2, 0.5, 0.8, 1]);
    expect(Array.from(mergeSeries([a, b], 'max').v)).toEqual([0.2, 0.6, 0.8, 1]);
    expect(mergeSeries([], 'mean').t.length).toBe(0);
  });
});
