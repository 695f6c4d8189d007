import { integrateStep, smallestStep } from './integrate';

const min = 60_000;

describe('integrateStep', () => {
  it('holds each sample until the next: N samples at step s cover (N-1)·s', () => {
    // 5 instances for 2 h at 1-minute samples = 10 instance-hours
    const t = Array.from({ length: 121 }, (_, i) => i * min);
    const v = t.map(() => 5);
    expect(integrateStep(t, v)).toBeCloseTo(10, 12);
  });

  it('clips to a window', () => {
    expect(integrateStep([0, 60 * min, 120 * min], [1, 3, 3], 30 * min, 90 * min)).toBeCloseTo(0.5 + 1.5, 12);
  });

  it('charges a scrape gap only up to the hold time', () => {
    // 1-minute samples, then a 2-hour gap: the sample before the gap holds 5 minutes (lookback), not 2 h
    const t = [0, min, 2 * min, 122 * min, 123 * min];
    expect(integrateStep(t, [1, 1, 1, 1, 1])).toBeCloseTo((min + min + 5 * min + min) / 3_600_000, 12);
    expect(smallestStep(t)).toBe(min);
  });
});
