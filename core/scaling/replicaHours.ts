import type { ReplicaHoursResult, Series } from './types';
import type { Timeline } from './timeline';

const HOUR_MS = 3_600_000;

/**
 * Replica-hours: integral of the replica count over covered time (step function, each sample
 * holding for its timeline cover), in replica × hours.
 * Edge cases: gaps are not counted (cover stops one step after the last sample before a gap);
 * negative values never reach here (roundReplicas clamps) but are clamped again to keep the
 * result ≥ 0; empty series → 0 hours and NaN mean.
 */
export function replicaHours(current: Series, timeline: Timeline): ReplicaHoursResult {
  const v = current.v;
  const c = timeline.cover;
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x > 0) acc += x * c[i];
  }
  const covered = timeline.coveredMs;
  return {
    replicaHours: acc / HOUR_MS,
    coveredMs: covered,
    meanReplicas: covered > 0 ? acc / covered : NaN,
  };
}
