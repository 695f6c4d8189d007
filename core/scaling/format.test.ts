import { formatDuration, formatNumber, formatWithUnit } from './format';

describe('format', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(130_000)).toBe('2m10s');
    expect(formatDuration(120_000)).toBe('2m');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(3_900_000)).toBe('1h5m');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(-60_000)).toBe('-1m');
    expect(formatDuration(NaN)).toBe('?');
    expect(formatDuration(90_000_000)).toBe('1d1h');
  });
  it('formats numbers and units', () => {
    expect(formatNumber(91.2, 0)).toBe('91');
    expect(formatNumber(0.456, 2)).toBe('0.46');
    expect(formatNumber(-0.01, 1)).toBe('0');
    expect(formatWithUnit(91.2, '%')).toBe('91 %');
    expect(formatWithUnit(0.913, undefined)).toBe('0.91');
  });
});
