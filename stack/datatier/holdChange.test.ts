import { holdChange } from './holdChange';

describe('holdChange', () => {
  test('grows back to the target as soon as the total is under it', () => {
    expect(holdChange(36, 10, 0)).toBe(26);
    expect(holdChange(36, 10, 25)).toBe(1);
    // the live service's replicas leave (24 -> 10 of their connections): the hold takes their place
    expect(holdChange(36, 10, 12)).toBe(14);
  });

  test('gives way down to the target only past one over it', () => {
    expect(holdChange(36, 10, 26)).toBe(0);
    expect(holdChange(36, 11, 26)).toBe(0);
    expect(holdChange(36, 12, 26)).toBe(-2);
    // replicas arrive: their connections replace held ones
    expect(holdChange(36, 24, 26)).toBe(-14);
  });

  test('never ends more than it holds', () => {
    expect(holdChange(36, 40, 3)).toBe(-3);
    expect(holdChange(36, 40, 0)).toBe(0);
    expect(holdChange(36, 37, 0)).toBe(0);
  });

  test('a wider slack leaves a spike of others alone, and gives way back to the target past it', () => {
    expect(holdChange(34, 13, 21, 3)).toBe(0); // at 34
    expect(holdChange(34, 16, 21, 3)).toBe(0); // the workload's 3 arrive: 37, left alone
    expect(holdChange(34, 13, 21, 3)).toBe(0); // and leave: 34 again, never under it
    expect(holdChange(34, 17, 21, 3)).toBe(-4); // 38 > 37: back to 34
    expect(holdChange(34, 10, 21, 3)).toBe(3); // others leave: grows back to 34
  });

  test('a failed look changes nothing', () => {
    expect(holdChange(36, NaN, 5)).toBe(0);
    expect(holdChange(36, 10, Infinity)).toBe(0);
  });

  test('the total after the change is within [target, target + 1] whenever the others leave room', () => {
    for (let others = 0; others <= 36; others++) {
      for (let held = 0; held <= 45; held++) {
        const total = others + held + holdChange(36, others, held);
        expect(total >= 36 && total <= 37).toBe(true);
      }
    }
  });
});
