import { dateTime } from '@grafana/data';
import { applyTimeFrom } from './timeFrom';

describe('applyTimeFrom', () => {
  const range = { from: dateTime(0), to: dateTime(6 * 3600_000), raw: { from: 'now-6h', to: 'now' } };

  it('gives the last 30 days for "30d", whatever the dashboard range', () => {
    const r = applyTimeFrom(range, '30d');
    expect(r.raw).toEqual({ from: 'now-30d', to: 'now' });
    expect(r.to.valueOf() - r.from.valueOf()).toBeCloseTo(30 * 86400_000, -4);
    expect(Math.abs(r.to.valueOf() - Date.now())).toBeLessThan(60_000);
  });

  it('keeps the dashboard range without one, or with an unreadable one', () => {
    expect(applyTimeFrom(range, undefined)).toBe(range);
    expect(applyTimeFrom(range, '')).toBe(range);
    expect(applyTimeFrom(range, 'soon')).toBe(range);
  });
});
