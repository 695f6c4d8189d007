/** @jest-environment node */
import fc from 'fast-check';
import { exhaustion } from './exhaustion';
import { forecast } from './forecast';

const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0) },
);

/** Series with a random step, jitter, gaps, duplicates and shuffling; values of any kind. */
const series = fc
  .record({
    n: fc.integer({ min: 0, max: 400 }),
    step: fc.constantFrom(1, 15, 60, 300, 3600, 86_400),
    jitter: fc.double({ min: 0, max: 0.3, noNaN: true }),
    gapEvery: fc.integer({ min: 0, max: 50 }),
    shuffle: fc.boolean(),
    shape: fc.constantFrom('random', 'sine', 'constant', 'trend'),
    values: fc.array(value, { minLength: 400, maxLength: 400 }),
    seed: fc.integer(),
  })
  .map(({ n, step, jitter, gapEvery, shuffle, shape, values, seed }) => {
    const t: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      if (gapEvery > 0 && i % gapEvery === gapEvery - 1) continue;
      t.push(1_600_000_000 + i * step + Math.sin(seed + i) * jitter * step);
      const v = values[i];
      y.push(
        shape === 'random' ? v
        : shape === 'constant' ? 5
        : shape === 'trend' ? i * 3 + (Number.isFinite(v) ? v * 1e-6 : v)
        : 100 * Math.sin(i / 4) + (Number.isFinite(v) ? v * 1e-4 : 0),
      );
    }
    if (shuffle) {
      for (let i = t.length - 1; i > 0; i--) {
        const j = Math.abs(seed + i * 7919) % (i + 1);
        [t[i], t[j]] = [t[j], t[i]];
        [y[i], y[j]] = [y[j], y[i]];
      }
    }
    return { t, y };
  });

const options = fc.record({
  horizon: fc.integer({ min: 1, max: 60 }),
  season: fc.oneof(fc.constantFrom<'auto' | 'none'>('auto', 'none'), fc.constantFrom(60, 3600, 86_400, 7)),
  level: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
  growthPerYear: fc.constantFrom(0, 0.5, -0.5, 3),
});

describe('forecast properties', () => {
  it('never throws; ok results are finite with lower ≤ mean ≤ upper and exactly N points', () => {
    fc.assert(
      fc.property(series, options, fc.double({ min: -1e6, max: 1e6, noNaN: true }), ({ t, y }, opt, capacity) => {
        const r = forecast(t, y, opt);
        if (!r.ok) {
          expect(['too_short', 'bad_input', 'irregular', 'bad_option']).toContain(r.code);
          expect(r.message.length).toBeGreaterThan(0);
          return;
        }
        expect(r.t.length).toBe(opt.horizon);
        for (let k = 0; k < opt.horizon; k++) {
          if (!(Number.isFinite(r.mean[k]) && Number.isFinite(r.lower[k]) && Number.isFinite(r.upper[k]))) {
            throw new Error(`non-finite at ${k}: ${r.lower[k]} ${r.mean[k]} ${r.upper[k]} (${r.model})`);
          }
          if (!(r.lower[k] <= r.mean[k] && r.mean[k] <= r.upper[k])) {
            throw new Error(`order at ${k}: ${r.lower[k]} ${r.mean[k]} ${r.upper[k]} (${r.model})`);
          }
          if (k > 0 && !(r.t[k] > r.t[k - 1])) throw new Error('timestamps not increasing');
        }
        const ex = exhaustion(r, capacity);
        if (!ex.ok) throw new Error(ex.message);
        expect(ex.probability).toBeGreaterThanOrEqual(0);
        expect(ex.probability).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100, seed: 20240611 },
    );
  });
});
