import fc from 'fast-check';
import { selectKth } from './select';

describe('selectKth', () => {
  it('equals the k-th element of the sorted array, for any k and prefix length', () => {
    const input = fc
      .array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 60 })
      .chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 1, max: a.length })).chain(([arr, n]) => fc.tuple(fc.constant(arr), fc.constant(n), fc.integer({ min: 0, max: n - 1 }))));
    fc.assert(
      fc.property(input, ([a, n, k]) => {
        const sorted = a.slice(0, n).sort((p, q) => p - q);
        expect(selectKth(Float64Array.from(a), k, n)).toBe(sorted[k]);
      }),
      { numRuns: 500 }
    );
  });

  it('edge cases: k outside [0, n) is NaN; repeated values', () => {
    expect(selectKth(Float64Array.from([3, 1, 2]), -1)).toBeNaN();
    expect(selectKth(Float64Array.from([3, 1, 2]), 2, 2)).toBeNaN();
    expect(selectKth(new Float64Array(0), 0)).toBeNaN();
    expect(selectKth(Float64Array.from([5, 5, 5, 5]), 3)).toBe(5);
  });
});
