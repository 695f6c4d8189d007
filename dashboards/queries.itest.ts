// Every PromQL target and variable query of the rendered dashboards returns data on the demo
// Prometheus (the simulator's metrics and the rules pack's recording rules), with the variables
// at their defaults ("All" = .*) and the time range Grafana opens them with (6 hours).
// Runs with the demo stack up (jest.integration.config.js).
import { loadDashboards, labelValuesQuery, promQueries, substitute, variableQuery } from './dashboardModel';

const port = Number(process.env.HEADROOM_PROMETHEUS_PORT || 19090);
const PROMETHEUS_URL = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${port}`;
// Recording rules start with the stack; give them a few evaluations before calling a query empty.
// One deadline for the whole file, so a broken rule set costs this once, not once per query.
const WAIT_MS = Number(process.env.HEADROOM_DASHBOARD_QUERY_WAIT_MS || 90_000);
const deadline = Date.now() + WAIT_MS;
const RETRY_MS = 5_000;

interface Series {
  values?: Array<[number, string]>;
  value?: [number, string];
}

async function api<T>(pathAndQuery: string, body?: URLSearchParams): Promise<T> {
  const res = await fetch(`${PROMETHEUS_URL}${pathAndQuery}`, body ? { method: 'POST', body } : undefined);
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathAndQuery}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { data: T }).data;
}

/**
 * Series with at least one number (not NaN) over the last 30 minutes, or at now when instant; with
 * `ago`, over the 30 minutes that end `ago` seconds before now.
 */
async function run(expr: string, instant: boolean, ago = 0): Promise<number> {
  const now = Math.floor(Date.now() / 1000) - ago;
  const result = instant
    ? (await api<{ result: Series[] }>('/api/v1/query', new URLSearchParams({ query: expr, time: String(now) }))).result
    : (
        await api<{ result: Series[] }>(
          '/api/v1/query_range',
          new URLSearchParams({ query: expr, start: String(now - 1800), end: String(now), step: '60' }),
        )
      ).result;
  const points = (s: Series) => (s.values ?? (s.value ? [s.value] : [])).filter(([, v]) => !Number.isNaN(Number(v)));
  return result.filter((s) => points(s).length > 0).length;
}

async function eventually(check: () => Promise<number>): Promise<number> {
  for (;;) {
    const n = await check();
    if (n > 0 || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
}

const dashboards = loadDashboards();
const targets = dashboards.flatMap(({ dashboard }) => promQueries(dashboard));
const variables = dashboards.flatMap(({ dashboard }) =>
  dashboard.templating.list.filter((v) => v.type === 'query').map((v) => ({ dashboard: dashboard.uid, variable: v })),
);

beforeAll(async () => {
  await api('/api/v1/status/buildinfo');
});

test('there are PromQL targets to check', () => {
  expect(targets.length).toBeGreaterThan(50);
});

describe.each(targets.map((t) => [`${t.dashboard} / ${t.panel} / ${t.refId}`, t] as const))('%s', (_name, t) => {
  test('returns data on the demo Prometheus', async () => {
    const expr = substitute(t.expr);
    const series = await eventually(() => run(expr, t.instant));
    expect({ expr, series: series > 0 }).toEqual({ expr, series: true });
  });
});

// The panels whose point is history: the demo must show more than the minutes since the stack
// started (stack/rulehistory.ts backfills the recording rules they read; the forecast reads raw
// series over its own time range). Each range target has data a day back, and a panel with its
// own time range (the forecasts: 30d) has data a day after that range's start.
const HISTORY_PANELS = ['headroom-latency-panel', 'headroom-scalingtimeline-panel', 'headroom-capacityforecast-panel', 'heatmap'];
const DAY = 86400;
const days = (range: string) => Number(/^(\d+)d$/.exec(range)?.[1] ?? NaN);
const historyChecks = targets
  .filter((t) => !t.instant && HISTORY_PANELS.includes(t.panelType))
  .flatMap((t) => [
    { t, ago: DAY },
    ...(t.timeFrom ? [{ t, ago: (days(t.timeFrom) - 1) * DAY }] : []),
  ]);

test('there are history-critical targets to check', () => {
  expect(historyChecks.length).toBeGreaterThanOrEqual(10);
  expect(historyChecks.some(({ t }) => t.timeFrom !== undefined)).toBe(true);
});

describe.each(historyChecks.map(({ t, ago }) => [`${t.dashboard} / ${t.panel} / ${t.refId} ${ago / DAY} d ago`, t, ago] as const))('%s', (_name, t, ago) => {
  test('has history on the demo Prometheus', async () => {
    const expr = substitute(t.expr);
    const series = await run(expr, false, ago);
    expect({ expr, ago, series: series > 0 }).toEqual({ expr, ago, series: true });
  });
});

describe.each(variables.map((v) => [`${v.dashboard} / $${v.variable.name}`, v] as const))('%s', (_name, { variable }) => {
  test('lists values on the demo Prometheus', async () => {
    const lv = labelValuesQuery(variable);
    expect({ query: variableQuery(variable), labelValues: lv !== null }).toEqual({ query: variableQuery(variable), labelValues: true });
    const now = Math.floor(Date.now() / 1000);
    const params = new URLSearchParams({ 'match[]': substitute(lv!.selector), start: String(now - 6 * 3600), end: String(now) });
    const values = await api<string[]>(`/api/v1/label/${encodeURIComponent(lv!.label)}/values?${params}`);
    expect({ query: variableQuery(variable), values: values.length > 0 }).toEqual({ query: variableQuery(variable), values: true });
  });
});
