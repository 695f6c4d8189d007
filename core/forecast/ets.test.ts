/** @jest-environment node */
import { fitLevel, HUBER_K, huberClip, leadTimes, levelForecast, lossPairs } from './ets';

describe('leadTimes', () => {
  it('spreads about 8 lead times over 1..h including both ends', () => {
    const l = leadTimes(288);
    expect(l[0]).toBe(1);
    expect(l[l.length - 1]).toBe(288);
    expect(l.length).toBeLessThanOrEqual(9);
    expect(leadTimes(1)).toEqual([1]);
  });
});

describe('lossPairs', () => {
  it('counts the (origin, lead) pairs of the loss: origins n-1, n-1-stride, … from n/10 on, leads inside the series', () => {
    for (const n of [0, 1, 2, 3, 5, 17, 150, 151, 999, 2000]) {
      for (const h of [1, 7, 48, 300]) {
        const leads = leadTimes(Math.max(1, Math.min(h, Math.floor(n / 3))));
        const warm = Math.min(n - 1, Math.max(4, Math.floor(n / 10)));
        const stride = Math.max(1, Math.floor((n - warm) / 150));
        let want = 0;
        for (let t = n - 1; t >= Math.max(1, warm); t -= stride) want += leads.filter((k) => t + k < n).length;
        expect([n, h, lossPairs(n, leads)]).toEqual([n, h, want]);
      }
    }
  });
});

describe('fitLevel / levelForecast', () => {
  it('constant series → flat forecast at the constant', () => {
    const f = fitLevel(new Float64Array(200).fill(7), 10);
    expect(Array.from(levelForecast(f, 5))).toEqual([7, 7, 7, 7, 7]);
  });

  it('a noisy straight line is continued (drift or damped trend)', () => {
    const y = Float64Array.from({ length: 500 }, (_, i) => 10 + 0.5 * i + Math.sin(i * 78.233) * 0.3);
    const f = fitLevel(y, 50);
    expect(['drift', 'damped']).toContain(f.kind);
    const fc = levelForecast(f, 50);
    expect(fc[49]).toBeGreaterThan(10 + 0.5 * 540);
    expect(Math.abs(fc[0] - (10 + 0.5 * 500))).toBeLessThan(2);
  });

  it('a level shift is followed', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => (i < 300 ? 5 : 15) + Math.sin(i * 12.9898) * 0.2);
    const fc = levelForecast(fitLevel(y, 20), 20);
    expect(Math.abs(fc[0] - 15)).toBeLessThan(1);
  });

  it('too short series fall back to the last value', () => {
    const f = fitLevel(Float64Array.from([1, 2]), 3);
    expect(Array.from(levelForecast(f, 3))).toEqual([2, 2, 2]);
    expect(levelForecast(f, 0).length).toBe(0);
  });
});

describe('robust level (Huber-clipped one-step errors)', () => {
  /** A CPU gauge at 0.134 with dips to 0.066 on every 5th point: its typical level is 0.134. */
  const gauge = Float64Array.from({ length: 1500 }, (_, i) => (i % 5 === 0 ? 0.066 : i % 7 === 0 ? 0.132 : 0.134));

  it('follows the typical level of a gauge with regular dips, where the plain level is dragged down', () => {
    const plain = levelForecast(fitLevel(gauge, 12, ['none']), 12)[0];
    const robust = levelForecast(fitLevel(gauge, 12, ['none'], true), 12)[0];
    const mae = (v: number) => gauge.reduce((s, x) => s + Math.abs(x - v), 0) / gauge.length;
    expect(Math.abs(robust - 0.134)).toBeLessThan(0.006);
    expect(mae(robust)).toBeLessThan(mae(plain));
  });

  it('huberClip is HUBER_K robust σ of one step, and Infinity without spread', () => {
    const x = [0, 1, 0, 1, 0, 1, 0];
    // first differences ±1: median 0, MAD 1, σ = 1.4826; one step's σ is that / √2
    expect(huberClip(x)).toBeCloseTo((HUBER_K * 1.4826) / Math.SQRT2, 10);
    expect(huberClip([5, 5, 5])).toBe(Infinity);
    expect(huberClip([1])).toBe(Infinity);
  });
});
