/** @jest-environment node */
import fc from 'fast-check';
import { MAX_SPIKE_RUN, replaceOutliers, residualScale, runningMedian } from './outliers';

describe('runningMedian', () => {
  it('matches a brute-force median with shrinking windows at the ends', () => {
    const x = [5, 1, 9, 3, 3, 7, 2, 8, 6, 4, 0];
    const w = 5;
    const got = runningMedian(x, w);
    for (let i = 0; i < x.length; i++) {
      const s = x.slice(Math.max(0, i - 2), Math.min(x.length, i + 3)).sort((a, b) => a - b);
      const m = s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      expect(got[i]).toBe(m);
    }
    expect(Array.from(runningMedian([1, 2, 3], 1))).toEqual([1, 2, 3]);
  });

  it('matches the brute-force median on random series with many repeated values, any odd window', () => {
    const brute = (x: number[], w: number) =>
      x.map((_, i) => {
        const h = (w - 1) >> 1;
        const s = x.slice(Math.max(0, i - h), Math.min(x.length, i + h + 1)).sort((a, b) => a - b);
        return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
      });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 60 }), fc.integer({ min: 0, max: 7 }), (xs, k) => {
        const x = xs.map((v) => v / 2);
        const w = 2 * k + 1;
        expect(Array.from(runningMedian(x, w))).toEqual(brute(x, w));
      }),
      { numRuns: 300 },
    );
  });
});

describe('replaceOutliers', () => {
  const p = 24;
  const base = Array.from({ length: 20 * p }, (_, i) => 50 + 10 * Math.sin((2 * Math.PI * i) / p) + Math.sin(i * 12.9898) * 0.5);

  it('replaces isolated spikes by the seasonal local level', () => {
    const y = Float64Array.from(base);
    y[100] += 500;
    y[300] -= 400;
    const { values, replaced } = replaceOutliers(y, [p]);
    expect(replaced).toBeGreaterThanOrEqual(2);
    expect(Math.abs(values[100] - base[100])).toBeLessThan(3);
    expect(Math.abs(values[300] - base[300])).toBeLessThan(3);
    expect(y[100]).toBe(base[100] + 500); // input untouched
  });

  it('keeps a level shift', () => {
    const y = Float64Array.from(base, (v, i) => (i >= 300 ? v + 100 : v));
    const { values } = replaceOutliers(y, [p]);
    for (let i = 310; i < y.length; i++) expect(values[i]).toBe(y[i]);
  });

  it('leaves constant and short series alone', () => {
    const c = new Float64Array(100).fill(3);
    expect(replaceOutliers(c, []).replaced).toBe(0);
    expect(replaceOutliers(Float64Array.from([1, 100, 1]), []).replaced).toBe(0);
  });
});

describe('replaceOutliers on synthetic workloads (properties)', () => {
  /** Seeded standard normal noise (Box-Muller on a small LCG), so each case is reproducible. */
  function noise(seed: number) {
    let s = seed >>> 0 || 1;
    const u = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 1) / 4294967297;
    return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  }
  const YEAR = 365 * 86_400;
  /** The seeds' scenario: a daily cycle on a level growing 50 %/year, plus Gaussian noise of σ. */
  function workload(n: number, step: number, seed: number, sigma: number) {
    const z = noise(seed);
    const truth = Float64Array.from({ length: n }, (_, i) => 100 * Math.pow(1.5, (i * step) / YEAR) * (1 + 0.4 * Math.sin((2 * Math.PI * i * step) / 86_400)));
    const y = Float64Array.from(truth, (v) => v + sigma * z());
    return { y, truth, p: Math.round(86_400 / step) };
  }
  const arb = fc.record({
    step: fc.constantFrom(300, 900, 3600),
    days: fc.integer({ min: 7, max: 28 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    sigma: fc.double({ min: 0.5, max: 15, noNaN: true }),
  });

  it('replaces at most 5 % of a daily cycle with 50 %/year growth and noise', () => {
    fc.assert(
      fc.property(arb, ({ step, days, seed, sigma }) => {
        const n = Math.round((days * 86_400) / step);
        const { y, p } = workload(n, step, seed, sigma);
        expect(replaceOutliers(y, [p]).replaced).toBeLessThanOrEqual(0.05 * n);
      }),
      { numRuns: 40 },
    );
  });

  it('replaces at most 5 % of a gauge quantised to a few levels (a CPU mostly at one value, with dips)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), (seed, dipShare) => {
        const z = noise(seed);
        const y = Float64Array.from({ length: 4032 }, () => {
          const r = Math.abs(z());
          return r > 2.5 ? 0.2 : r < dipShare ? 0.066 : r < 1 ? 0.134 : 0.132;
        });
        expect(replaceOutliers(y, [288]).replaced).toBeLessThanOrEqual(0.05 * y.length);
      }),
      { numRuns: 30 },
    );
  });

  it('replaces an isolated spike by about the true value', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.constantFrom(-1, 1), ({ step, days, seed, sigma }, where, sign) => {
        const n = Math.round((days * 86_400) / step);
        const { y, truth, p } = workload(n, step, seed, sigma);
        const i = Math.floor(where * n);
        y[i] = truth[i] + sign * Math.max(40 * sigma, 60);
        const { values } = replaceOutliers(y, [p]);
        expect(Math.abs(values[i] - truth[i])).toBeLessThan(6 * sigma + 5);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a level shift, and a plateau longer than MAX_SPIKE_RUN points, as observed', () => {
    fc.assert(
      fc.property(arb, fc.double({ min: 0.2, max: 0.8, noNaN: true }), ({ step, days, seed, sigma }, where) => {
        const n = Math.round((days * 86_400) / step);
        const { y, p } = workload(n, step, seed, sigma);
        const jump = Math.max(40 * sigma, 60);
        const at = Math.floor(where * n);
        const shifted = Float64Array.from(y, (v, i) => (i >= at ? v + jump : v));
        const { values } = replaceOutliers(shifted, [p]);
        // the jump and the points right after it are kept; further on, the shift may tip a
        // marginal 5 σ noise point over the line (the one-day trend ramps across the jump and bends
        // the seasonal profile a little), but adds at most 0.5 % replaced points
        for (let i = at; i < Math.min(n, at + 11); i++) if (values[i] !== shifted[i]) throw new Error(`shift point ${i} of ${n} replaced`);
        const unshifted = replaceOutliers(y, [p]).values;
        let added = 0;
        for (let i = at; i < n; i++) if (values[i] !== shifted[i] && unshifted[i] === y[i]) added++;
        expect(added).toBeLessThanOrEqual(Math.max(1, 0.005 * n));
        const plateau = y.slice();
        for (let i = at; i < at + MAX_SPIKE_RUN + 1; i++) plateau[i] += jump;
        const kept = replaceOutliers(plateau, [p]).values;
        for (let i = at; i < at + MAX_SPIKE_RUN + 1; i++) expect(kept[i]).toBe(plateau[i]);
      }),
      // random runs found these: a point just after the jump 5 σ off the new level's median, noise
      // points far after the shift, and plateaus split by a seasonal slope into short "spikes"
      {
        numRuns: 40,
        examples: [
          [{ step: 900, days: 17, seed: 381058, sigma: 0.6896343022449214 }, 0.7708333333333334],
          [{ step: 300, days: 7, seed: 743858, sigma: 0.5 }, 0.6646825396825397],
          [{ step: 300, days: 26, seed: 17, sigma: 0.5 }, 0.2],
          [{ step: 3600, days: 7, seed: 1, sigma: 1.966063927478037 }, 0.5833333333333334],
          [{ step: 3600, days: 28, seed: 1, sigma: 1.9057058797083484 }, 0.7172619047619048],
        ],
      },
    );
  });
});

describe('residualScale', () => {
  it('is the MAD σ on Gaussian-like residuals and does not collapse on quantised ones', () => {
    const r = [-2, -1, 0, 1, 2, 0.5, -0.5, 1.5, -1.5, 0];
    const mean = r.reduce((s, v) => s + v, 0) / r.length;
    const meanAbs = r.reduce((s, v) => s + Math.abs(v - mean), 0) / r.length;
    expect(residualScale(r)).toBeCloseTo(Math.max(1.4826 * 1, 1.2533 * meanAbs), 10);
    const q = [0, 0, 0, 0, 0, 0, 0.07, -0.07, 0, 0];
    expect(residualScale(q)).toBeCloseTo((1.2533 * 0.14) / 10, 10);
    expect(residualScale([3, 3, 3])).toBe(0);
    expect(residualScale([])).toBeNaN();
  });
});
