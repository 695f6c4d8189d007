import type { Series } from './types';
import type { KeyedWorkloadInput } from './workloads';
import { roleOf, ROLE_ORDER, type Role, type RoleMatchers, type SeriesCandidate } from './matchers';
import { mergeSeries } from './merge';
import { normaliseSeries } from './series';
import { inferMetricUnits } from './units';
import { formatNumber } from './format';

/** Labels that name a workload, first present wins. */
export const DEFAULT_WORKLOAD_LABELS: readonly string[] = [
  'horizontalpodautoscaler',
  'scaledobject',
  'deployment',
  'statefulset',
  'workload',
  'AutoScalingGroupName',
  'autoscaling_group_name',
  'asg',
  'service',
  'app',
];

/** Labels that qualify a workload name (key = "cluster/namespace/name"). */
export const DEFAULT_QUALIFIER_LABELS: readonly string[] = ['cluster', 'namespace'];

export interface GroupOptions {
  /** Replace the default matchers for the roles given. */
  roles?: Partial<RoleMatchers>;
  /** Role of series no matcher recognises; default 'current'; null ignores them. */
  fallbackRole?: Role | null;
  workloadLabels?: readonly string[];
  qualifierLabels?: readonly string[];
  /** Custom workload key; return null to use the default. */
  workloadKey?: (c: SeriesCandidate) => string | null;
  /** How per-pod utilisation combines into one workload series; default 'mean' (as the HPA). */
  utilisationAggregate?: 'mean' | 'max';
  /** Preferred target/utilisation metric when several exist (label metric_name); default 'cpu'. */
  targetMetricName?: string;
  /** Multiplier from utilisation to target units; default inferred (see inferMetricUnits). */
  utilisationScale?: number;
  /**
   * Used when no series supplies the value. `unit` is the panel's default Grafana unit
   * (fieldConfig.defaults.unit): the utilisation field's own unit wins over it.
   */
  defaults?: { min?: number; max?: number; target?: number; unit?: string };
}

export interface GroupedWorkload extends KeyedWorkloadInput {
  /** How many series fed each role. */
  sources: Record<Role, number>;
}

export interface GroupResult {
  workloads: GroupedWorkload[];
  /** Plain-language notes (merged duplicates, ignored series). */
  notes: string[];
}

interface Group {
  key: string;
  name: string;
  labels: Record<string, string>;
  anonymous: boolean;
  byRole: Record<Role, SeriesCandidate[]>;
}

function emptyRoles(): Record<Role, SeriesCandidate[]> {
  return { current: [], desired: [], min: [], max: [], utilisation: [], target: [] };
}

/**
 * Key of a candidate: qualifiers + first workload label, else its display/metric name.
 * Edge cases: empty label values count as absent; anonymous keys are marked so orphans can attach.
 */
function keyOf(c: SeriesCandidate, o: GroupOptions): { key: string; name: string; labels: Record<string, string>; anonymous: boolean } {
  const custom = o.workloadKey ? o.workloadKey(c) : null;
  if (custom) return { key: custom, name: custom, labels: {}, anonymous: false };
  const wl = o.workloadLabels ?? DEFAULT_WORKLOAD_LABELS;
  for (const l of wl) {
    const val = c.labels[l];
    if (val) {
      const labels: Record<string, string> = {};
      const parts: string[] = [];
      for (const q of o.qualifierLabels ?? DEFAULT_QUALIFIER_LABELS) {
        if (c.labels[q]) {
          labels[q] = c.labels[q];
          parts.push(c.labels[q]);
        }
      }
      labels[l] = val;
      parts.push(val);
      return { key: parts.join('/'), name: val, labels, anonymous: false };
    }
  }
  const name = c.displayName || c.name || c.refId || 'series';
  return { key: name, name, labels: {}, anonymous: true };
}

/**
 * Group series into workloads and roles.
 * Edge cases: series of a workload without any replica series (e.g. per-pod utilisation labelled
 * `service` while the HPA series carry `horizontalpodautoscaler`) attach to the one workload with
 * the same name, else — when they carry no workload label — to the only workload there is;
 * otherwise they are dropped with a note. Duplicate replica/limit series merge by max per
 * timestamp; utilisation by mean (or max); targets prefer metric_name = targetMetricName.
 * Workloads keep first-seen order. Never throws.
 */
export function groupCandidates(cands: readonly SeriesCandidate[], o: GroupOptions = {}): GroupResult {
  const notes: string[] = [];
  const groups = new Map<string, Group>();
  let ignored = 0;
  for (const c of cands) {
    const role = roleOf(c, o.roles, o.fallbackRole === undefined ? 'current' : o.fallbackRole);
    if (!role) {
      ignored++;
      continue;
    }
    const k = keyOf(c, o);
    let g = groups.get(k.key);
    if (!g) {
      g = { ...k, byRole: emptyRoles() };
      groups.set(k.key, g);
    }
    g.byRole[role].push(c);
  }
  if (ignored > 0) notes.push(`${ignored} series matched no role and were ignored`);

  const withCurrent = [...groups.values()].filter((g) => g.byRole.current.length > 0);
  for (const g of groups.values()) {
    if (g.byRole.current.length > 0) continue;
    const sameName = withCurrent.filter((h) => h.name === g.name);
    const host =
      sameName.length === 1 ? sameName[0] : g.anonymous && withCurrent.length === 1 ? withCurrent[0] : null;
    const count = ROLE_ORDER.reduce((n, r) => n + g.byRole[r].length, 0);
    if (host) {
      for (const r of ROLE_ORDER) host.byRole[r].push(...g.byRole[r]);
    } else {
      notes.push(`${count} series for "${g.key}" ignored: no replica series for that workload`);
    }
    groups.delete(g.key);
  }

  const workloads = [...groups.values()].map((g) => buildWorkload(g, o, notes));
  return { workloads, notes };
}

function buildWorkload(g: Group, o: GroupOptions, notes: string[]): GroupedWorkload {
  const r = g.byRole;
  const preferred = o.targetMetricName ?? 'cpu';
  const replicas = (list: SeriesCandidate[], role: Role): Series | null => {
    if (list.length === 0) return null;
    if (list.length > 1) notes.push(`"${g.key}": ${list.length} ${role} series merged (max per time)`);
    return mergeSeries(list, 'max');
  };
  const targets = pickMetric(r.target, preferred, (c) => c.labels.metric_name);
  const targetName = targets[0]?.labels.metric_name || preferred;
  const utils = pickMetric(r.utilisation, targetName, (c) => c.name);
  if (utils.length < r.utilisation.length) {
    notes.push(
      `"${g.key}": using ${utils.length} ${utils[0].name} of ${r.utilisation.length} utilisation series`
    );
  }
  const metric = utils.length > 0 ? mergeSeries(utils, o.utilisationAggregate ?? 'mean') : null;
  const target = targets.length > 0 ? mergeSeries(targets, 'max') : null;
  const units = inferMetricUnits({
    metricName: utils[0]?.name,
    metricUnit: utils[0]?.unit || o.defaults?.unit || undefined,
    metricMax: metric ? maxOf(metric.v) : NaN,
    targetType: targets[0]?.labels.metric_target_type,
    targetMetricName: targets[0]?.labels.metric_name,
    targetMax: target ? maxOf(target.v) : o.defaults?.target ?? NaN,
    scale: o.utilisationScale,
  });
  if (units.guessedFromValues && metric) {
    notes.push(
      `"${g.key}": utilisation read as a 0..1 ratio (×100) from its values (max ${formatNumber(maxOf(metric.v), 2)}); set the unit "Percent (0.0-1.0)" or "Percent (0-100)" to be sure`
    );
  }
  const d = o.defaults ?? {};
  const orConst = (s: Series | null, c: number | undefined) => (s && s.t.length > 0 ? s : c ?? null);
  return {
    key: g.key,
    name: g.name,
    labels: g.labels,
    current: replicas(r.current, 'current') ?? normaliseSeries(null),
    desired: replicas(r.desired, 'desired'),
    min: orConst(replicas(r.min, 'min'), d.min),
    max: orConst(replicas(r.max, 'max'), d.max),
    metric,
    target: orConst(target, d.target),
    metricName: units.name,
    metricUnit: units.unit,
    metricScale: units.scale,
    sources: {
      current: r.current.length,
      desired: r.desired.length,
      min: r.min.length,
      max: r.max.length,
      utilisation: r.utilisation.length,
      target: r.target.length,
    },
  };
}

/**
 * Keep the candidates about one metric: those whose `attr` equals / contains `preferred`, else the
 * ones sharing the first candidate's attr. Edge cases: empty list → empty; missing attrs group
 * together.
 */
function pickMetric(
  list: SeriesCandidate[],
  preferred: string,
  attr: (c: SeriesCandidate) => string | undefined
): SeriesCandidate[] {
  if (list.length <= 1) return list;
  const p = preferred.toLowerCase();
  const hit = list.filter((c) => (attr(c) ?? '').toLowerCase().includes(p));
  if (hit.length > 0) {
    const first = attr(hit[0]);
    return hit.filter((c) => attr(c) === first);
  }
  const first = attr(list[0]);
  return list.filter((c) => attr(c) === first);
}

function maxOf(v: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
  return v.length > 0 ? m : NaN;
}
