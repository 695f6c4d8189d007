import { itemForTurn, wholeIn } from './server';
import { ITEM_COUNT } from './store';

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

describe('itemForTurn', () => {
  it('stays within the catalogue and favours the first items', () => {
    const items = Array.from({ length: 10000 }, (_, t) => itemForTurn(t));
    expect(Math.min(...items)).toBe(1);
    expect(Math.max(...items)).toBeLessThanOrEqual(ITEM_COUNT);
    const hot = items.filter((i) => i <= ITEM_COUNT / 10).length / items.length;
    expect(hot).toBeGreaterThan(0.4);
    expect(hot).toBeLessThan(0.5);
    expect(new Set(items).size).toBeGreaterThan(ITEM_COUNT / 2);
  });
});
