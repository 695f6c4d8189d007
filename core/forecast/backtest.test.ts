/** @jest-environment node */
import { backtestCandidate, historyRead, planFolds } from './backtest';
import { LEVEL_WINDOW } from './ets';
import { candidatesFor, type Candidate } from './models';

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

describe('historyRead', () => {
  it('covers what every candidate reads plus the folds, in whole cycles', () => {
    const need = historyRead(candidatesFor([48, 336]), 48, 3, 6, 336);
    expect(need % 336).toBe(0);
    expect(need).toBeGreaterThanOrEqual(LEVEL_WINDOW + 6 * 48);
    expect(need).toBeLessThan(LEVEL_WINDOW + 6 * 48 + 336);
    // a long fold plan keeps half of the shortened series to train on
    expect(historyRead([lastValue], 1000, 3, 6, 0)).toBe(2 * 3 * 1000 + 2);
  });

  it('leaves out only points no candidate reads: each fits the same forecast from its last reads points (whole cycles)', () => {
    const n = 6000;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = 50 + 0.01 * i + 10 * Math.sin((2 * Math.PI * i) / 24) + 3 * Math.sin((2 * Math.PI * i) / 168) + ((i * 7919) % 13) / 4;
    for (const c of candidatesFor([24, 168])) {
      const keep = Math.ceil(Math.max(c.reads, c.minLength) / 168) * 168;
      expect(Array.from(c.fit(y.subarray(n - keep), 48).forecast)).toEqual(Array.from(c.fit(y, 48).forecast));
    }
  });
});
