export interface ScalingTimelineOptions {
  /** Field name or label matchers (regular expressions) for each role; defaults match kube-state-metrics. */
  currentMatcher: string;
  desiredMatcher: string;
  minMatcher: string;
  maxMatcher: string;
  utilisationMatcher: string;
  targetMatcher: string;
  /** Label that names a workload when the query returns many. */
  workloadLabel: string;
  cooldownSeconds: number;
  flapWindowSeconds: number;
  maxRows: number;
}

export const defaultScalingTimelineOptions: ScalingTimelineOptions = {
  currentMatcher: 'status_current_replicas',
  desiredMatcher: 'status_desired_replicas',
  minMatcher: 'spec_min_replicas',
  maxMatcher: 'spec_max_replicas',
  utilisationMatcher: 'utili[sz]ation',
  targetMatcher: 'spec_target_metric',
  workloadLabel: 'horizontalpodautoscaler',
  cooldownSeconds: 180,
  flapWindowSeconds: 600,
  maxRows: 50,
};
