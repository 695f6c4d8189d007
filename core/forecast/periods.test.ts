/** @jest-environment node */
import { periodInSteps, resolvePeriods } from './periods';

describe('periods', () => {
  it('auto picks a day and a week when two cycles fit', () => {
    expect(resolvePeriods('auto', 1800, 10_000)).toEqual({ periods: [48, 336] });
    expect(resolvePeriods('auto', 300, 4000)).toEqual({ periods: [288] });
    expect(resolvePeriods('auto', 86_400, 100)).toEqual({ periods: [7] });
    expect(resolvePeriods('auto', 300, 100)).toEqual({ periods: [] });
    expect(resolvePeriods('auto', 7 * 86_400, 100)).toEqual({ periods: [] });
  });

  it('none and explicit seconds', () => {
    expect(resolvePeriods('none', 60, 10_000)).toEqual({ periods: [] });
    expect(resolvePeriods(3600, 60, 1000)).toEqual({ periods: [60] });
    expect(resolvePeriods(3600, 60, 100)).toMatchObject({ periods: [], warning: expect.stringContaining('120 points') });
    expect(resolvePeriods(30, 60, 1000)).toMatchObject({ ok: false, code: 'bad_option' });
    expect(resolvePeriods(-5, 60, 1000)).toMatchObject({ ok: false, code: 'bad_option' });
    expect(resolvePeriods(NaN, 60, 1000)).toMatchObject({ ok: false, code: 'bad_option' });
  });

  it('a step that does not divide the cycle gives no period', () => {
    expect(periodInSteps(86_400, 7000)).toBe(0);
    expect(periodInSteps(86_400, 300)).toBe(288);
  });
});
