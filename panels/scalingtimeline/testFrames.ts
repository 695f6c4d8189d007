import { FieldType, toDataFrame } from '@grafana/data';

const STEP = 30000;

/** KSM-style frames for one HPA: a spike from 5 to 12 replicas (capped at max 12) and back. */
export function ksmFrames(name = 'web', points = 240) {
  const t = Array.from({ length: points }, (_, i) => i * STEP);
  const current = t.map((_, i) => (i < 60 ? 5 : i < 70 ? 8 : i < 150 ? 12 : i < 170 ? 8 : 5));
  const cpu = t.map((_, i) => (i >= 55 && i < 150 ? 0.95 : 0.4));
  const series = (metric: string, values: number[], extra: Record<string, string> = {}) =>
    toDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: t },
        { name: 'Value', type: FieldType.number, values, labels: { __name__: metric, namespace: 'demo', horizontalpodautoscaler: name, ...extra } },
      ],
    });
  return [
    series('kube_horizontalpodautoscaler_status_current_replicas', current),
    series('kube_horizontalpodautoscaler_status_desired_replicas', current.map((v, i) => (i >= 70 && i < 150 ? 14 : v))),
    series('kube_horizontalpodautoscaler_spec_min_replicas', t.map(() => 5)),
    series('kube_horizontalpodautoscaler_spec_max_replicas', t.map(() => 12)),
    series('kube_horizontalpodautoscaler_spec_target_metric', t.map(() => 75), { metric_name: 'cpu', metric_target_type: 'utilization' }),
    series('namespace_service:container_cpu_usage_ratio_requests:avg', cpu),
  ];
}

/** CPU over requests during the spike, pods above their request (issue #20): 146–187 %, 146 % just before each event. */
export const ABOVE_REQUEST = [1.87, 1.55, 1.6, 1.72, 1.46];

/**
 * ksmFrames with the utilisation from a raw expression, `sum(rate(container_cpu_usage_seconds_total[5m]))
 * / sum(kube_pod_container_resource_requests{resource="cpu"})`: no name, no labels, query E (give it
 * the role "E=utilisation"), 0.5 at rest and ABOVE_REQUEST during the spike, with the field unit given.
 */
export function rawCpuFrames(unit?: string) {
  const frames = ksmFrames();
  const t = frames[0].fields[0].values as number[];
  const cpu = t.map((_, i) => (i >= 55 && i < 150 ? ABOVE_REQUEST[i % ABOVE_REQUEST.length] : 0.5));
  const raw = toDataFrame({
    refId: 'E',
    fields: [
      { name: 'Time', type: FieldType.time, values: t },
      { name: 'Value', type: FieldType.number, values: cpu, config: unit ? { unit } : {} },
    ],
  });
  return [...frames.slice(0, 5), raw];
}
