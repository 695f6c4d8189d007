// Put the load metric into the target's units, and name it for reasons ("cpu 91 % > target 75 %").

export interface UnitFacts {
  /** Utilisation series metric name, e.g. namespace_service:container_cpu_usage_ratio_requests:avg. */
  metricName?: string;
  /**
   * Grafana unit of the utilisation field: "percentunit" (0..1), "percent" (0..100), … The
   * field's own `config.unit` (data source or field override), else the panel's default unit.
   */
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
  /** True when the ×100 came from the values alone (no unit, no ratio name): worth a note. */
  guessedFromValues: boolean;
}

/** How far above its target a 0..1 ratio may plausibly run and still be read as one (×4). */
export const RATIO_HEADROOM = 4;
/** The old bound: values ≤ 1.5 against a percentage target are a ratio whatever the target. */
const RATIO_FLOOR = 1.5;

/**
 * Largest value of a metric of unknown unit still read as a 0..1 ratio against a percentage
 * target: max(1.5, 4 × target / 100), i.e. 3.0 against 75 %, 3.6 against 90 %, 1.5 against 10 %.
 * Why: read as a ratio, such a metric is at most 4× its target (an HPA over 4× its target for the
 * whole window is implausible); read as a percentage it would be under 4 % of its target all
 * window long. The ratio reading is the nearer of the two (the midpoint, in ratios, is target/10)
 * and the likelier: usage over requests is a ratio, and pods above their requests (1.46–1.87) are
 * exactly when the panel matters. Edge cases: a non-finite or non-positive target gives 1.5.
 */
export function ratioValueLimit(targetMax: number): number {
  const byTarget = Number.isFinite(targetMax) && targetMax > 0 ? (RATIO_HEADROOM * targetMax) / 100 : 0;
  return Math.max(RATIO_FLOOR, byTarget);
}

/**
 * Decide the multiplier from utilisation to target units, the unit text and the metric's short name.
 * Rules, first that applies wins:
 * 1. an explicit positive scale;
 * 2. the field's Grafana unit (the data source's, a field override's, else the panel's default):
 *    "percentunit" is a 0..1 ratio, "percent" is 0..100, whatever the values;
 * 3. a name ending "_ratio", "_ratio_requests" or "_ratio_limits" (a recording rule's ":op"
 *    suffix allowed) is a ratio;
 * 4. otherwise (no unit, or another unit such as "short") the values decide: every value
 *    ≤ ratioValueLimit(target) while the target is a percentage → a ratio (see there).
 * A ratio is ×100 when the target is a percentage (metric_target_type "utilization", or no type
 * and a target above 1.5) or when there is no target at all; otherwise ×1. Unit is "%" for
 * percentage targets/metrics. Name: target's metric_name, else cpu/memory found in the metric
 * name, else "metric".
 * Edge cases: NaN maxima never trigger the value rule; names are matched case-insensitively; a
 * percentage metric idle under 4 % of its target (≤ 3 % against 75 %) for the whole window is
 * misread as 100–300 %: not harmless (the line sits above the target, and a scale-down in that
 * window gets a reason flagged inconsistent), so the guess is reported (`guessedFromValues`)
 * for the panel to say "set the unit"; an HPA at rest has no scale-up for it to misexplain.
 */
export function inferMetricUnits(f: UnitFacts): MetricUnits {
  const type = (f.targetType ?? '').toLowerCase();
  const lname = (f.metricName ?? '').toLowerCase();
  const hasTarget = Number.isFinite(f.targetMax);
  const targetIsPercent = type === 'utilization' || (type === '' && hasTarget && f.targetMax > 1.5);
  const isPercent = f.metricUnit === 'percent';
  const ratioByUnitOrName =
    f.metricUnit === 'percentunit' || (!isPercent && /_ratio(_requests|_limits)?(:\w+)?$/.test(lname));
  const ratioByValues =
    !isPercent &&
    !ratioByUnitOrName &&
    targetIsPercent &&
    Number.isFinite(f.metricMax) &&
    f.metricMax <= ratioValueLimit(f.targetMax);
  let scale = 1;
  if (f.scale !== undefined && f.scale > 0) {
    scale = f.scale;
  } else if (ratioByUnitOrName) {
    scale = targetIsPercent || !hasTarget ? 100 : 1;
  } else if (ratioByValues) {
    scale = 100;
  }
  const isRatio = ratioByUnitOrName || ratioByValues;
  const unit = targetIsPercent || isPercent || (isRatio && scale === 100) ? '%' : undefined;
  let name = f.targetMetricName || '';
  if (!name) {
    const m = /(cpu|memory|mem)/.exec(lname);
    name = m ? (m[1] === 'mem' ? 'memory' : m[1]) : 'metric';
  }
  const guessedFromValues = ratioByValues && !(f.scale !== undefined && f.scale > 0);
  return { scale, unit, name, guessedFromValues };
}
