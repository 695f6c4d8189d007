export interface ScalingTimelineOptions {
  /**
   * Explicit roles by query, e.g. "A=current, B=desired, C=min, D=max, E=utilisation, F=target":
   * they win over the name matchers below (aggregated PromQL has no metric name to match).
   */
  queryRoles: string;
  /**
   * Regular expressions (case-insensitive) matched against the series name or legend, one per
   * role; empty uses the built-in matchers (kube-state-metrics HPA v2, AWS ASG, KEDA, *_replicas).
   */
  currentMatcher: string;
  desiredMatcher: string;
  minMatcher: string;
  maxMatcher: string;
  utilisationMatcher: string;
  targetMatcher: string;
  /** Label that names a workload when the query returns many; empty uses the built-in list. */
  workloadLabel: string;
  /** Scale-down threshold of the policy in target units (e.g. 50 for "down below 50 %"); 0 = none. */
  scaleDownBelow: number;
  cooldownSeconds: number;
  flapWindowSeconds: number;
  maxRows: number;
}

export const defaultScalingTimelineOptions: ScalingTimelineOptions = {
  queryRoles: '',
  currentMatcher: '',
  desiredMatcher: '',
  minMatcher: '',
  maxMatcher: '',
  utilisationMatcher: '',
  targetMatcher: '',
  workloadLabel: '',
  scaleDownBelow: 0,
  cooldownSeconds: 180,
  flapWindowSeconds: 600,
  maxRows: 50,
};
