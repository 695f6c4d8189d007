// Scaling maths: scale events, time at limits, cooldowns, reaction delays, flapping, replica-hours.
// Everything except frames.ts is free of @grafana/data; frames.ts imports its types only.
// Every type of types.ts is part of the API.
export type * from './types';
export { normaliseSeries, roundReplicas, isSeries, type RoundedReplicas } from './series';
export { inferStep, buildTimeline, type Timeline, type TimelineOptions } from './timeline';
export { alignAsOf, resolveOnto, valueAsOf } from './align';
export { mergeIntervals, totalLength } from './intervals';
export { formatDuration, formatNumber, formatWithUnit } from './format';
export { detectScaleEvents, countChanges, UNKNOWN_REASON, type EventContext } from './events';
export { buildMetricView, metricIndexAsOf, type MetricViewOptions } from './metric';
export { makeExplainer, type ExplainContext } from './reason';
export { timeAtLimits } from './limits';
export { cooldownIntervals, DEFAULT_COOLDOWN_MS } from './cooldown';
export { detectFlapping, DEFAULT_FLAP_WINDOW_MS } from './flapping';
export { reactionDelays, type ReactionOptions } from './reaction';
export { replicaHours } from './replicaHours';
export {
  analyzeWorkload,
  type AnalyzeOptions,
  type WorkloadAnalysis,
  type WorkloadInput,
} from './analyze';
export { summarise, summaryItems, type ScalingSummary, type SummaryItem } from './summary';
export { warningsFor, type ScalingWarning, type ScalingWarningCode } from './warnings';
export {
  analyzeWorkloads,
  DEFAULT_WORKLOAD_CAP,
  type KeyedWorkloadInput,
  type ManyOptions,
  type ManyResult,
  type WorkloadResult,
} from './workloads';
export { mergeSeries, type MergeHow } from './merge';
export { inferMetricUnits, ratioValueLimit, type MetricUnits, type UnitFacts } from './units';
export {
  DEFAULT_ROLE_MATCHERS,
  ROLE_ORDER,
  matches,
  parseRefIdRoles,
  roleOf,
  toPattern,
  type Role,
  type RoleMatcher,
  type RoleMatchers,
  type SeriesCandidate,
} from './matchers';
export {
  DEFAULT_QUALIFIER_LABELS,
  DEFAULT_WORKLOAD_LABELS,
  groupCandidates,
  type GroupOptions,
  type GroupResult,
  type GroupedWorkload,
} from './grouping';
export { analyzeFrames, fieldMetricName, framesToCandidates, groupFrames, type FrameAnalysis } from './frames';
