import fc from 'fast-check';
import { firstAtOrAfter, goSearchAtLeast, lastAtOrBefore, nearestIndex } from './search';

// Naive answers by a linear scan, for sorted input.
const naiveFirst = (a: number[], x: number, from: number, to: number) => {
  for (let i = from; i < to; i++) if (a[i] >= x) return i;
  return to;
};
const naiveLast = (a: number[], x: number) => {
  let found = -1;
  for (let i = 0; i < a.length; i++) if (a[i] <= x) found = i;
  return found;
};
const naiveNearest = (a: number[], x: number) => {
  let best = -1;
  for (let i = 0; i < a.length; i++) if (best < 0 || Math.abs(a[i] - x) < Math.abs(a[best] - x)) best = i;
  return best;
};

const value = fc.integer({ min: -50, max: 50 });
const sorted = fc.array(value, { maxLength: 40 }).map((a) => a.sort((p, q) => p - q));
const withRange = sorted.chain((a) =>
  fc.tuple(fc.constant(a), fc.integer({ min: 0, max: a.length }), fc.integer({ min: 0, max: a.length })).map(([arr, p, q]) => ({ a: arr, from: Math.min(p, q), to: Math.max(p, q) }))
);

describe('binary search', () => {
  it('firstAtOrAfter and goSearchAtLeast equal a linear scan on sorted input, in any sub-range', () => {
    fc.assert(
      fc.property(withRange, value, ({ a, from, to }, x) => {
        expect(firstAtOrAfter(a, x, from, to)).toBe(naiveFirst(a, x, from, to));
        expect(goSearchAtLeast(a, x, from, to)).toBe(naiveFirst(a, x, from, to));
      }),
      { numRuns: 500 }
    );
  });

  it('lastAtOrBefore equals a linear scan (duplicates: the last of them)', () => {
    fc.assert(fc.property(sorted, value, (a, x) => expect(lastAtOrBefore(a, x)).toBe(naiveLast(a, x))), { numRuns: 500 });
    const t = [10, 20, 30];
    expect([5, 10, 15, 30, 99].map((x) => lastAtOrBefore(t, x))).toEqual([-1, 0, 0, 2, 2]);
  });

  it('nearestIndex finds a value as near as the nearest, the earlier on a tie', () => {
    fc.assert(
      fc.property(sorted, fc.double({ min: -60, max: 60, noNaN: true }), (a, x) => {
        const i = nearestIndex(a, x);
        const j = naiveNearest(a, x);
        expect(i < 0 ? i : Math.abs(a[i] - x)).toBe(j < 0 ? j : Math.abs(a[j] - x));
      }),
      { numRuns: 500 }
    );
    expect(nearestIndex([0, 10], 5)).toBe(0);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
  });

  it('edge cases: empty ranges and NaN', () => {
    expect(firstAtOrAfter([], 1)).toBe(0);
    expect(lastAtOrBefore([], 1)).toBe(-1);
    expect(nearestIndex([], 1)).toBe(-1);
    expect(firstAtOrAfter([1, 2, 3], NaN)).toBe(0);
    expect(lastAtOrBefore([1, 2, 3], NaN)).toBe(-1);
    // Go's sort.Search: a NaN target satisfies nothing, so the answer is the end of the range.
    expect(goSearchAtLeast([1, 2, 3], NaN, 0, 3)).toBe(3);
    expect(goSearchAtLeast([1, NaN, 3], 2, 0, 3)).toBe(2);
  });
});
