/** @jest-environment node */
import { forecast } from './forecast';
import type { ForecastOk, ForecastResult } from './types';

const HOUR = 3600;

function ok(r: ForecastResult): ForecastOk {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r;
}

function checkBand(r: ForecastOk, h: number) {
  expect(r.t.length).toBe(h);
  const bad: number[] = [];
  for (let k = 0; k < h; k++) {
    const finite = Number.isFinite(r.mean[k]) && Number.isFinite(r.lower[k]) && Number.isFinite(r.upper[k]);
    if (!finite || r.lower[k] > r.mean[k] || r.mean[k] > r.upper[k]) bad.push(k);
  }
  expect(bad).toEqual([]);
}

/** Hourly series, 6 weeks: trend, daily and weekly cycles, deterministic noise. */
function hourly(n = 6 * 168, t0 = 1_700_000_000) {
  const t: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(t0 + i * HOUR);
    y.push(truth(i) + 2 * Math.sin(i * 12.9898));
  }
  return { t, y };
}
function truth(i: number) {
  const weekend = Math.floor((i % 168) / 24) >= 5;
  return 200 + 0.1 * i + 40 * Math.sin((2 * Math.PI * i) / 24) + (weekend ? -30 : 12);
}

describe('forecast', () => {
  it('learns trend, daily and weekly seasonality and steps N points at the series step', () => {
    const { t, y } = hourly();
    const r = ok(forecast(t, y, { horizon: 48 }));
    checkBand(r, 48);
    expect(r.step).toBe(HOUR);
    expect(r.t[0]).toBe(t[t.length - 1] + HOUR);
    expect(r.t[47]).toBe(t[t.length - 1] + 48 * HOUR);
    expect(r.model).toMatch(/mstl|holt-winters|seasonal-naive/);
    expect(r.backtest).not.toBeNull();
    expect(r.candidates.length).toBeGreaterThan(3);
    let mae = 0;
    for (let k = 0; k < 48; k++) mae += Math.abs(r.mean[k] - truth(y.length + k)) / 48;
    expect(mae).toBeLessThan(6);
    // a 95 % band holds the truth nearly everywhere
    let inside = 0;
    for (let k = 0; k < 48; k++) if (truth(y.length + k) >= r.lower[k] && truth(y.length + k) <= r.upper[k]) inside++;
    expect(inside).toBeGreaterThanOrEqual(44);
  });

  it('intervals widen with the horizon', () => {
    const { t, y } = hourly();
    const r = ok(forecast(t, y, { horizon: 400 }));
    checkBand(r, 400);
    expect(r.upper[399] - r.lower[399]).toBeGreaterThan(r.upper[0] - r.lower[0]);
  });

  it('season none drops the seasonal models; explicit seconds picks that period', () => {
    const { t, y } = hourly();
    const none = ok(forecast(t, y, { horizon: 24, season: 'none' }));
    expect(none.candidates.every((c) => !/mstl|seasonal|holt/.test(c.model))).toBe(true);
    const day = ok(forecast(t, y, { horizon: 24, season: 86_400 }));
    expect(day.candidates.some((c) => c.model === 'mstl(24)')).toBe(true);
    expect(day.candidates.some((c) => c.model.includes('168'))).toBe(false);
  });

  it('imputes gaps, NaN and Inf, and reports them', () => {
    const { t, y } = hourly();
    const y2 = y.slice();
    y2[500] = NaN;
    y2[501] = Infinity;
    const keep = t.map((_, i) => i < 600 || i >= 624); // a missing day of timestamps
    const r = ok(forecast(t.filter((_, i) => keep[i]), y2.filter((_, i) => keep[i]), { horizon: 24 }));
    checkBand(r, 24);
    expect(r.warnings.join(' ')).toMatch(/24 missing point|26 missing point/);
    expect(r.warnings.join(' ')).toMatch(/non-finite/);
  });

  it('is robust to outliers', () => {
    const { t, y } = hourly();
    const clean = ok(forecast(t, y, { horizon: 24 }));
    const y2 = y.slice();
    for (const i of [100, 350, 700, 950, 990]) y2[i] += 5000;
    const r = ok(forecast(t, y2, { horizon: 24 }));
    let diff = 0;
    for (let k = 0; k < 24; k++) diff = Math.max(diff, Math.abs(r.mean[k] - clean.mean[k]));
    expect(diff).toBeLessThan(15);
    expect(r.warnings.join(' ')).toMatch(/outlier/);
  });

  it('handles irregular (jittered, unsorted) timestamps', () => {
    const { t, y } = hourly(400);
    const jittered = t.map((v, i) => v + ((i * 37) % 61) - 30);
    const order = jittered.map((_, i) => i).reverse();
    const r = ok(forecast(order.map((i) => jittered[i]), order.map((i) => y[i]), { horizon: 10 }));
    expect(r.step).toBe(HOUR);
    checkBand(r, 10);
  });

  it('constant series → constant forecast with zero width', () => {
    const t = Array.from({ length: 50 }, (_, i) => i * 60);
    const r = ok(forecast(t, t.map(() => 42), { horizon: 5 }));
    expect(r.model).toBe('constant');
    expect(Array.from(r.mean)).toEqual([42, 42, 42, 42, 42]);
    expect(Array.from(r.upper)).toEqual([42, 42, 42, 42, 42]);
  });

  it('negative values are forecast as they are; non-negative series are clamped at 0', () => {
    const t = Array.from({ length: 200 }, (_, i) => i * 60);
    const neg = ok(forecast(t, t.map((_, i) => -100 - i), { horizon: 10 }));
    expect(neg.mean[9]).toBeLessThan(-290);
    checkBand(neg, 10);
    const falling = ok(forecast(t, t.map((_, i) => Math.max(0, 100 - i)), { horizon: 50 }));
    expect(Math.min(...falling.lower)).toBeGreaterThanOrEqual(0);
  });

  it('too short series: clear errors, and short ones still get a forecast', () => {
    expect(forecast([1], [1], { horizon: 3 })).toMatchObject({ ok: false, code: 'too_short' });
    expect(forecast([0, 60], [1, 2], { horizon: 3 })).toMatchObject({ ok: false, code: 'too_short' });
    expect(forecast([], [], { horizon: 3 })).toMatchObject({ ok: false, code: 'too_short' });
    const r = ok(forecast([0, 60, 120], [1, 2, 4], { horizon: 3 }));
    checkBand(r, 3);
  });

  it('bad options are typed errors', () => {
    const t = [0, 60, 120, 180];
    const y = [1, 2, 3, 4];
    expect(forecast(t, y, { horizon: 0 })).toMatchObject({ ok: false, code: 'bad_option' });
    expect(forecast(t, y, { horizon: 1.5 })).toMatchObject({ ok: false, code: 'bad_option' });
    expect(forecast(t, y, { horizon: 2, level: 1 })).toMatchObject({ ok: false, code: 'bad_option' });
    expect(forecast(t, y, { horizon: 2, growthPerYear: -1 })).toMatchObject({ ok: false, code: 'bad_option' });
    expect(forecast(t, y, { horizon: 2, season: 30 })).toMatchObject({ ok: false, code: 'bad_option' });
    expect(forecast(t, [1, 2], { horizon: 2 })).toMatchObject({ ok: false, code: 'bad_input' });
    expect(forecast([0, 1, 2, 1e12], [1, 2, 3, 4], { horizon: 2 })).toMatchObject({ ok: false, code: 'irregular' });
  });

  it('growth scenario multiplies the forecast', () => {
    const t = Array.from({ length: 100 }, (_, i) => i * 86_400);
    const y = t.map(() => 100 + 0);
    y[50] = 101;
    const base = ok(forecast(t, y, { horizon: 365 }));
    const grown = ok(forecast(t, y, { horizon: 365, growthPerYear: 0.5 }));
    expect(grown.mean[364] / base.mean[364]).toBeCloseTo(Math.pow(1.5, 365 / 365.25), 6);
    checkBand(grown, 365);
  });

  it('a long horizon beyond the history stays finite and ordered', () => {
    const { t, y } = hourly(200);
    const r = ok(forecast(t, y, { horizon: 5000 }));
    checkBand(r, 5000);
  });
});
