import { checkProfile, LoadProfile, LoadProfileError, rateAt, requestsPerTick } from './profile';

const flat: LoadProfile = { durationS: 100, baseRps: 10, dayS: 50, amplitude: 0, growthPerDay: 0, spike: null };

describe('rateAt', () => {
  it('is the base rate for a flat profile, and 0 outside the run', () => {
    expect(rateAt(0, flat)).toBe(10);
    expect(rateAt(99.9, flat)).toBe(10);
    expect(rateAt(100, flat)).toBe(0);
    expect(rateAt(-1, flat)).toBe(0);
    expect(rateAt(NaN, flat)).toBe(0);
  });

  it('goes trough -> peak -> trough once per compressed day', () => {
    const p = { ...flat, amplitude: 0.5 };
    expect(rateAt(0, p)).toBeCloseTo(5);
    expect(rateAt(12.5, p)).toBeCloseTo(10);
    expect(rateAt(25, p)).toBeCloseTo(15);
    expect(rateAt(50, p)).toBeCloseTo(5);
    expect(rateAt(75, p)).toBeCloseTo(15);
  });

  it('grows, compounded per day, and never goes negative at a full amplitude', () => {
    const p = { ...flat, growthPerDay: 0.2 };
    expect(rateAt(50, p)).toBeCloseTo(12);
    expect(rateAt(25, p)).toBeCloseTo(10 * Math.sqrt(1.2));
    expect(rateAt(0, { ...flat, amplitude: 1 })).toBe(0);
  });

  it('multiplies by the spike factor within the spike only', () => {
    const p = { ...flat, spike: { atS: 40, forS: 10, factor: 10 } };
    expect(rateAt(39.9, p)).toBe(10);
    expect(rateAt(40, p)).toBe(100);
    expect(rateAt(49.9, p)).toBe(100);
    expect(rateAt(50, p)).toBe(10);
  });
});

describe('requestsPerTick', () => {
  it('sends the integral of the rate, fractions carried over', () => {
    expect(requestsPerTick(flat, 0.1).reduce((a, b) => a + b, 0)).toBe(1000);
    const slow = { ...flat, baseRps: 0.3, durationS: 10 };
    expect(requestsPerTick(slow, 0.1).reduce((a, b) => a + b, 0)).toBe(3);
    const spiky = { ...flat, amplitude: 0.5, growthPerDay: 0.1, spike: { atS: 60, forS: 10, factor: 10 } };
    const ticks = requestsPerTick(spiky, 0.1);
    expect(ticks).toHaveLength(1000);
    // the integral: day 1 and 2 of the cycle with growth, plus 9 x the 10 s of spike
    let integral = 0;
    for (let t = 0.005; t < 100; t += 0.01) integral += rateAt(t, spiky) * 0.01;
    expect(Math.abs(ticks.reduce((a, b) => a + b, 0) - integral)).toBeLessThan(2);
  });

  it('has a last, shorter tick when the tick does not divide the duration', () => {
    expect(requestsPerTick({ ...flat, durationS: 1.05 }, 0.1)).toHaveLength(11);
    expect(requestsPerTick({ ...flat, durationS: 1.05 }, 0.1).reduce((a, b) => a + b, 0)).toBe(10);
  });
});

describe('checkProfile', () => {
  it('accepts a good profile and names the first bad setting', () => {
    expect(checkProfile(flat)).toBe(flat);
    expect(() => checkProfile({ ...flat, durationS: 0 })).toThrow(LoadProfileError);
    expect(() => checkProfile({ ...flat, amplitude: 1.5 })).toThrow(/amplitude must be from 0 to 1 \(got 1.5\)/);
    expect(() => checkProfile({ ...flat, growthPerDay: -1 })).toThrow(/growth per day/);
    expect(() => checkProfile({ ...flat, spike: { atS: 5, forS: 0, factor: 10 } })).toThrow(/a spike needs/);
  });
});
