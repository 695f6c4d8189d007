/**
 * @jest-environment node
 */
// Checks of the rendered dashboards (dashboards/out/*.json): what Grafana needs to provision
// them, panel types Grafana knows, no data source uid of one Grafana instance, PromQL that
// parses, options the Headroom panels have, a layout without overlaps, runbook links.
import fs from 'fs';
import path from 'path';
import { defaultCapacityForecastOptions } from '../panels/capacityforecast/types';
import { defaultCostPerRequestOptions } from '../panels/costperrequest/types';
import { defaultLatencyOptions } from '../panels/latency/types';
import { defaultScalingTimelineOptions } from '../panels/scalingtimeline/types';
import {
  allPanels,
  DatasourceRef,
  labelValuesQuery,
  loadDashboards,
  promqlErrors,
  promQueries,
  substitute,
  variableQuery,
} from './dashboardModel';

const repo = path.join(__dirname, '..');
const dashboards = loadDashboards();

// Grafana's built-in panel types (public/app/plugins/panel in Grafana 12).
const corePanels = new Set([
  'alertlist', 'annolist', 'barchart', 'bargauge', 'candlestick', 'canvas', 'dashlist', 'datagrid',
  'flamegraph', 'gauge', 'geomap', 'heatmap', 'histogram', 'logs', 'news', 'nodeGraph', 'piechart',
  'row', 'stat', 'state-timeline', 'status-history', 'table', 'text', 'timeseries', 'traces',
  'trend', 'xychart',
]);

// Headroom's panel plugin ids, from their plugin.json, with the options their types declare.
const headroomPanels: Record<string, object> = {};
const optionDefaults: Record<string, object> = {
  latency: defaultLatencyOptions,
  costperrequest: defaultCostPerRequestOptions,
  scalingtimeline: defaultScalingTimelineOptions,
  capacityforecast: defaultCapacityForecastOptions,
};
for (const dir of fs.readdirSync(path.join(repo, 'panels'))) {
  const manifest = path.join(repo, 'panels', dir, 'plugin.json');
  if (!fs.existsSync(manifest)) continue;
  const id = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { id: string }).id;
  headroomPanels[id] = optionDefaults[dir] ?? {};
}

// Data source types of the data source variables, and Grafana's own pseudo data sources.
const grafanaPseudoUids = new Set(['-- Grafana --', '-- Mixed --', '-- Dashboard --']);
// Query types of the cost data source, from its `CostQueryType` union.
const costQueryTypes = new Set(
  [...(/type CostQueryType = ([^;]+);/.exec(fs.readFileSync(path.join(repo, 'datasources/cost/types.ts'), 'utf8'))?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]),
);

/** Every `datasource` value anywhere in the JSON, with where it was found. */
function datasourceRefs(value: unknown, where: string, out: Array<{ where: string; ref: unknown }> = []) {
  if (Array.isArray(value)) value.forEach((v, i) => datasourceRefs(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'datasource') out.push({ where: `${where}.${k}`, ref: v });
      datasourceRefs(v, `${where}.${k}`, out);
    }
  }
  return out;
}

test('the cost data source query types are known', () => {
  expect(costQueryTypes.size).toBeGreaterThan(0);
});

test('the rendered dashboards are the six Headroom dashboards', () => {
  expect(dashboards.map((d) => d.dashboard.uid).sort()).toEqual(
    ['headroom-cost', 'headroom-data', 'headroom-overview', 'headroom-scaling', 'headroom-slo', 'headroom-slo-specs'],
  );
});

test('the PromQL check finds syntax errors (it is not vacuous)', () => {
  expect(promqlErrors('sum by (le) (rate(http_request_duration_seconds_bucket[5m]))')).toEqual([]);
  expect(promqlErrors('sum by (le) (rate(http_request_duration_seconds_bucket[5m])')).not.toEqual([]);
  // Grafana variables in durations are not PromQL until substituted.
  expect(promqlErrors('sum(changes(x[$__range]))')).not.toEqual([]);
  expect(promqlErrors(substitute('sum(changes(x[$__range]))'))).toEqual([]);
  expect(substitute('rate(x{a=~"$cluster", b="${ns}"}[$__rate_interval])', { ns: 'demo' })).toBe('rate(x{a=~".*", b="demo"}[5m])');
});

describe.each(dashboards.map((d) => [d.file, d.dashboard] as const))('%s', (file, d) => {
  const panels = allPanels(d);
  const variables = d.templating?.list ?? [];

  test('has a title, a uid matching its file name, tags and a Prometheus data source variable', () => {
    expect(d.title).toMatch(/\S/);
    expect(d.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(file).toBe(`${d.uid}.json`);
    expect(d.tags).toContain('headroom');
    expect(variables.filter((v) => v.type === 'datasource' && v.query === 'prometheus').map((v) => v.name)).toContain('datasource');
  });

  test('every panel type is a Headroom plugin id or a Grafana core panel', () => {
    const unknown = panels.map((p) => p.type).filter((t) => !corePanels.has(t) && !(t in headroomPanels));
    expect(unknown).toEqual([]);
  });

  test('no data source uid of a particular Grafana: only ${variable} references', () => {
    const dsVariables = new Map(variables.filter((v) => v.type === 'datasource').map((v) => [v.name, v.query]));
    const bad = datasourceRefs(d, d.uid).filter(({ ref }) => {
      if (ref === null || ref === undefined) return false;
      if (typeof ref === 'string') return !/^\$\{?[A-Za-z0-9_]+\}?$/.test(ref);
      const { type, uid } = ref as DatasourceRef;
      if (uid === undefined) return false;
      if (grafanaPseudoUids.has(uid)) return false;
      const m = /^\$\{([A-Za-z0-9_]+)\}$/.exec(uid);
      // The variable exists and picks data sources of the referenced type.
      return !m || !dsVariables.has(m[1]) || dsVariables.get(m[1]) !== type;
    });
    expect(bad).toEqual([]);
  });

  test('panel ids are unique and the layout fits the 24-column grid without overlaps', () => {
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const taken = new Set<string>();
    const overlaps: string[] = [];
    for (const p of d.panels) {
      const g = p.gridPos!;
      expect(g.x).toBeGreaterThanOrEqual(0);
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          if (taken.has(`${x},${y}`)) overlaps.push(`${p.title} at ${x},${y}`);
          taken.add(`${x},${y}`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });

  test('every panel with data has targets with unique refIds; cost targets have a known query type', () => {
    for (const p of panels.filter((q) => !['row', 'text', 'alertlist', 'dashlist', 'news'].includes(q.type))) {
      expect({ panel: p.title, targets: (p.targets ?? []).length > 0 }).toEqual({ panel: p.title, targets: true });
      const refIds = (p.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets ?? []) {
        if ((t.datasource ?? p.datasource)?.type === 'headroom-cost-datasource') {
          expect(costQueryTypes.has(String(t.queryType))).toBe(true);
        }
      }
    }
  });

  test('every PromQL target parses after variable substitution', () => {
    const queries = promQueries(d);
    expect(queries.length).toBeGreaterThan(0);
    const failures = queries
      .map((q) => ({ panel: q.panel, refId: q.refId, errors: promqlErrors(substitute(q.expr)) }))
      .filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });

  test('every query variable is label_values() over a selector that parses', () => {
    for (const v of variables.filter((x) => x.type === 'query')) {
      const lv = labelValuesQuery(v);
      expect({ variable: v.name, query: variableQuery(v), labelValues: lv !== null }).toEqual({ variable: v.name, query: variableQuery(v), labelValues: true });
      expect({ variable: v.name, errors: promqlErrors(substitute(lv!.selector)) }).toEqual({ variable: v.name, errors: [] });
      expect(v.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
  });

  test('Headroom panels set only options their plugin declares, with the declared types', () => {
    for (const p of panels.filter((q) => q.type in headroomPanels)) {
      const defaults = headroomPanels[p.type] as Record<string, unknown>;
      for (const [key, value] of Object.entries(p.options ?? {})) {
        expect({ panel: p.title, option: key, declared: key in defaults }).toEqual({ panel: p.title, option: key, declared: true });
        expect({ panel: p.title, option: key, type: typeof value }).toEqual({ panel: p.title, option: key, type: typeof defaults[key] });
      }
    }
  });

  test('thresholds start with a base step and rise', () => {
    for (const p of panels) {
      const steps = (p.fieldConfig?.defaults?.thresholds as { steps?: Array<{ value: number | null }> } | undefined)?.steps;
      if (!steps) continue;
      expect(steps[0].value).toBeNull();
      const values = steps.slice(1).map((s) => s.value as number);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  test('runbook links point at alerts/runbooks/<Alert>.md once runbooks exist', () => {
    const runbookDir = path.join(repo, 'alerts', 'runbooks');
    const haveRunbooks = fs.existsSync(runbookDir) && fs.readdirSync(runbookDir).some((f) => f.endsWith('.md'));
    for (const p of panels) {
      for (const l of (p.links ?? []).filter((x) => x.title.startsWith('Runbook: '))) {
        const alert = l.title.slice('Runbook: '.length);
        expect(l.url).toContain(alert);
        const local = /(?:^|\/)alerts\/runbooks\/([A-Za-z0-9]+)\.md$/.exec(l.url);
        if (haveRunbooks && local) {
          expect({ runbook: `alerts/runbooks/${local[1]}.md`, exists: fs.existsSync(path.join(runbookDir, `${local[1]}.md`)) }).toEqual({
            runbook: `alerts/runbooks/${local[1]}.md`,
            exists: true,
          });
        }
      }
    }
  });

  test('links to other dashboards point at rendered dashboards', () => {
    const uids = new Set(dashboards.map((x) => x.dashboard.uid));
    const urls = [
      ...(d.links ?? []).map((l) => l.url ?? ''),
      ...panels.flatMap((p) => (p.links ?? []).map((l) => l.url)),
      ...panels.filter((p) => p.type === 'text').map((p) => String(p.options?.content ?? '')),
    ];
    for (const url of urls) {
      for (const m of url.matchAll(/\/d\/([a-z0-9-]+)/g)) expect(uids.has(m[1])).toBe(true);
    }
  });
});

describe('series colours and legends', () => {
  const panels = dashboards.flatMap((d) => allPanels(d.dashboard).map((p) => ({ uid: d.dashboard.uid, p })));
  type Override = { matcher: { id: string; options: string }; properties: Array<{ id: string; value: { mode?: string; fixedColor?: string } }> };
  const fixed = panels.flatMap(({ uid, p }) =>
    ((p as { fieldConfig?: { overrides?: Override[] } }).fieldConfig?.overrides ?? []).flatMap((o) =>
      o.properties.filter((x) => x.id === 'color' && x.value.mode === 'fixed').map((x) => ({ where: `${uid} / ${p.title}`, pattern: o.matcher.options, color: x.value.fixedColor }))
    )
  );

  test('a series kind has one fixed colour on every panel (compute is blue wherever it is drawn)', () => {
    expect(fixed.length).toBeGreaterThan(20);
    const byPattern = new Map<string, Set<string | undefined>>();
    for (const f of fixed) byPattern.set(f.pattern, (byPattern.get(f.pattern) ?? new Set()).add(f.color));
    expect([...byPattern].filter(([, colors]) => colors.size > 1)).toEqual([]);
    // The same names meet the same colour: the components on the cost panels.
    // The patterns are written /…/ (searched as written; overrides.test.ts checks Grafana's reading).
    const colorOf = (name: string, where: string) => fixed.filter((f) => f.where === where && new RegExp(f.pattern.replace(/^\/(.*)\/$/, '$1')).test(name)).pop()?.color;
    for (const where of ['headroom-cost / Hourly cost by component', 'headroom-cost / Cost per request']) {
      expect([colorOf('compute', where), colorOf('database', where), colorOf('cache', where)]).toEqual(['blue', 'purple', 'orange']);
    }
    expect([colorOf('t3.large', 'headroom-cost / Hourly cost by instance type'), colorOf('db.r5.large', 'headroom-cost / Hourly cost by instance type')]).toEqual(['blue', 'purple']);
  });

  test('every time series panel shows its legend', () => {
    const hidden = panels.filter(({ p }) => p.type === 'timeseries' && !(p as { options?: { legend?: { showLegend?: boolean } } }).options?.legend?.showLegend);
    expect(hidden.map(({ uid, p }) => `${uid} / ${p.title}`)).toEqual([]);
  });
});
