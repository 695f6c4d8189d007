// The web service's HorizontalPodAutoscaler: min 5, max 12, target CPU 75 %. It scales up when the
// average CPU stays above the target for 2 min, down when it stays below 50 % for 5 min, and waits
// 3 min after any change before the next one.

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { ceil, max, min } = Math;

export const HPA = {
  minReplicas: 5,
  maxReplicas: 12,
  targetUtilization: 0.75,
  scaleDownBelow: 0.5,
  upAfter: 120,
  downAfter: 300,
  cooldown: 180,
} as const;

export interface HpaState {
  current: number;
  /** What the controller would set now (kube-state-metrics' status.desiredReplicas). */
  desired: number;
  /** Since when the CPU has been above the target (null when it is not). */
  aboveSince: number | null;
  belowSince: number | null;
  lastScaleAt: number;
  /** The proposal was outside min..max (kube-state-metrics' ScalingLimited condition). */
  limited: boolean;
}

export function initialHpa(t: number): HpaState {
  return { current: HPA.minReplicas, desired: HPA.minReplicas, aboveSince: null, belowSince: null, lastScaleAt: t - HPA.cooldown, limited: false };
}

function clamp(n: number): number {
  return min(HPA.maxReplicas, max(HPA.minReplicas, n));
}

/** Advance the HPA to time `t` given the pods' average CPU utilisation (0..1). Mutates `s`. */
export function hpaStep(s: HpaState, t: number, cpu: number): void {
  const proposal = ceil((s.current * cpu) / HPA.targetUtilization - 1e-9);
  let wanted = s.current;
  if (cpu > HPA.targetUtilization) {
    s.aboveSince ??= t;
    s.belowSince = null;
    wanted = min(2 * s.current, max(s.current + 1, proposal));
  } else if (cpu < HPA.scaleDownBelow) {
    s.belowSince ??= t;
    s.aboveSince = null;
    wanted = min(s.current - 1, proposal);
  } else {
    s.aboveSince = null;
    s.belowSince = null;
  }
  s.desired = clamp(wanted);
  s.limited = s.desired !== wanted;
  const cooled = t - s.lastScaleAt >= HPA.cooldown;
  const upDue = s.aboveSince !== null && t - s.aboveSince >= HPA.upAfter;
  const downDue = s.belowSince !== null && t - s.belowSince >= HPA.downAfter;
  if (cooled && s.desired !== s.current && (upDue || downDue)) {
    s.current = s.desired;
    s.lastScaleAt = t;
    s.aboveSince = null;
    s.belowSince = null;
  }
}
