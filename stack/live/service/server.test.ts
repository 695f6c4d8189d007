import { wholeIn } from './server';

describe('wholeIn', () => {
  it('gives the default when absent and the number when whole and in range', () => {
    expect(wholeIn(undefined, 1, 10, 4)).toBe(4);
    expect(wholeIn('', 1, 10, 4)).toBe(4);
    expect(wholeIn('7', 1, 10, 4)).toBe(7);
    expect(wholeIn(10, 1, 10, 4)).toBe(10);
  });
  it('gives null for a fraction, out of range or not a number', () => {
    expect(wholeIn('1.5', 1, 10, 4)).toBeNull();
    expect(wholeIn(0, 1, 10, 4)).toBeNull();
    expect(wholeIn('11', 1, 10, 4)).toBeNull();
    expect(wholeIn('x', 1, 10, 4)).toBeNull();
  });
});
