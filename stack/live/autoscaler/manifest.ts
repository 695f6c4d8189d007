// A second writer of the Deployment's replicas (#20): the `spec.replicas` of its manifest, which a
// GitOps controller's self-heal (or every `kubectl apply` of a deploy) writes back whenever the live
// value drifts from it. Kubernetes' docs advise removing the field once an HPA owns the count
// ("Migrating Deployments and StatefulSets to horizontal autoscaling"); left in, it fights the HPA.
//
// Why this, and not a ResourceQuota, is what holds an HPA's desired count apart from its current
// one: the HPA controller (pkg/controller/podautoscaler/horizontal.go) takes `currentReplicas` from
// the scale subresource's spec.replicas, not from the pods that exist, and reports it as
// status.currentReplicas (kube_horizontalpodautoscaler_status_current_replicas). A quota that
// forbids the ReplicaSet's new pods leaves spec.replicas at what the HPA wrote, so one sync later
// current == desired while fewer pods run. A writer that puts spec.replicas back makes every sync
// read the manifest's count as current and compute its own as desired: desired > current
// (HeadroomHPAScaleUpStalled) when the HPA wants more, desired < current with current unchanged
// (HeadroomHPAReplicasMismatch) when it wants fewer.
//
// The local supervisor applies the manifest right after each HPA step and before the ReplicaSet
// acts, so the HPA's write never reaches the replicas; a real cluster would start (or stop) pods for
// the few seconds the self-heal takes, and put them back.
import { HpaState } from '../../hpa';

/** One clear line when `v` cannot be the manifest's replicas (null: the manifest has none); null when it can. */
export function manifestReplicasProblem(v: unknown, maxReplicas: number): string | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > maxReplicas) {
    return `the manifest's replicas ${JSON.stringify(v)} must be null (no replicas field) or a whole number from 1 to the HPA's maxReplicas (${maxReplicas}), the most this machine runs`;
  }
  return null;
}

/**
 * Writes the manifest's replicas over the HPA's current count, as the self-heal does with the
 * Deployment's spec.replicas. Returns the count it replaced, or null when nothing changed (no
 * replicas field, or already equal). `desired` stays the HPA's: its next step proposes from the
 * manifest's count (status.desiredReplicas keeps differing from status.currentReplicas).
 */
export function reapplyManifest(hpa: Pick<HpaState, 'current'>, replicas: number | null): number | null {
  if (replicas === null || hpa.current === replicas) return null;
  const was = hpa.current;
  hpa.current = replicas;
  return was;
}
