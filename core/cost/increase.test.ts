import { CounterIndex, increase, lastAtOrBefore, resetCorrected } from './increase';
import { integrateStep, smallestStep } from './integrate';

const min = 60_000;

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

describe('lastAtOrBefore', () => {
  it('binary-searches sorted times', () => {
    const t = [10, 20, 30];
    expect([5, 10, 15, 30, 99].map((x) => lastAtOrBefore(t, x))).toEqual([-1, 0, 0, 2, 2]);
  });
});

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
