/** @jest-environment node */
import type { CandidateBacktest, FoldPlan } from './backtest';
import { cleanedMae, combination, combineForecasts, COMBINE_WITHIN, insideBand, preferRobust, ROBUST_TIE } from './combine';
import { forecast } from './forecast';
import { ets, snaive, type Candidate } from './models';

const bt = (errors: number[], mae: number, candidate: Candidate = snaive(2)): CandidateBacktest => ({ candidate, errors: Float64Array.from(errors), mae });

describe('combineForecasts', () => {
  it('weights each forecast by 1/mae', () => {
    const out = combineForecasts([
      { forecast: [10, 20], mae: 1 },
      { forecast: [40, 50], mae: 2 },
    ]);
    // weights 1 and 0.5 → (10·1 + 40·0.5) / 1.5 = 20, (20 + 25) / 1.5 = 30
    expect(out[0]).toBeCloseTo(20, 12);
    expect(out[1]).toBeCloseTo(30, 12);
  });

  it('falls back to the plain mean when an error is 0 or not finite, and is empty for no parts', () => {
    expect(Array.from(combineForecasts([{ forecast: [1], mae: 0 }, { forecast: [3], mae: 2 }]))).toEqual([2]);
    expect(Array.from(combineForecasts([{ forecast: [1], mae: Infinity }, { forecast: [5], mae: 1 }]))).toEqual([3]);
    expect(combineForecasts([]).length).toBe(0);
  });
});

describe('cleanedMae', () => {
  it('scores errors against the cleaned values: a spike in a fold costs nothing', () => {
    const plan: FoldPlan = { origins: [4, 2], horizon: 2 };
    const actual = [0, 0, 1, 100, 3, 4];
    const cleaned = [0, 0, 1, 2, 3, 4];
    // forecasts: fold 0 (origin 4) → [3, 5]; fold 1 (origin 2) → [1, 1]; errors are actual − forecast
    const errors = [3 - 3, 4 - 5, 1 - 1, 100 - 1];
    const got = cleanedMae(bt(errors, NaN), actual, cleaned, plan);
    expect(got).toBeCloseTo((0 + 1 + 0 + 1) / 4, 12);
    expect(cleanedMae(bt([NaN, NaN, NaN, NaN], NaN), actual, cleaned, plan)).toBe(Infinity);
  });
});

describe('combination', () => {
  const plan: FoldPlan = { origins: [2], horizon: 2 };
  const actual = [0, 0, 0, 0];

  it('keeps the runner-up within COMBINE_WITHIN of the winner, and only the winner otherwise', () => {
    const best = bt([1, -1], 1);
    const close = bt([COMBINE_WITHIN, -COMBINE_WITHIN], COMBINE_WITHIN, ets());
    const far = bt([COMBINE_WITHIN + 0.5, COMBINE_WITHIN + 0.5], COMBINE_WITHIN + 0.5, snaive(3));
    expect(combination([best, close, far], actual, actual, plan).map((c) => c.mae)).toEqual([1, COMBINE_WITHIN]);
    expect(combination([best, far], actual, actual, plan).map((c) => c.mae)).toEqual([1]);
    expect(combination([bt([0, 0], 0), close], actual, actual, plan).length).toBe(1);
    expect(combination([], actual, actual, plan)).toEqual([]);
  });

  it("passes over the winner's robust or plain twin for the best candidate of another family", () => {
    const best = bt([1, -1], 1, ets());
    const twin = bt([1.1, -1.1], 1.1, ets(true));
    const other = bt([1.5, -1.5], 1.5, snaive(2));
    expect(combination([best, twin, other], actual, actual, plan).map((c) => c.backtest.candidate.id)).toEqual(['ets', 'seasonal-naive(2)']);
    expect(combination([best, twin], actual, actual, plan).map((c) => c.backtest.candidate.id)).toEqual(['ets']);
  });
});

describe('insideBand', () => {
  it('is true only when every step lies within mean + [lo, hi]', () => {
    const band = { lo: [-1, -2], hi: [1, 2] };
    expect(insideBand([10, 12], [10, 10], band)).toBe(true);
    expect(insideBand([10, 12.5], [10, 10], band)).toBe(false);
    expect(insideBand([NaN, 10], [10, 10], band)).toBe(false);
  });
});

describe('preferRobust', () => {
  const plain = bt([], 10, ets());
  const naive = bt([], 10.2, snaive(2));
  const ids = (s: CandidateBacktest[]) => s.map((b) => b.candidate.id);

  it('puts the robust twin first when it scores within ROBUST_TIE of the plain winner, the rest in order', () => {
    const robust = bt([], 10 * (1 + ROBUST_TIE), ets(true));
    expect(ids(preferRobust([plain, naive, robust]))).toEqual(['ets+robust', 'ets', 'seasonal-naive(2)']);
  });

  it('keeps the order when the twin is further behind, absent, already first, or the winner has no error', () => {
    const far = bt([], 10 * (1 + ROBUST_TIE) + 1e-9, ets(true));
    expect(ids(preferRobust([plain, naive, far]))).toEqual(['ets', 'seasonal-naive(2)', 'ets+robust']);
    expect(ids(preferRobust([plain, naive]))).toEqual(['ets', 'seasonal-naive(2)']);
    const robustFirst = bt([], 9, ets(true));
    expect(ids(preferRobust([robustFirst, plain]))).toEqual(['ets+robust', 'ets']);
    expect(ids(preferRobust([bt([], 0, ets()), bt([], 0, ets(true))]))).toEqual(['ets', 'ets+robust']);
    expect(preferRobust([])).toEqual([]);
  });

  it('a burst still under way at the end of the series does not carry the level with it', () => {
    // 20 quiet days of a daily cycle, then the last 6 points jump 8x (an incident the forecast
    // origin falls in): the forecast stays near the cycle, not at the burst
    const day = 48;
    const n = 20 * day;
    const t = Float64Array.from({ length: n }, (_, i) => i * 1800);
    const y = Float64Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / day) + ((i * 7919) % 13) - 6);
    for (let i = n - 6; i < n; i++) y[i] = 800;
    const r = forecast(t, y, { horizon: 12 });
    if (!r.ok) throw new Error(r.message);
    expect(Math.max(...r.mean)).toBeLessThan(400);
  });
});
