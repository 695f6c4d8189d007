/** @jest-environment node */
import { decomposer, sharedDecomposer } from './models';

describe('sharedDecomposer', () => {
  const y = Float64Array.from({ length: 800 }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + (i % 7));

  it('gives what the plain decomposer gives, once per training view', () => {
    const shared = sharedDecomposer([24, 168]);
    const a = shared(y.subarray(0, 700));
    expect(shared(y.subarray(0, 700))).toBe(a);
    expect(a).toEqual(decomposer([24, 168])(y.subarray(0, 700)));
  });

  it('decomposes again for another array or another length', () => {
    const shared = sharedDecomposer([24]);
    const first = shared(y.subarray(0, 600));
    const other = y.slice(0, 600);
    other[599] += 100;
    expect(shared(other)).not.toBe(first);
    expect(shared(other)).toEqual(decomposer([24])(other));
    expect(shared(y.subarray(0, 624)).adjusted.length).toBe(624);
  });
});
