// Reading the rendered dashboards (dashboards/out/*.json) for the checks: their panels, their
// PromQL targets and variable queries, Grafana's variable substitution, and a PromQL syntax check
// with Prometheus' own grammar (@prometheus-io/lezer-promql).
import fs from 'fs';
import path from 'path';
import { parser } from '@prometheus-io/lezer-promql';

export const outDir = path.join(__dirname, 'out');

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface Target {
  refId?: string;
  datasource?: DatasourceRef;
  expr?: string;
  queryType?: string;
  instant?: boolean;
  format?: string;
  [key: string]: unknown;
}

export interface Panel {
  id?: number;
  type: string;
  title: string;
  gridPos?: { x: number; y: number; w: number; h: number };
  datasource?: DatasourceRef;
  targets?: Target[];
  /** The panel's own relative time range ('14d'), overriding the dashboard's. */
  timeFrom?: string;
  options?: Record<string, unknown>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  links?: Array<{ title: string; url: string }>;
  panels?: Panel[];
}

export interface Variable {
  type: string;
  name: string;
  query?: string | { query: string };
  datasource?: DatasourceRef;
  includeAll?: boolean;
  allValue?: string;
}

export interface Dashboard {
  title: string;
  uid: string;
  tags: string[];
  panels: Panel[];
  templating: { list: Variable[] };
  links: Array<{ type: string; url?: string; tags?: string[] }>;
}

export interface LoadedDashboard {
  file: string;
  dashboard: Dashboard;
}

export function loadDashboards(dir = outDir): LoadedDashboard[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Dashboard }));
}

/** Every panel, rows' nested panels included. */
export function allPanels(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

export interface PromQuery {
  dashboard: string;
  panel: string;
  panelType: string;
  /** The panel's own time range, if any ('14d'). */
  timeFrom?: string;
  refId: string;
  expr: string;
  instant: boolean;
}

/** The PromQL targets: targets whose data source (own, else the panel's) is a Prometheus one. */
export function promQueries(d: Dashboard): PromQuery[] {
  const out: PromQuery[] = [];
  for (const p of allPanels(d)) {
    for (const t of p.targets ?? []) {
      const ds = t.datasource ?? p.datasource;
      if (ds?.type === 'prometheus' && typeof t.expr === 'string') {
        out.push({ dashboard: d.uid, panel: p.title, panelType: p.type, timeFrom: p.timeFrom, refId: t.refId ?? '?', expr: t.expr, instant: t.instant === true });
      }
    }
  }
  return out;
}

export function variableQuery(v: Variable): string {
  if (typeof v.query === 'string') return v.query;
  return v.query?.query ?? '';
}

/** `label_values(selector, label)` of a query variable, or null for another kind of query. */
export function labelValuesQuery(v: Variable): { selector: string; label: string } | null {
  const m = /^label_values\(\s*(.*),\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/s.exec(variableQuery(v).trim());
  return m ? { selector: m[1], label: m[2] } : null;
}

/**
 * Grafana's interpolation of `$var`, `${var}`, `${var:format}` and `[[var]]`. Built-in variables
 * get the values Grafana would give a 6-hour range; dashboard variables get `values[name]`,
 * else `fallback` (".*" is what "All" becomes with allValue ".*").
 */
export function substitute(expr: string, values: Record<string, string> = {}, fallback = '.*'): string {
  const builtins: Record<string, string> = {
    __range: '6h',
    __range_s: '21600',
    __range_ms: '21600000',
    __rate_interval: '5m',
    __interval: '1m',
    __interval_ms: '60000',
  };
  const value = (name: string) => values[name] ?? builtins[name] ?? fallback;
  return expr
    .replace(/\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}/g, (_, name: string) => value(name))
    .replace(/\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]/g, (_, name: string) => value(name))
    .replace(/\$([A-Za-z0-9_]+)/g, (_, name: string) => value(name));
}

/** Syntax errors of a PromQL expression: the positions of lezer's error nodes, with context. */
export function promqlErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) {
        errors.push(`error at ${node.from}: ...${expr.slice(Math.max(0, node.from - 20), node.from)}⚠${expr.slice(node.from, node.from + 20)}...`);
      }
    },
  });
  return errors;
}
