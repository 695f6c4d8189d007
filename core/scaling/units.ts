// Put the load metric into the target's units, and name it for reasons ("cpu 91 % > target 75 %").

export interface UnitFacts {
  /** Utilisation series metric name, e.g. namespace_service:container_cpu_usage_ratio_requests:avg. */
  metricName?: string;
  /** Grafana unit of the utilisation field: "percentunit" (0..1), "percent" (0..100), … */
  metricUnit?: string;
  /** Largest utilisation value seen (NaN when none). */
  metricMax: number;
  /** KSM `metric_target_type` label: "utilization", "averagevalue", "value". */
  targetType?: string;
  /** KSM `metric_name` label, e.g. "cpu". */
  targetMetricName?: string;
  /** Largest target value seen (NaN when none). */
  targetMax: number;
  /** Explicit multiplier; wins over inference. */
  scale?: number;
}

export interface MetricUnits {
  scale: number;
  unit: string | undefined;
  name: string;
}

/**
 * Decide the multiplier from utilisation to target units, the unit text and the metric's short name.
 * Rules: an explicit positive scale wins. A ratio metric (unit "percentunit" or name ending
 * "_ratio", "_ratio_requests" or "_ratio_limits", a recording rule's ":op" suffix allowed) is ×100 when the target is a percentage (metric_target_type "utilization", or no type
 * and a target above 1.5) or when there is no target at all; otherwise ×1. A metric of unknown
 * unit is ×100 only if every value is ≤ 1.5 while the target is > 1.5 (a 0..1 ratio against a %).
 * Unit is "%" for percentage targets/metrics. Name: target's metric_name, else cpu/memory found in
 * the metric name, else "metric".
 * Edge cases: NaN maxima never trigger the heuristic; names are matched case-insensitively.
 */
export function inferMetricUnits(f: UnitFacts): MetricUnits {
  const type = (f.targetType ?? '').toLowerCase();
  const lname = (f.metricName ?? '').toLowerCase();
  const hasTarget = Number.isFinite(f.targetMax);
  const targetIsPercent = type === 'utilization' || (type === '' && hasTarget && f.targetMax > 1.5);
  const isRatio = f.metricUnit === 'percentunit' || /_ratio(_requests|_limits)?(:\w+)?$/.test(lname);
  const isPercent = f.metricUnit === 'percent';
  let scale = 1;
  if (f.scale !== undefined && f.scale > 0) {
    scale = f.scale;
  } else if (isRatio) {
    scale = targetIsPercent || !hasTarget ? 100 : 1;
  } else if (!isPercent && targetIsPercent && Number.isFinite(f.metricMax) && f.metricMax <= 1.5) {
    scale = 100;
  }
  const unit = targetIsPercent || isPercent || (isRatio && scale === 100) ? '%' : undefined;
  let name = f.targetMetricName || '';
  if (!name) {
    const m = /(cpu|memory|mem)/.exec(lname);
    name = m ? (m[1] === 'mem' ? 'memory' : m[1]) : 'metric';
  }
  return { scale, unit, name };
}
