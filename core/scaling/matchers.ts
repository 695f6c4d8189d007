// Which series plays which role (current/desired/min/max/utilisation/target). Pure: no Grafana.

export type Role = 'current' | 'desired' | 'min' | 'max' | 'utilisation' | 'target';

/** Roles in matching priority: the first role with a matching matcher wins. */
export const ROLE_ORDER: readonly Role[] = ['target', 'min', 'max', 'desired', 'utilisation', 'current'];

/** One series as the grouping sees it (built from a DataFrame field, or by hand). */
export interface SeriesCandidate {
  /** Metric name (`__name__` label, or field/frame name). */
  name: string;
  /** Display name if the datasource set one (legend). */
  displayName?: string;
  labels: Record<string, string>;
  refId?: string;
  /** Field unit, e.g. "percentunit". */
  unit?: string;
  t: ArrayLike<number | null | undefined>;
  v: ArrayLike<number | null | undefined>;
}

/**
 * All given conditions must hold. Strings are exact matches unless written as "/regex/flags"
 * (the form a panel option text box gives); RegExp objects are used as they are.
 */
export interface RoleMatcher {
  name?: string | RegExp;
  labels?: Record<string, string | RegExp>;
  refId?: string;
}

export type RoleMatchers = Record<Role, RoleMatcher[]>;

/**
 * Defaults: kube-state-metrics HPA v2 names, AWS ASG CloudWatch names, generic *_replicas, and
 * legends such as "max replicas" (separators: _, space or -). Aggregated PromQL drops __name__,
 * so such queries need a legend or a refId matcher, else they fall back to 'current'.
 */
export const DEFAULT_ROLE_MATCHERS: Readonly<RoleMatchers> = Object.freeze({
  target: [{ name: /_spec_target_metric$|(^|[_\s-])target([_\s-]?(value|utili[sz]ation|metric))?$/i }],
  min: [{ name: /_spec_min_replicas$|(^|[_\s-])min[_\s-]?(replicas|size)$|GroupMinSize$/i }],
  max: [{ name: /_spec_max_replicas$|(^|[_\s-])max[_\s-]?(replicas|size)$|GroupMaxSize$/i }],
  desired: [{ name: /_status_desired_replicas$|(^|[_\s-])desired[_\s-]?(replicas|capacity)$|GroupDesiredCapacity$/i }],
  utilisation: [{ name: /utili[sz]ation|_usage_ratio$|_ratio_requests(:\w+)?$|keda_scaler_metrics_value$|^cpu$/i }],
  current: [
    {
      name: /_status_current_replicas$|(^|[_\s-])current[_\s-]?replicas$|GroupInServiceInstances$|_status_replicas$|(^|[_\s-])replicas$/i,
    },
  ],
});

const REGEX_TEXT = /^\/(.+)\/([gimsuy]*)$/;

/**
 * Compile a matcher value. Edge cases: "/…/flags" strings become RegExp (an invalid pattern falls
 * back to exact text); the 'g'/'y' flags are dropped so test() has no state; empty string matches
 * only the empty string.
 */
export function toPattern(p: string | RegExp): RegExp | string {
  if (p instanceof RegExp) {
    return p.global || p.sticky ? new RegExp(p.source, p.flags.replace(/[gy]/g, '')) : p;
  }
  const m = REGEX_TEXT.exec(p);
  if (!m) return p;
  try {
    return new RegExp(m[1], m[2].replace(/[gy]/g, ''));
  } catch {
    return p;
  }
}

function test(p: string | RegExp, s: string | undefined): boolean {
  if (s === undefined) return false;
  const c = toPattern(p);
  return typeof c === 'string' ? c === s : c.test(s);
}

/**
 * Does `m` match candidate `c`? Name conditions are tried against the metric name and the display
 * name. Edge cases: an empty matcher ({}) matches everything; a label condition on a label the
 * series lacks fails.
 */
export function matches(m: RoleMatcher, c: SeriesCandidate): boolean {
  if (m.refId !== undefined && m.refId !== c.refId) return false;
  if (m.name !== undefined && !test(m.name, c.name) && !test(m.name, c.displayName)) return false;
  if (m.labels) {
    for (const k of Object.keys(m.labels)) {
      if (!test(m.labels[k], c.labels[k])) return false;
    }
  }
  return true;
}

/**
 * Role of a candidate. Matchers that name a refId are explicit assignments and are tried first, in
 * every role (so "query F is the target" wins over any name guess); then the first role in
 * ROLE_ORDER with a matching matcher; otherwise `fallback` (default 'current', so any unnamed
 * "replicas over time" series is read as replicas).
 * Edge cases: `overrides` replace the defaults for the roles they name (an empty list disables
 * that role); fallback null → unmatched series are ignored (returns null).
 */
export function roleOf(
  c: SeriesCandidate,
  overrides: Partial<RoleMatchers> = {},
  fallback: Role | null = 'current'
): Role | null {
  for (const explicit of [true, false]) {
    for (const role of ROLE_ORDER) {
      const list = overrides[role] ?? DEFAULT_ROLE_MATCHERS[role];
      for (const m of list) if ((m.refId !== undefined) === explicit && matches(m, c)) return role;
    }
  }
  return fallback;
}

const ROLE_NAMES: Readonly<Record<string, Role>> = {
  current: 'current',
  replicas: 'current',
  desired: 'desired',
  min: 'min',
  max: 'max',
  utilisation: 'utilisation',
  utilization: 'utilisation',
  target: 'target',
};

/**
 * Explicit roles by query: "A=current, B=desired, C=min, D=max, E=utilisation, F=target" (also
 * "A: current", separated by commas, semicolons or new lines; "replicas" and "utilization" are
 * accepted spellings). Returns one refId matcher per assignment, for roleOf's overrides.
 * Edge cases: empty text → no roles; an entry without "=" / ":", an unknown role or a refId given
 * twice is reported in `problems` and skipped (the rest still apply).
 */
export function parseRefIdRoles(text: string): { roles: Partial<RoleMatchers>; problems: string[] } {
  const roles: Partial<RoleMatchers> = {};
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of text.split(/[,;\n]/)) {
    const item = entry.trim();
    if (!item) continue;
    const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(item);
    const role = m ? ROLE_NAMES[m[2].toLowerCase()] : undefined;
    if (!m || !role) {
      problems.push(`Query roles: "${item}" is not "<refId>=<role>" with a role of current, desired, min, max, utilisation, target; ignored.`);
      continue;
    }
    if (seen.has(m[1])) {
      problems.push(`Query roles: query ${m[1]} is given twice; the first role is kept.`);
      continue;
    }
    seen.add(m[1]);
    (roles[role] ??= []).push({ refId: m[1] });
  }
  return { roles, problems };
}
