import { describeValue, firstNonFinite } from './limits';

describe('firstNonFinite', () => {
  it('names the path of the first number that is not finite, in document order', () => {
    expect(firstNonFinite({ a: 1, b: [2, { c: 3 }] })).toBeNull();
    expect(firstNonFinite({ a: 1, rows: [{ monthly: 2 }, { monthly: Infinity, yearly: NaN }] })).toBe('rows[1].monthly');
    expect(firstNonFinite([0, NaN])).toBe('[1]');
    expect(firstNonFinite(-Infinity, 'x')).toBe('x');
  });

  it('walks 200 000 levels without a stack overflow', () => {
    let deep: unknown = NaN;
    for (let i = 0; i < 200_000; i++) {
      deep = { a: [deep] };
    }
    expect(firstNonFinite(deep)?.startsWith('a[0].a[0]')).toBe(true);
  });
});

describe('describeValue', () => {
  it('says what a value is without walking it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) {
      deep = [deep];
    }
    expect(describeValue(deep)).toBe('a list of 1');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(describeValue(undefined)).toBe('missing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(1e308)).toBe('1e+308');
  });
});
