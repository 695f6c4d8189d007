/** @jest-environment node */
import { backtestCandidate, planFolds } from './backtest';
import type { Candidate } from './models';

const lastValue: Candidate = {
  id: 'last',
  minLength: 1,
  reads: 1,
  fit: (y, h) => ({ name: 'last', forecast: new Float64Array(h).fill(y[y.length - 1]) }),
};

describe('planFolds', () => {
  it('cuts at n-h, n-2h, n-3h', () => {
    expect(planFolds(100, 10, 3, 3)).toEqual({ origins: [90, 80, 70], horizon: 10 });
  });
  it('shrinks the fold horizon to leave minTrain points', () => {
    expect(planFolds(20, 10, 3, 5)).toEqual({ origins: [15, 10, 5], horizon: 5 });
    expect(planFolds(5, 10, 3, 3)).toBeNull();
  });
});

describe('backtestCandidate', () => {
  it('records actual − forecast per fold and step, skipping missing actuals', () => {
    const y = Float64Array.from([0, 1, 2, 3, 4, 5, 6]);
    const actual = [0, 1, 2, 3, NaN, 5, 6];
    const r = backtestCandidate(lastValue, y, actual, { origins: [5, 3], horizon: 2 });
    expect(Array.from(r.errors)).toEqual([1, 2, 1, NaN]);
    expect(r.mae).toBeCloseTo(4 / 3);
  });
  it('a candidate that needs more history than a fold has is never chosen', () => {
    const big = { ...lastValue, minLength: 10 };
    expect(backtestCandidate(big, new Float64Array(12), new Float64Array(12), { origins: [11, 9], horizon: 1 }).mae).toBe(Infinity);
    const bad: Candidate = { ...lastValue, fit: (_y, h) => ({ name: 'bad', forecast: new Float64Array(h).fill(NaN) }) };
    expect(backtestCandidate(bad, new Float64Array(12), new Float64Array(12), { origins: [11], horizon: 1 }).mae).toBe(Infinity);
  });
});
