// The Kubernetes HorizontalPodAutoscaler's algorithm, the one copy: the simulator (simulator/
// autoscaler.ts) and the live autoscaler (live/autoscaler) both step it.
//
//   desired = ceil(current x metric / target), clamped to min..max
//
// The metric is the pods' average utilisation of their CPU request (0.9 = 90 %). Nothing changes
// while |metric / target - 1| <= tolerance. A scale-up happens once the metric has stayed above the
// target for `upAfter` seconds, a scale-down once it has stayed below `scaleDownBelow` for
// `downAfter` seconds, never sooner than `cooldown` seconds after the previous change. A step up at
// most doubles the replicas (and adds at least one); a step down removes at least one.
//
// A scale-up does not restart the wait for the next one: while the metric stays above the band, the
// next step up is due as soon as the cooldown allows (5 -> 10 -> 12 is one upAfter, not two). So does
// Kubernetes: its scale-up stabilisation window slides over the recommendations, which a scale-up
// leaves in place, and its default rate limit (max(100 %, 4 pods) per 15 s: x2 from 4 replicas up)
// allows the next doubling one period later. A scale-down does restart its window (downAfter).
// The simulator's history is unchanged by this: there the cooldown (180 s) outlasts upAfter (120 s)
// plus its 15 s tick, so under a metric above all along the second step came at the cooldown anyway.
//
// Edge cases: a metric that is NaN, infinite or negative (no usable measurement) changes nothing and
// restarts both windows (kube-state-metrics: ScalingActive false); so does current = 0 (an HPA whose
// target was scaled to zero is disabled). Metric 0 proposes 0 replicas, i.e. min after the clamp.

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { ceil, max, min } = Math;

export interface HpaConfig {
  minReplicas: number;
  maxReplicas: number;
  /** Target utilisation (0.75 = 75 % of the CPU request). */
  targetUtilization: number;
  /** Below this utilisation (after `downAfter` s) the HPA scales down. */
  scaleDownBelow: number;
  /** Seconds the metric must stay above the target before a scale-up. */
  upAfter: number;
  /** Seconds the metric must stay below scaleDownBelow before a scale-down. */
  downAfter: number;
  /** Seconds after a change before the next one. */
  cooldown: number;
  /** Relative band around the target with no change (Kubernetes' default is 0.1). */
  tolerance: number;
}

/** The issue's HPA (min 5, max 12, 75 % with Kubernetes' 0.1 tolerance, up after 2 min, down after 5 min below 50 %). */
export const DEFAULT_HPA: Readonly<HpaConfig> = {
  minReplicas: 5,
  maxReplicas: 12,
  targetUtilization: 0.75,
  scaleDownBelow: 0.5,
  upAfter: 120,
  downAfter: 300,
  cooldown: 180,
  tolerance: 0.1,
};

export interface HpaState {
  current: number;
  /**
   * The count the controller decided and writes (kube-state-metrics' status.desiredReplicas): the
   * stabilised recommendation, so it equals `current` while a change waits out its window or the
   * cooldown; it differs from `current` only when a second writer put its own count back.
   */
  desired: number;
  /** Since when the metric has been above the target (null when it is not). */
  aboveSince: number | null;
  belowSince: number | null;
  lastScaleAt: number;
  /** A due change's proposal was outside min..max (kube-state-metrics' ScalingLimited condition). */
  limited: boolean;
  /** The last metric was usable (kube-state-metrics' ScalingActive condition). */
  active: boolean;
}

/** One clear line per problem; null when the config is usable. */
export function hpaConfigProblem(c: HpaConfig): string | null {
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  if (!positiveInt(c.minReplicas)) return `minReplicas ${c.minReplicas} must be a whole number >= 1`;
  if (!positiveInt(c.maxReplicas) || c.maxReplicas < c.minReplicas) return `maxReplicas ${c.maxReplicas} must be a whole number >= minReplicas (${c.minReplicas})`;
  if (!(c.targetUtilization > 0 && Number.isFinite(c.targetUtilization))) return `targetUtilization ${c.targetUtilization} must be a positive number (0.75 = 75 %)`;
  if (!(c.scaleDownBelow >= 0 && c.scaleDownBelow <= c.targetUtilization)) return `scaleDownBelow ${c.scaleDownBelow} must be between 0 and targetUtilization (${c.targetUtilization})`;
  for (const k of ['upAfter', 'downAfter', 'cooldown'] as const) {
    if (!(c[k] >= 0 && Number.isFinite(c[k]))) return `${k} ${c[k]} must be a number of seconds >= 0`;
  }
  if (!(c.tolerance >= 0 && c.tolerance < 1)) return `tolerance ${c.tolerance} must be in [0, 1)`;
  return null;
}

export function initialHpa(c: HpaConfig, t: number): HpaState {
  return { current: c.minReplicas, desired: c.minReplicas, aboveSince: null, belowSince: null, lastScaleAt: t - c.cooldown, limited: false, active: true };
}

/** Advance the HPA to time `t` (seconds) given the pods' average utilisation. Mutates `s`. */
export function hpaStep(c: HpaConfig, s: HpaState, t: number, metric: number): void {
  if (!(metric >= 0 && metric < Infinity) || s.current <= 0) {
    s.active = false;
    s.aboveSince = null;
    s.belowSince = null;
    s.desired = s.current;
    s.limited = false;
    return;
  }
  s.active = true;
  // The epsilon keeps ceil(5 x 0.9 / 0.75) at 6 whatever the last bit of the product.
  const proposal = ceil((s.current * metric) / c.targetUtilization - 1e-9);
  let wanted = s.current;
  // Written as products so that tolerance 0 is exactly `metric > target` (the simulator's history).
  if (metric > c.targetUtilization * (1 + c.tolerance)) {
    s.aboveSince ??= t;
    s.belowSince = null;
    wanted = min(2 * s.current, max(s.current + 1, proposal));
  } else if (metric < c.scaleDownBelow && metric < c.targetUtilization * (1 - c.tolerance)) {
    s.belowSince ??= t;
    s.aboveSince = null;
    wanted = min(s.current - 1, proposal);
  } else {
    s.aboveSince = null;
    s.belowSince = null;
  }
  const proposed = min(c.maxReplicas, max(c.minReplicas, wanted));
  const due = (s.aboveSince !== null && t - s.aboveSince >= c.upAfter) || (s.belowSince !== null && t - s.belowSince >= c.downAfter);
  s.limited = due && proposed !== wanted;
  if (due && t - s.lastScaleAt >= c.cooldown && proposed !== s.desired) {
    s.desired = proposed;
    s.lastScaleAt = t;
    s.belowSince = null; // aboveSince stays (see above): set only while the metric is above, so never on a scale-down
  }
  // The HPA writes its count to the scale subresource on every step (a second writer may put its
  // own back afterwards: live/autoscaler/manifest.ts).
  s.current = s.desired;
}
