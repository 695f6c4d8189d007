// Grafana's core panels as the dashboards use them, drawn by the preview host on the live demo
// stack: every core type shows its content (a table row, a legend entry, an alert in the list, a
// state in the timeline, heatmap cells, a stat value, rendered markdown with resolved links), and
// where a panel shows a number, it is the one Prometheus gives for the same PromQL.
import fs from 'node:fs';
import path from 'node:path';
import type { Route } from 'playwright-core';
import { PreviewHarness, PreviewPage, repoRoot, startPreview } from './harness';

interface DashboardJson {
  panels: Array<{ id: number; type: string; title: string; targets?: Array<{ expr?: string }>; panels?: DashboardJson['panels'] }>;
}

function dashboard(uid: string): DashboardJson {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'dashboards', 'out', `${uid}.json`), 'utf8')) as DashboardJson;
}

function panelOf(uid: string, title: string) {
  const all = dashboard(uid).panels.flatMap((p) => [p, ...(p.panels ?? [])]);
  const panel = all.find((p) => p.title === title);
  if (!panel) {
    throw new Error(`${uid} has no panel "${title}" (the dashboard changed: update this test)`);
  }
  return panel;
}

/** The panel's PromQL as the dashboard runs it with every variable on All (allValue .*). */
const allExpr = (expr: string) => expr.replace(/\$(cluster|namespace|service|job|hpa)\b/g, '.*');

let preview: PreviewHarness;
const views: PreviewPage[] = [];

async function promQuery(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await fetch(`${preview.prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result;
}

async function open(uid: string, params: Record<string, string> = {}): Promise<PreviewPage> {
  const view = await preview.openDashboard(uid, { viewport: { width: 1600, height: 2400 }, from: 'now-6h', to: 'now', params });
  views.push(view);
  await view.waitForPanels();
  return view;
}

const panelLocator = (view: PreviewPage, id: number) => view.page.locator(`[data-testid="preview-panel"][data-panel-id="${id}"]`);

beforeAll(async () => {
  preview = await startPreview();
}, 180_000);

afterEach(async () => {
  for (const view of views.splice(0)) {
    view.expectNoErrors([/\/api\/datasources\/proxy\//]);
    await view.close();
  }
});

afterAll(async () => {
  await preview?.close();
});

/** Waits (bounded) until Alertmanager holds the alert: on a stack started seconds ago it may not yet. */
async function untilAlertmanagerHas(alertname: string, timeoutMs = 60_000): Promise<void> {
  const url = process.env.HEADROOM_ALERTMANAGER_URL || `http://127.0.0.1:${process.env.HEADROOM_ALERTMANAGER_PORT || '19093'}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/api/v2/alerts?filter=${encodeURIComponent(`alertname="${alertname}"`)}`).catch(() => undefined);
    if (response?.ok && ((await response.json()) as unknown[]).length > 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Alertmanager at ${url} did not receive ${alertname} within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * What the alert list should show, by "alertname state": Prometheus' firing and pending alerts, and
 * the alerts Alertmanager holds that no Prometheus alert stands for (another sender: listed as firing).
 */
async function activeAlertNames(): Promise<Set<string>> {
  const amUrl = process.env.HEADROOM_ALERTMANAGER_URL || `http://127.0.0.1:${process.env.HEADROOM_ALERTMANAGER_PORT || '19093'}`;
  type Labels = Record<string, string>;
  const prom = ((await (await fetch(`${preview.prometheusUrl}/api/v1/alerts`)).json()) as { data: { alerts: Array<{ labels: Labels; state: string }> } }).data.alerts.filter(
    (a) => a.state === 'firing' || a.state === 'pending'
  );
  const am = (await (await fetch(`${amUrl}/api/v2/alerts`)).json()) as Array<{ labels: Labels }>;
  const standsFor = (outer: Labels, inner: Labels) => Object.entries(inner).every(([k, v]) => outer[k] === v);
  const others = am.filter((a) => !prom.some((p) => standsFor(a.labels, p.labels)));
  return new Set([...prom.map((a) => `${a.labels.alertname} ${a.state}`), ...others.map((a) => `${a.labels.alertname} firing`)]);
}

test('overview: the alert list shows the firing and pending alerts Prometheus has, with Alertmanager\'s routing and labels', async () => {
  await untilAlertmanagerHas('HeadroomWatchdog');
  // Other tests send and resolve alerts meanwhile: what the list shows lies between what was
  // active both before and after it was read, and what was active at either time.
  const before = await activeAlertNames();
  const view = await open('headroom-overview');
  const listPanel = panelOf('headroom-overview', 'Firing and pending alerts');
  const maxItems = Number((listPanel as { options?: { maxItems?: number } }).options?.maxItems);
  expect(maxItems).toBeGreaterThan(0);
  const list = panelLocator(view, listPanel.id);
  await list.locator('[data-testid="preview-alert"]').first().waitFor();
  // One row per alert instance, in the list's order.
  const rows = await list.locator('[data-testid="preview-alert"]').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-alert-name')} ${i.getAttribute('data-alert-state')}`));
  const shown = new Set(rows);
  const after = await activeAlertNames();
  const union = new Set([...before, ...after]);
  // Nothing shown that was not active; the list holds its first maxItems, by name (sortOrder 1).
  expect([...shown].filter((x) => !union.has(x))).toEqual([]);
  const stable = [...before].filter((x) => after.has(x)).sort();
  if (rows.length >= maxItems) {
    // More instances active than the list holds (right after the incident tests, whose pending
    // alerts stay a few minutes): it is full, and no alert active throughout whose name sorts
    // before the last row's is missing.
    expect(rows.length).toBe(maxItems);
    const lastName = rows[rows.length - 1].split(' ')[0];
    expect(stable.filter((x) => x.split(' ')[0].localeCompare(lastName) < 0 && !shown.has(x))).toEqual([]);
    console.log(`alert list: full (${maxItems} rows; ${union.size} alertname/state pairs active): the watchdog's row not checked`);
    return;
  }
  // The watchdog always fires; the list has every alertname/state active.
  expect(shown.has('HeadroomWatchdog firing')).toBe(true);
  expect(stable.filter((x) => !shown.has(x))).toEqual([]);
  const watchdog = list.locator('[data-alert-name="HeadroomWatchdog"]').first();
  expect(await watchdog.innerText()).toMatch(/Firing for .*Alertmanager: notified[\s\S]*severity=/);
});

test('overview: the table lists the firing alerts with the counts Prometheus gives', async () => {
  const panel = panelOf('headroom-overview', 'Alerts firing in Prometheus');
  // On a stack started seconds ago the ALERTS series may not exist yet: wait (bounded) for one.
  for (let i = 0; i < 60 && (await promQuery(panel.targets![0].expr!)).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1000));
  const view = await open('headroom-overview');
  const table = panelLocator(view, panel.id);
  await table.locator('[role="row"]').nth(1).waitFor();
  const rows = await table.locator('[role="row"]').evaluateAll((r) => r.slice(1).map((row) => (row as HTMLElement).innerText.split('\n').map((s) => s.trim()).filter(Boolean)));
  const result = await promQuery(panel.targets![0].expr!);
  const expected = result.map((r) => [r.metric.alertname, r.metric.severity, r.value[1]].join(' ')).sort();
  expect(rows.map((r) => r.join(' ')).sort()).toEqual(expected);
  expect(expected.some((r) => r.startsWith('HeadroomWatchdog'))).toBe(true);
});

test('overview: markdown rendered, built-in variables resolved, links navigate with time range and variables', async () => {
  const view = await open('headroom-overview');
  const text = view.page.locator('[data-testid="preview-text-panel"]');
  await text.locator('a').first().waitFor();
  expect(await text.innerText()).not.toMatch(/\$\{|\]\(|^- /m);
  const hrefs = await text.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toHaveLength(4);
  for (const href of hrefs) {
    expect(href).toMatch(/^\/d\/headroom-[a-z]+\?from=now-6h&to=now&var-datasource=[^&]+&var-cluster=%24__all/);
  }
  expect(await text.locator('ul li').count()).toBe(4);
  await text.locator('a', { hasText: 'Data tier' }).click();
  await view.page.waitForURL(/\/d\/headroom-data\?from=now-6h/);
  await view.page.locator('[data-testid="preview-toolbar"] h1', { hasText: 'Data tier' }).waitFor();
});

test('overview: stat values are the ones Prometheus gives for the same PromQL', async () => {
  // On the simulated history's namespace: the live part's 30-day ratio has minutes of history (and
  // the other itests' incidents in them), so it moves between the panel's read and ours.
  const view = await open('headroom-overview', { 'var-namespace': 'demo' });
  for (const title of ['Availability (30d)', 'Replicas']) {
    const panel = panelOf('headroom-overview', title);
    const shown = (await panelLocator(view, panel.id).locator('section').innerText()).replace(/\s+/g, '');
    const [sample] = await promQuery(allExpr(panel.targets![0].expr!.replace(/\$namespace\b/g, 'demo')));
    const value = Number(sample.value[1]);
    if (title === 'Replicas') {
      // The panel's title, then the value and nothing else.
      expect(shown).toBe(`Replicas${value}`);
    } else {
      // percentunit, 3 decimals; the 30-day ratio moves a little between the two reads.
      const number = Number(shown.match(/(-?[\d.]+)%/)![1]);
      expect(Math.abs(number - value * 100)).toBeLessThan(0.01);
    }
  }
});

test('SLO: time series legends name the series Prometheus returns, the tooltip shows them; the heatmap draws cells in every bucket row and names the hovered one', async () => {
  const view = await open('headroom-slo');
  const panel = panelOf('headroom-slo', 'Throughput by handler and code');
  const legend = await panelLocator(view, panel.id).locator('[data-testid="data-testid Legend label"], button').allInnerTexts();
  const series = await promQuery(allExpr(panel.targets![0].expr!));
  const expected = series.map((s) => `${s.metric.handler} ${s.metric.code}`);
  expect(expected.length).toBeGreaterThan(1);
  for (const name of expected) {
    expect(legend.map((l) => l.trim())).toContain(name);
  }
  // The tooltip: the hovered time and every series' value with its unit.
  await view.hover(0.5, 0.4, panel.id);
  await view.page.locator('[data-testid="preview-timeseries-tooltip"]').waitFor();
  const tooltip = await view.tooltipText('[data-testid="preview-timeseries-tooltip"]');
  expect(tooltip).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  expect(tooltip).toContain(expected[0]);
  expect(tooltip).toMatch(/req\/s/);
  const heatmapPanel = panelOf('headroom-slo', 'Latency buckets');
  const heatmap = panelLocator(view, heatmapPanel.id);
  const cells = Number(await heatmap.locator('[data-testid="preview-heatmap-canvas"]').getAttribute('data-cells'));
  const buckets = await promQuery(`count by (le) (${allExpr(heatmapPanel.targets![0].expr!)})`);
  expect(buckets.length).toBeGreaterThan(3);
  // at least one drawn cell per bucket row on average over the columns: the whole range is drawn
  expect(cells).toBeGreaterThan(buckets.length * 10);
  expect((await view.canvasInk(heatmapPanel.id)).pixels).toBeGreaterThan(5000);
  const canvas = heatmap.locator('[data-testid="preview-heatmap-canvas"]');
  const box = (await canvas.boundingBox())!;
  await view.page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6);
  const cellTooltip = await heatmap.locator('[data-testid="preview-heatmap-tooltip"]').innerText();
  expect(cellTooltip).toMatch(/\d{2}:\d{2}:\d{2}[\s\S]*Bucket [\d.]+ m?s – [\d.]+ m?s[\s\S]*Count [\d.]+/);
});

test('data tier: the state timeline shows each replication thread, in the state Prometheus has now', async () => {
  const view = await open('headroom-data');
  const panel = panelOf('headroom-data', 'MySQL replication threads');
  const timeline = panelLocator(view, panel.id);
  const states = await timeline.locator('[data-testid="preview-state"]').evaluateAll((s) => s.map((e) => e.getAttribute('title') ?? ''));
  expect(states.length).toBeGreaterThan(1);
  for (const target of panel.targets!) {
    for (const series of await promQuery(allExpr(target.expr!))) {
      const thread = target.expr!.includes('io_running') ? 'IO thread' : 'SQL thread';
      const now = series.value[1] === '1' ? 'running' : 'stopped';
      const ofRow = states.filter((t) => t.startsWith(`${series.metric.instance} ${thread}:`));
      expect(ofRow.length).toBeGreaterThan(0);
      expect(ofRow[ofRow.length - 1]).toContain(`: ${now} (`);
    }
  }
  expect(await timeline.innerText()).toMatch(/stopped[\s\S]*running/);
});

test('cost: the savings table has a row per pricing model of the cost data source', async () => {
  const view = await open('headroom-cost');
  const panel = panelOf('headroom-cost', 'Reserved and spot savings');
  const table = panelLocator(view, panel.id);
  await table.locator('[role="row"]').nth(1).waitFor();
  const text = await table.innerText();
  expect(text).toMatch(/on demand/);
  expect(text).toMatch(/reserved 1y/);
  expect(await table.locator('[role="row"]').count()).toBeGreaterThan(3);
});

test('the page fits 1600 px: no sideways scroll, the toolbar in one row', async () => {
  for (const uid of ['headroom-slo', 'headroom-overview']) {
    const view = await open(uid);
    const layout = await view.page.evaluate(() => {
      const bar = document.querySelector('[data-testid="preview-toolbar"]')!.getBoundingClientRect();
      return { scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth, barHeight: bar.height };
    });
    expect(layout.scroll).toBe(0);
    expect(layout.barHeight).toBeLessThan(56);
  }
});

test('the start page lists the dashboards of dashboards/out, not the test fixture', async () => {
  const view = await preview.open('/', { viewport: { width: 1600, height: 900 } });
  views.push(view);
  const listed = await view.page.locator('[data-testid="preview-dashboards"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const out = fs
    .readdirSync(path.join(repoRoot, 'dashboards', 'out'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(fs.readFileSync(path.join(repoRoot, 'dashboards', 'out', f), 'utf8')) as { uid: string }).uid);
  expect(listed.map((href) => href!.split('/')[2]).sort()).toEqual(out.sort());
  expect(listed.join(' ')).not.toContain('headroom-preview');
});

test('while queries run, every panel with queries shows the loading bar: on a fresh page and on refresh, keeping the data', async () => {
  const view = await open('headroom-overview');
  const withQueries = dashboard('headroom-data')
    .panels.flatMap((p) => [p, ...(p.panels ?? [])])
    .filter((p) => p.type !== 'row' && (p.targets ?? []).length > 0);
  // Hold every panel query (not the variables' label lookups) until the bars have been seen.
  const queries = /\/api\/datasources\/proxy\/uid\/[^/]+\/api\/v1\/query(_range)?(\?|$)/;
  let release!: () => void;
  let held = new Promise<void>((resolve) => (release = resolve));
  const passed: Array<Promise<void>> = [];
  const hold = (route: Route) => {
    passed.push(held.then(() => route.fallback()));
  };
  const seeBars = async () => {
    for (const panel of withQueries) {
      await panelLocator(view, panel.id).locator('[role="status"]').waitFor({ timeout: 10_000 });
    }
  };
  await view.page.route(queries, hold);
  try {
    // A fresh dashboard page: no data yet, every panel loading.
    await view.page.evaluate(() => (window as unknown as { __previewNavigate(u: string): Promise<void> }).__previewNavigate('/d/headroom-data?from=now-6h&to=now&_n=loading'));
    await seeBars();
    release();
    await Promise.all(passed.splice(0));
    expect((await view.waitForPanels()).filter((p) => p.phase !== 'done').map((p) => `${p.id} ${p.phase}`)).toEqual([]);
    expect(await view.page.locator('[role="status"]').count()).toBe(0);
    // A refresh: loading again, the previous data still drawn.
    held = new Promise<void>((resolve) => (release = resolve));
    await view.page.locator('[data-testid="preview-toolbar"] button[aria-label="Refresh"]').click();
    await seeBars();
    expect(await view.page.locator('[data-testid="preview-state"]').count()).toBeGreaterThan(0);
  } finally {
    release();
    await Promise.all(passed);
    await view.page.unroute(queries, hold);
  }
  expect((await view.waitForPanels()).filter((p) => p.phase !== 'done').map((p) => `${p.id} ${p.phase}`)).toEqual([]);
  expect(await view.page.locator('[role="status"]').count()).toBe(0);
});

/** Pixels of the panel's canvases within 40 (per channel) of the colour. */
async function pixelsNear(view: PreviewPage, rgb: [number, number, number]): Promise<number> {
  return view.page.evaluate((want) => {
    let n = 0;
    for (const source of document.querySelectorAll('[data-testid="preview-panel"] canvas') as NodeListOf<HTMLCanvasElement>) {
      if (!source.width || !source.height) {
        continue;
      }
      const { data } = source.getContext('2d')!.getImageData(0, 0, source.width, source.height);
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 200 && Math.abs(data[i] - want[0]) < 40 && Math.abs(data[i + 1] - want[1]) < 40 && Math.abs(data[i + 2] - want[2]) < 40) {
          n++;
        }
      }
    }
    return n;
  }, rgb);
}

test('time series: field overrides give a series its fixed colour and custom options (line width)', async () => {
  const purple: [number, number, number] = [163, 82, 204]; // Grafana's "purple"
  const view = await preview.openPanel({
    type: 'timeseries',
    theme: 'dark',
    width: 800,
    height: 360,
    from: 'now-3h',
    to: 'now',
    targets: [{ refId: 'A', expr: 'sum(namespace_service:http_requests:rate5m)', legendFormat: 'requests' }],
    fieldConfig: {
      defaults: { unit: 'reqps', custom: { lineWidth: 3, drawStyle: 'line', fillOpacity: 0 } },
      overrides: [{ matcher: { id: 'byName', options: 'requests' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'purple' } }] }],
    },
    options: { legend: { showLegend: true, displayMode: 'list', placement: 'bottom', calcs: [] }, tooltip: { mode: 'multi', sort: 'none' } },
  });
  views.push(view);
  const thin = await pixelsNear(view, purple);
  expect(thin).toBeGreaterThan(300);
  // A custom option in the override (custom.lineWidth) reaches the graph too: a thicker line.
  await view.setFieldConfig({
    defaults: { unit: 'reqps', custom: { lineWidth: 3, drawStyle: 'line', fillOpacity: 0 } },
    overrides: [
      {
        matcher: { id: 'byName', options: 'requests' },
        properties: [
          { id: 'color', value: { mode: 'fixed', fixedColor: 'purple' } },
          { id: 'custom.lineWidth', value: 9 },
        ],
      },
    ],
  });
  expect(await pixelsNear(view, purple)).toBeGreaterThan(thin * 2);
  await view.setFieldConfig({ defaults: { unit: 'reqps', custom: { lineWidth: 3, drawStyle: 'line', fillOpacity: 0 } }, overrides: [] });
  // Without the override: the classic palette's first colour (green), no purple.
  expect(await pixelsNear(view, purple)).toBeLessThan(20);
  expect(await pixelsNear(view, [115, 191, 105])).toBeGreaterThan(300);
});
