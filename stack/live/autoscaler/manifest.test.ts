import { DEFAULT_HPA, hpaStep, initialHpa } from '../../hpa';
import { manifestReplicasProblem, reapplyManifest } from './manifest';

describe('manifestReplicasProblem', () => {
  test('null (no replicas field) and whole numbers 1..max are fine', () => {
    expect(manifestReplicasProblem(null, 12)).toBeNull();
    expect(manifestReplicasProblem(1, 12)).toBeNull();
    expect(manifestReplicasProblem(12, 12)).toBeNull();
  });
  test.each([0, 13, 2.5, -1, '5', undefined, NaN])('%p is one clear line', (v) => {
    expect(manifestReplicasProblem(v, 12)).toMatch(/^the manifest's replicas .* must be null \(no replicas field\) or a whole number from 1 to the HPA's maxReplicas \(12\)/);
  });
});

describe('reapplyManifest', () => {
  test('no replicas field, or the same count: nothing changes', () => {
    const h = { current: 7 };
    expect(reapplyManifest(h, null)).toBeNull();
    expect(reapplyManifest(h, 7)).toBeNull();
    expect(h.current).toBe(7);
  });
  test('another count: written over current, the old one returned', () => {
    const h = { current: 12 };
    expect(reapplyManifest(h, 8)).toBe(12);
    expect(h.current).toBe(8);
  });

  // The HPA (stack/hpa.ts, the stack's demo windows) under a load of 270 % of five requests, with
  // the manifest's replicas re-applied after every step, as the supervisor does.
  const cfg = { ...DEFAULT_HPA, upAfter: 60, downAfter: 30, cooldown: 30 };
  const run = (manifest: number | null, metricOf: (current: number) => number, seconds: number) => {
    const h = initialHpa(cfg, 0);
    const seen: [number, number][] = [];
    for (let t = 5; t <= seconds; t += 5) {
      hpaStep(cfg, h, t, metricOf(h.current));
      reapplyManifest(h, manifest);
      seen.push([h.current, h.desired]);
    }
    return { h, seen };
  };
  const load = (cores: number) => (current: number) => cores / (current * 0.05);

  test('a manifest below what the HPA wants: desired stays above current (a stalled scale-up)', () => {
    const { h, seen } = run(10, load(0.675), 300);
    expect(h.current).toBe(10);
    expect(h.desired).toBe(12);
    // While the scale-up waits its 60 s the HPA keeps its count (5, the minimum it started at) under
    // the manifest's 10; once due it decides 12 (x2 of 10, cut to the maximum) and wants it of the
    // manifest's 10 every step after.
    const due = 60 / 5; // the index of the step at t = 65 s: 60 s after the first one above the target (t = 5 s)
    expect(seen.slice(0, due).every(([c, d]) => c === 10 && d === 5)).toBe(true);
    expect(seen.slice(due).every(([c, d]) => c === 10 && d === 12)).toBe(true);
  });
  test('without the manifest the same load reaches the maximum: current follows desired', () => {
    const { h } = run(null, load(0.675), 300);
    expect(h.current).toBe(12);
    expect(h.desired).toBe(12);
  });
  test('a manifest above what the HPA wants at rest: desired below current, current unchanged (a mismatch)', () => {
    const { h, seen } = run(8, load(0.08), 300);
    expect(h.current).toBe(8);
    expect(h.desired).toBe(cfg.minReplicas);
    expect(new Set(seen.map(([c]) => c))).toEqual(new Set([8]));
  });
});
