import fc from 'fast-check';
import { bucketIncreases, counterDelta, counterIncreaseBetween, counterIncreases, CounterIndex, hasCounterReset, increase, resetCorrected } from './counter';

const min = 60_000;
const sane = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });

describe('increase', () => {
  it('sums deltas of a monotonic counter', () => {
    expect(increase({ t: [0, min, 2 * min], v: [10, 15, 30] })).toEqual({ increase: 20, samples: 3, resets: 0 });
  });

  it('treats a drop as a restart from zero, like Prometheus', () => {
    // 100 → 130 (+30), restart, 5 (+5), 25 (+20)
    expect(increase({ t: [0, 1, 2, 3], v: [100, 130, 5, 25] })).toEqual({ increase: 55, samples: 4, resets: 1 });
    expect(resetCorrected({ t: [0, 1, 2, 3], v: [100, 130, 5, 25] }).v).toEqual(Float64Array.from([0, 30, 35, 55]));
  });

  it('measures (start, end] from the last sample at or before each edge, so windows tile', () => {
    const c = { t: [0, 10, 20, 30, 40], v: [0, 5, 2, 9, 20] };
    const whole = increase(c, 0, 40).increase;
    expect(increase(c, 0, 20).increase + increase(c, 20, 40).increase).toBe(whole);
    expect(increase(c, 15, 35)).toEqual({ increase: 2 + 7, samples: 2, resets: 1 });
  });

  it('is 0 with no samples, one sample, or a window before the data', () => {
    expect(increase({ t: [], v: [] })).toEqual({ increase: 0, samples: 0, resets: 0 });
    expect(increase({ t: [5], v: [42] })).toEqual({ increase: 0, samples: 1, resets: 0 });
    expect(increase({ t: [50, 60], v: [1, 2] }, 0, 40)).toEqual({ increase: 0, samples: 0, resets: 0 });
  });

  it('skips NaN samples', () => {
    expect(increase({ t: [0, 1, 2], v: [1, NaN, 4] }).increase).toBe(3);
  });

  it('answers many windows from one index', () => {
    const idx = new CounterIndex({ t: [0, 1, 2, 3], v: [0, 10, 3, 8] });
    expect(idx.increase(0, 1).increase).toBe(10);
    expect(idx.increase(1, 3)).toEqual({ increase: 8, samples: 2, resets: 1 });
  });
});

describe('counter increases', () => {
  it('handles resets and gaps', () => {
    expect(Array.from(counterIncreases([1, 3, 7, 2, 5]))).toEqual([NaN, 2, 4, 2, 3]);
    expect(Array.from(counterIncreases([1, NaN, 4]))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(counterIncreases([1, NaN, 4], true))).toEqual([NaN, NaN, 3]);
    expect(bucketIncreases([[1, 2], [3, 1]]).map((a) => Array.from(a))).toEqual([[NaN, 1], [NaN, 1]]);
  });

  it('sums increases over a range', () => {
    expect(counterIncreaseBetween([5, 6, 1, 3])).toBe(1 + 1 + 2);
    expect(counterIncreaseBetween([5, NaN, 8], 0, 2)).toBe(3);
    expect(counterIncreaseBetween([5])).toBeNaN();
  });
});

describe('counter properties', () => {
  it('counter increases are never negative for non-negative counters', () => {
    fc.assert(
      fc.property(fc.array(sane, { maxLength: 50 }), (values) => {
        for (const d of counterIncreases(values)) expect(Number.isNaN(d) || d >= 0).toBe(true);
      }),
    );
  });
});

// Naive reference: the increase over samples (a, b] of the valid samples, pair by pair.
function naiveIncrease(t: number[], v: number[], start: number, end: number): number {
  let total = 0;
  let prev = NaN;
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(v[i]) || !Number.isFinite(t[i])) continue;
    if (t[i] > end) break;
    if (prev === prev && t[i] > start) total += v[i] >= prev ? v[i] - prev : v[i];
    prev = v[i];
  }
  return total;
}

describe('counter maths against naive loops', () => {
  const counter = fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(NaN)), { maxLength: 40 });

  it('CounterIndex.increase over any window equals the pairwise sum of deltas inside it', () => {
    fc.assert(
      fc.property(counter, fc.integer({ min: -2, max: 42 }), fc.integer({ min: -2, max: 42 }), (v, p, q) => {
        const t = v.map((_, i) => i);
        const [start, end] = [Math.min(p, q), Math.max(p, q)];
        expect(new CounterIndex({ t, v }).increase(start, end).increase).toBe(naiveIncrease(t, v, start, end));
      }),
      { numRuns: 500 }
    );
  });

  it('counterIncreases: each interval is v[i] - v[i-1], or v[i] after a drop, NaN next to a gap', () => {
    fc.assert(
      fc.property(counter, fc.boolean(), (v, bridge) => {
        const out = counterIncreases(v, bridge);
        let prev = NaN;
        v.forEach((x, i) => {
          const want = Number.isNaN(x) || Number.isNaN(prev) ? NaN : x < prev ? x : x - prev;
          expect(out[i]).toBe(want);
          if (!Number.isNaN(x) || !bridge) prev = x;
        });
        expect(counterIncreaseBetween(v)).toBe(v.filter((x) => !Number.isNaN(x)).length < 2 ? NaN : naiveIncrease(v.map((_, i) => i), v, -1, Infinity));
      }),
      { numRuns: 500 }
    );
  });

  it('finiteOnly treats infinities as gaps too; without it they are used as they are', () => {
    expect(Array.from(counterIncreases([1, Infinity, 4], true, undefined, true))).toEqual([NaN, NaN, 3]);
    expect(Array.from(counterIncreases([1, Infinity, 4], true))).toEqual([NaN, Infinity, 4]);
  });

  it('counterDelta and hasCounterReset', () => {
    expect(counterDelta(10, 15)).toBe(5);
    expect(counterDelta(10, 3)).toBe(3);
    expect(hasCounterReset([1, 2, 2, 5])).toBe(false);
    expect(hasCounterReset([1, 2, 1])).toBe(true);
    expect(hasCounterReset([1, NaN, 0.5])).toBe(false);
  });
});
