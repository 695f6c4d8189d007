import { durationAxisIncrs } from './axisSteps';

describe('durationAxisIncrs', () => {
  it('gives round durations in the unit of the axis', () => {
    const s = durationAxisIncrs('s')!;
    expect(s).toEqual(expect.arrayContaining([1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 86400]));
    expect(s).not.toContain(100);
    expect(durationAxisIncrs('ms')).toEqual(expect.arrayContaining([1, 1000, 60000, 300000]));
    expect(durationAxisIncrs('m')).toEqual(expect.arrayContaining([1, 5, 60]));
  });

  it('ascends, and is undefined for units that are not durations', () => {
    const s = durationAxisIncrs('s')!;
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(durationAxisIncrs('percentunit')).toBeUndefined();
    expect(durationAxisIncrs(undefined)).toBeUndefined();
  });
});
