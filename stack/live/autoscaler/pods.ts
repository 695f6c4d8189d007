// The pure parts of the live pods: their names, the HPA's metric from their CPU, and the file_sd
// targets Prometheus scrapes them by.
import { HOST } from '../../config';
import { shortId } from '../../simulator/prng';
import { COMMON_LABELS } from '../../simulator/series';
import { DEPLOYMENT, strHash } from '../../simulator/kube';
import { ServiceCommand } from './config';

export const LIVE_NAMESPACE = 'live';
/** The environment variable that names a replica's pod (and marks its processes as replicas). */
export const POD_ENV = 'HEADROOM_POD';
/** The supervisor's pid in each replica's environment: how stopLive finds the replicas a killed supervisor left. */
export const OWNER_ENV = 'HEADROOM_LIVE_SUPERVISOR';

/** A replica's environment: the command's (or, without one, the supervisor's), its own PORT, pod name and owner on top. */
export function replicaEnv(env: Readonly<Record<string, string>> | null, port: number, pod: string, owner: number, inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...(env ?? inherited), PORT: String(port), [POD_ENV]: pod, [OWNER_ENV]: String(owner) };
}

/** The ReplicaSet's pod-template-hash: 10 characters that follow the command, as Kubernetes' follow the pod template. */
export function templateHash(s: { cmd: string; args: string[]; env?: ServiceCommand['env'] | null }): string {
  return shortId(strHash(JSON.stringify([s.cmd, s.args, s.env ?? {}])), 1, 0, 10);
}

export function replicaSetName(template: string): string {
  return `${DEPLOYMENT}-${template}`;
}

/** The n-th pod of the ReplicaSet (n from 1): web-<template>-<5 characters>, as Kubernetes names them. */
export function podName(template: string, n: number): string {
  return `${replicaSetName(template)}-${shortId(strHash(template), 2, n, 5)}`;
}

/** CPU a replica used over an interval of the control loop. */
export interface CpuSample {
  cpuSeconds: number;
  seconds: number;
}

/**
 * The HPA's metric: the measured replicas' CPU over their requests, as Kubernetes averages it
 * (sum of usage / sum of requests). NaN when no replica has an interval yet (just started), which
 * the HPA takes as "no metric". Intervals of zero length count for nothing.
 */
export function averageUtilization(samples: readonly CpuSample[], cpuRequest: number): number {
  let used = 0;
  let requested = 0;
  for (const s of samples) {
    if (!(s.seconds > 0)) continue;
    used += s.cpuSeconds;
    requested += s.seconds * cpuRequest;
  }
  return requested > 0 ? used / requested : NaN;
}

export interface FileSdGroup {
  targets: string[];
  labels: Record<string, string>;
}

/**
 * Prometheus file_sd: one group per ready replica, labelled as a pod scrape is on a cluster
 * (cluster, namespace, pod, container), so the service's own series join the pods' cAdvisor ones.
 */
export function fileSdGroups(replicas: readonly { pod: string; port: number }[]): FileSdGroup[] {
  return replicas.map((r) => ({
    targets: [`${HOST}:${r.port}`],
    labels: { cluster: COMMON_LABELS.cluster, namespace: LIVE_NAMESPACE, pod: r.pod, container: DEPLOYMENT },
  }));
}
