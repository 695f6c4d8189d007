import { normaliseSeries, roundReplicas } from './series';

describe('normaliseSeries', () => {
  it('drops invalid points, sorts, and keeps the last of duplicate timestamps', () => {
    const s = normaliseSeries({
      t: [30, 10, null, 20, 20, NaN, 40],
      v: [3, 1, 9, 2, 2.5, 7, Infinity],
    });
    expect(Array.from(s.t)).toEqual([10, 20, 30]);
    expect(Array.from(s.v)).toEqual([1, 2.5, 3]);
  });

  it('reads only the common prefix when lengths differ', () => {
    const s = normaliseSeries({ t: [0, 1, 2], v: [5, 6] });
    expect(Array.from(s.v)).toEqual([5, 6]);
  });

  it('gives an empty series for null or empty input', () => {
    expect(normaliseSeries(null).t.length).toBe(0);
    expect(normaliseSeries({ t: [], v: [] }).v.length).toBe(0);
  });
});

describe('roundReplicas', () => {
  it('rounds float noise silently and counts far-from-integer samples', () => {
    const s = normaliseSeries({ t: [0, 1, 2, 3], v: [4.9999, 5.5, 6.02, -1] });
    const r = roundReplicas(s, 0.1);
    expect(Array.from(r.series.v)).toEqual([5, 6, 6, 0]);
    expect(r.noisySamples).toBe(1);
    expect(r.negativeSamples).toBe(1);
  });
});
