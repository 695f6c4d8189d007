/** @jest-environment node */
import { DEFAULT_HPA, HpaConfig, hpaConfigProblem, HpaState, hpaStep, initialHpa } from './hpa';

const C: HpaConfig = { ...DEFAULT_HPA };
const T0 = 1_000_000;

/** Steps every 15 s from `from` to `to` (inclusive) at a constant metric. */
function run(c: HpaConfig, s: HpaState, from: number, to: number, metric: number): void {
  for (let t = from; t <= to; t += 15) hpaStep(c, s, t, metric);
}

describe('hpaStep', () => {
  test('the proposal is ceil(current x metric / target); the scale-up waits upAfter seconds above the target, desired = current meanwhile', () => {
    const s = initialHpa(C, T0);
    hpaStep(C, s, T0, 0.9); // 5 x 0.9 / 0.75 = 6 exactly (no 7 from the last bit)
    // Kubernetes reports the stabilised recommendation as desired: the count it keeps while it waits.
    expect(s).toMatchObject({ current: 5, desired: 5, aboveSince: T0, limited: false, active: true });
    hpaStep(C, s, T0 + 105, 0.9);
    expect(s).toMatchObject({ current: 5, desired: 5 });
    hpaStep(C, s, T0 + 120, 0.9);
    expect(s).toMatchObject({ current: 6, desired: 6, lastScaleAt: T0 + 120, aboveSince: T0 });
  });

  test('a scale-up does not restart the wait: still above the band, the next step comes at the cooldown', () => {
    const c = { ...C, upAfter: 60, cooldown: 30 }; // the demo stack's windows
    const s = initialHpa(c, T0);
    for (let t = T0; t < T0 + 60; t += 5) hpaStep(c, s, t, 2.16);
    expect(s.current).toBe(5);
    hpaStep(c, s, T0 + 60, 2.16); // ceil(5 x 2.16 / 0.75) = 15 -> x2 = 10
    expect(s).toMatchObject({ current: 10, aboveSince: T0 });
    hpaStep(c, s, T0 + 85, 1.08); // the same load on 10: 15 wanted -> 12 (limited), held by the cooldown
    expect(s).toMatchObject({ current: 10, desired: 10, limited: true });
    hpaStep(c, s, T0 + 90, 1.08);
    expect(s).toMatchObject({ current: 12, lastScaleAt: T0 + 90 });
    // A dip into the band after a scale-up restarts the wait as before.
    const d = initialHpa(c, T0);
    for (let t = T0; t <= T0 + 60; t += 5) hpaStep(c, d, t, 2.16);
    hpaStep(c, d, T0 + 65, 0.8);
    for (let t = T0 + 70; t < T0 + 130; t += 5) hpaStep(c, d, t, 1.2);
    expect(d.current).toBe(10);
    hpaStep(c, d, T0 + 130, 1.2);
    expect(d.current).toBe(12);
  });

  test('within the tolerance nothing changes and the window restarts', () => {
    const s = initialHpa(C, T0);
    hpaStep(C, s, T0, 0.82); // 0.82 / 0.75 = 1.093 <= 1.1
    expect(s).toMatchObject({ desired: 5, aboveSince: null });
    hpaStep(C, s, T0 + 15, 0.83); // 1.107 > 1.1
    expect(s).toMatchObject({ desired: 5, aboveSince: T0 + 15 });
    hpaStep(C, s, T0 + 30, 0.8); // back inside: the 2 minutes start again
    expect(s.aboveSince).toBeNull();
    run(C, s, T0 + 45, T0 + 45 + 105, 0.9);
    expect(s.current).toBe(5);
    hpaStep(C, s, T0 + 165, 0.9);
    expect(s.current).toBe(6);
  });

  test('tolerance 0 is exactly "metric > target" (the simulator)', () => {
    const c = { ...C, tolerance: 0 };
    const s = initialHpa(c, T0);
    hpaStep(c, s, T0, 0.75);
    expect(s.aboveSince).toBeNull();
    hpaStep(c, s, T0 + 15, 0.7500001);
    expect(s.aboveSince).toBe(T0 + 15);
  });

  test('a step up at most doubles, at least adds one, and is clamped to max (limited)', () => {
    const s = initialHpa(C, T0);
    run(C, s, T0, T0 + 120, 3); // proposal 20 -> 2 x 5 = 10
    expect(s.current).toBe(10);
    expect(s.limited).toBe(false);
    run(C, s, T0 + 135, T0 + 135 + 180, 3); // 20 -> clamp 12
    expect(s.current).toBe(12);
    hpaStep(C, s, T0 + 330, 3);
    expect(s).toMatchObject({ current: 12, desired: 12, limited: true });
  });

  test('the scale-down waits downAfter seconds below scaleDownBelow; between it and the target nothing moves', () => {
    const s = initialHpa(C, T0);
    s.current = s.desired = 10;
    run(C, s, T0, T0 + 600, 0.6); // under the target but above 50 %
    expect(s).toMatchObject({ current: 10, belowSince: null });
    run(C, s, T0 + 615, T0 + 615 + 285, 0.3);
    expect(s.current).toBe(10);
    hpaStep(C, s, T0 + 915, 0.3); // ceil(10 x 0.3 / 0.75) = 4 -> clamp 5
    expect(s).toMatchObject({ current: 5, limited: true });
  });

  test('the cooldown holds a due change back', () => {
    const c = { ...C, upAfter: 0, cooldown: 180 };
    const s = initialHpa(c, T0);
    hpaStep(c, s, T0, 0.9);
    expect(s.current).toBe(6);
    hpaStep(c, s, T0 + 15, 1.2);
    expect(s).toMatchObject({ current: 6, desired: 6 });
    hpaStep(c, s, T0 + 180, 1.2);
    expect(s.current).toBe(10);
  });

  test('metric 0 proposes min; NaN, Infinity and negatives change nothing and make the HPA inactive', () => {
    const s = initialHpa(C, T0);
    s.current = s.desired = 8;
    hpaStep(C, s, T0, 0);
    expect(s).toMatchObject({ desired: 8, limited: false, belowSince: T0, active: true });
    for (const bad of [NaN, Infinity, -0.1]) {
      hpaStep(C, s, T0 + 15, bad);
      expect(s).toMatchObject({ current: 8, desired: 8, belowSince: null, aboveSince: null, active: false, limited: false });
    }
    run(C, s, T0 + 30, T0 + 30 + 300, 0); // the window restarted at T0 + 30
    expect(s).toMatchObject({ current: 5, desired: 5, limited: true }); // 0 proposes 0: at min
  });

  test('a second writer that puts its own count back: desired stays the decided count, apart from current, until the next decision', () => {
    const c = { ...C, upAfter: 60, cooldown: 30 };
    const s = initialHpa(c, T0);
    for (let t = T0; t <= T0 + 60; t += 5) hpaStep(c, s, t, 2.16);
    expect(s).toMatchObject({ current: 10, desired: 10 });
    s.current = 7; // written back over the HPA's 10
    hpaStep(c, s, T0 + 65, 2.16); // in the cooldown: nothing decided, the HPA writes its 10 again
    expect(s).toMatchObject({ current: 10, desired: 10 });
    s.current = 7;
    hpaStep(c, s, T0 + 90, 2.16); // due (aboveSince kept) and cooled: x2 from 7 = 14 -> 12
    expect(s).toMatchObject({ current: 12, desired: 12, limited: true });
  });

  test('current 0 (target scaled to zero) disables the HPA', () => {
    const s = initialHpa(C, T0);
    s.current = 0;
    run(C, s, T0, T0 + 600, 2);
    expect(s).toMatchObject({ current: 0, active: false });
  });

  test('min = max pins the replicas', () => {
    const c = { ...C, minReplicas: 3, maxReplicas: 3 };
    const s = initialHpa(c, T0);
    run(c, s, T0, T0 + 600, 5);
    expect(s).toMatchObject({ current: 3, desired: 3, limited: true });
  });
});

describe('hpaConfigProblem', () => {
  test('the defaults and the simulator-style tolerance 0 are fine', () => {
    expect(hpaConfigProblem(C)).toBeNull();
    expect(hpaConfigProblem({ ...C, tolerance: 0 })).toBeNull();
  });
  test.each<[Partial<HpaConfig>, RegExp]>([
    [{ minReplicas: 0 }, /minReplicas 0/],
    [{ minReplicas: 2.5 }, /minReplicas/],
    [{ maxReplicas: 4 }, /maxReplicas 4 .* minReplicas \(5\)/],
    [{ targetUtilization: 0 }, /targetUtilization/],
    [{ targetUtilization: NaN }, /targetUtilization/],
    [{ scaleDownBelow: 0.8 }, /scaleDownBelow 0.8/],
    [{ upAfter: -1 }, /upAfter -1/],
    [{ cooldown: NaN }, /cooldown/],
    [{ tolerance: 1 }, /tolerance 1/],
  ])('%j is refused', (bad, why) => {
    expect(hpaConfigProblem({ ...C, ...bad })).toMatch(why);
  });
});
