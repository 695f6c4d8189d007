/** @jest-environment node */
import { DEFAULT_HPA } from '../hpa';
import { leastMargin, maxStep } from './maxStep';
import { requestCpuSeconds } from './service/work';

describe('maxStep', () => {
  it("plans the stack's step: 12 x 0.05 x 0.75 x 1.5 = 0.675 core in 17 requests of 200 units a second", () => {
    const s = maxStep(DEFAULT_HPA, 0.05, 200, 1.5);
    expect(s.cores).toBeCloseTo(0.675, 9);
    expect(s.rps).toBe(17); // 0.675 / 41.3 ms = 16.3
    expect(s).toMatchObject({ work: 200, maxInFlight: 24 });
  });

  it('asks at every replica count below the maximum for a utilisation above the band and a proposal at or over the maximum', () => {
    const { minReplicas, maxReplicas, targetUtilization: target, tolerance } = DEFAULT_HPA;
    for (const margin of [leastMargin(DEFAULT_HPA) + 0.01, 1.5]) {
      const s = maxStep(DEFAULT_HPA, 0.05, 200, margin);
      const cores = s.rps * requestCpuSeconds(200); // what the rate carries, at least
      for (let n = minReplicas; n < maxReplicas; n++) {
        const u = cores / (n * 0.05);
        expect(u).toBeGreaterThan(target * (1 + tolerance));
        expect(Math.ceil((n * u) / target)).toBeGreaterThanOrEqual(maxReplicas);
      }
    }
  });

  it('the least margin is (1 + tolerance)(max - 1)/max: 1.008 for 12 and 0.1', () => {
    expect(leastMargin(DEFAULT_HPA)).toBeCloseTo(1.0083, 4);
    expect(leastMargin({ maxReplicas: 1, tolerance: 0.1 })).toBe(1);
  });

  it('refuses a margin that stops short, work out of range and a request that is no number, each in one line', () => {
    expect(() => maxStep(DEFAULT_HPA, 0.05, 200, 1)).toThrow(/margin 1 must be above 1.008: below it the HPA stops short of 12/);
    expect(() => maxStep({ ...DEFAULT_HPA, tolerance: 0 }, 0.05, 200, 1)).toThrow(/margin 1 must be above 1.000/);
    expect(() => maxStep(DEFAULT_HPA, 0.05, 401, 1.5)).toThrow(/work 401 must be a whole number of units from 0 to 400/);
    expect(() => maxStep(DEFAULT_HPA, 0.05, 2.5, 1.5)).toThrow(/work 2.5/);
    expect(() => maxStep(DEFAULT_HPA, 0, 200, 1.5)).toThrow(/cpuRequest 0 must be a positive number/);
  });
});
