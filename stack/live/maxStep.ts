// The load step that drives the live HPA from its minimum to its maximum (alerts.itest.ts), planned
// from the resolved config instead of a fixed rate: heavy requests (GET /api?work=N, service/work.ts)
// so that few of them carry the CPU, and the generator, the balancer and the data tier, which share
// the machine with the replicas, stay small beside it.
//
// The demand is D = maxReplicas x cpuRequest x targetUtilization x margin cores. At n replicas below
// the maximum the utilisation is u = D / (n x cpuRequest), and the HPA proposes
// ceil(n x u / target) = ceil(maxReplicas x margin): the same at every n, above the maximum once
// margin > 1. It moves only above the tolerance band, u > target x (1 + tolerance), hardest at
// n = maxReplicas - 1: margin > (1 + tolerance) x (maxReplicas - 1) / maxReplicas (1.008 for 12 and
// 0.1). What the margin adds over that is for the CPU the shared machine does not give the replicas.
import type { HpaConfig } from '../hpa';
import { MAX_REQUEST_WORK, requestCpuSeconds } from './service/work';

export interface MaxStep {
  /** Replica CPU asked for, in cores (at the lower per-request cost: at least this much). */
  cores: number;
  rps: number;
  /** CPU units each GET /api asks for. */
  work: number;
  /** Two requests queued per replica at the maximum: each busy replica has the next one waiting. */
  maxInFlight: number;
}

/** The least margin that keeps the utilisation above the band up to maxReplicas - 1 replicas. */
export function leastMargin(hpa: Pick<HpaConfig, 'maxReplicas' | 'tolerance'>): number {
  return hpa.maxReplicas === 1 ? 1 : ((1 + hpa.tolerance) * (hpa.maxReplicas - 1)) / hpa.maxReplicas;
}

export function maxStep(hpa: Pick<HpaConfig, 'maxReplicas' | 'targetUtilization' | 'tolerance'>, cpuRequest: number, work: number, margin: number): MaxStep {
  if (!(Number.isInteger(work) && work >= 0 && work <= MAX_REQUEST_WORK)) throw new RangeError(`work ${work} must be a whole number of units from 0 to ${MAX_REQUEST_WORK}`);
  const least = Math.max(1, leastMargin(hpa));
  if (!(margin > least && Number.isFinite(margin))) throw new RangeError(`margin ${margin} must be above ${least.toFixed(3)}: below it the HPA stops short of ${hpa.maxReplicas}`);
  if (!(cpuRequest > 0 && Number.isFinite(cpuRequest))) throw new RangeError(`cpuRequest ${cpuRequest} must be a positive number of cores`);
  const cores = hpa.maxReplicas * cpuRequest * hpa.targetUtilization * margin;
  return { cores, rps: Math.ceil(cores / requestCpuSeconds(work)), work, maxInFlight: 2 * hpa.maxReplicas };
}
