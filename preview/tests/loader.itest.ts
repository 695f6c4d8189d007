// The loader: every built plugin loads from its real module.js through SystemJS with Grafana's
// shared modules, the host provides exactly the modules the build treats as Grafana's, and a
// bundle that needs anything else fails loudly.
import fs from 'node:fs';
import path from 'node:path';
import { builtPlugins, PreviewHarness, PreviewPage, repoRoot, startPreview } from './harness';

const externals = JSON.parse(fs.readFileSync(path.join(repoRoot, 'build', 'grafana-externals.json'), 'utf8')) as {
  modules: string[];
};

let preview: PreviewHarness;
let home: PreviewPage;

beforeAll(async () => {
  preview = await startPreview();
  home = await preview.open('/');
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

test('the built plugins are there', () => {
  expect(builtPlugins().map((p) => p.id).sort()).toEqual(
    expect.arrayContaining([
      'headroom-capacityforecast-panel',
      'headroom-cost-datasource',
      'headroom-costperrequest-panel',
      'headroom-latency-panel',
      'headroom-scalingtimeline-panel',
      'headroom-suite-app',
    ])
  );
});

test('the host provides every module the build leaves to Grafana', async () => {
  const shared = await home.page.evaluate(() => (window as never as { __preview: { sharedModules(): string[] } }).__preview.sharedModules());
  // 'module' is the AMD loader's own (SystemJS' amd extra), not a shared package.
  expect(shared).toEqual(expect.arrayContaining(externals.modules.filter((m) => m !== 'module')));
});

test.each(builtPlugins().map((p) => [p.id, p.type]))('%s (%s) loads from dist/ through the AMD loader', async (id, type) => {
  const result = await home.page.evaluate(
    (pluginId) => (window as never as { __preview: { loadPlugin(id: string): Promise<{ ok: boolean; kind?: string; error?: string }> } }).__preview.loadPlugin(pluginId),
    id
  );
  const expected = { panel: 'PanelPlugin', datasource: 'DataSourcePlugin', app: 'AppPlugin' }[type];
  expect(result).toEqual({ ok: true, kind: expected });
  home.expectNoErrors();
});

test('a bundle that needs a module Grafana does not provide fails to load, naming the module', async () => {
  const page = await preview.open('/preview/plugins/preview-leftpad-panel');
  const status = page.page.locator('[data-testid="preview-plugin-status"]');
  await status.waitFor();
  expect(await status.getAttribute('data-state')).toBe('error');
  expect(await status.innerText()).toMatch(/needs the module 'left-pad', which Grafana does not provide to plugins/);
  // The failure is loud: logged on the console too.
  expect(page.errors().some((e) => e.text.includes("'left-pad'"))).toBe(true);
  await page.close();
});

test('a panel whose bundle needs such a module shows the load error in its place', async () => {
  const view = await preview.openPanel({ type: 'preview-leftpad-panel', title: 'Needs left-pad', width: 600, height: 240 });
  const panel = await view.panel();
  expect(panel.phase).toBe('plugin-error');
  expect(panel.errors[0]).toMatch(/'left-pad'/);
  await expect(view.panelLocator().innerText()).resolves.toMatch(/Error loading panel plugin: preview-leftpad-panel/);
  await view.close();
});

describe('the Prometheus data source stand-in, on the demo stack', () => {
  const heatmap = {
    refId: 'A',
    expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{service="web"}[$__rate_interval]))',
    format: 'heatmap',
    legendFormat: '{{le}}',
  };

  test("format heatmap: one heatmap-rows frame, buckets sorted by le as Grafana's Prometheus does", async () => {
    const view = await preview.openPanel({ type: 'timeseries', targets: [heatmap], from: 'now-1h', to: 'now', width: 600, height: 300 });
    const panel = await view.panel();
    expect(panel.phase).toBe('done');
    expect(panel.frames).toHaveLength(1);
    const [frame] = panel.frames;
    expect(frame.type).toBe('heatmap-rows');
    expect(frame.length).toBeGreaterThan(10);
    expect(frame.fields[0].type).toBe('time');
    const les = frame.fields.slice(1).map((f) => f.name);
    expect(les.at(-1)).toBe('+Inf');
    const bounds = les.map(Number);
    expect(bounds).toEqual([...bounds].sort((a, b) => a - b));
    expect(frame.executedQueryString).toMatch(/\[\d+[smh]\]\)\)\nStep: \d+[smh]$/);
    view.expectNoErrors();
    await view.close();
  });

  test('time series: a frame per series with its labels and legend, drawn by the core timeseries panel', async () => {
    const target = { refId: 'A', expr: 'sum by (handler) (rate(http_requests_total{service="web"}[$__rate_interval]))', legendFormat: '{{handler}}' };
    const view = await preview.openPanel({ type: 'timeseries', targets: [target], from: 'now-1h', to: 'now', width: 600, height: 300 });
    const panel = await view.panel();
    expect(panel.frames.map((f) => f.fields[1].displayName).sort()).toEqual(['/api', '/checkout']);
    expect(panel.frames.every((f) => f.type === 'timeseries-multi' && f.fields[1].labels?.handler === f.name)).toBe(true);
    const ink = await view.canvasInk();
    expect(ink.canvases).toBeGreaterThan(0);
    expect(ink.pixels).toBeGreaterThan(100);
    view.expectNoErrors();
    await view.close();
  });
});

test('a panel that throws while rendering shows the error in its place, like Grafana', async () => {
  const view = await preview.openPanel({ type: 'preview-crash-panel', title: 'Crashes', width: 600, height: 300 });
  const text = await view.panelLocator().innerText();
  expect(text).toMatch(/Panel preview-crash-panel crashed/);
  // The error itself is in the alert's collapsed details, as in Grafana.
  expect(await view.panelLocator().locator('details').textContent()).toMatch(/boom while rendering/);
  // React reports the caught error on the console: the harness sees it.
  expect(view.errors().some((e) => e.text.includes('boom while rendering'))).toBe(true);
  // Fixed options render again (the boundary resets with new data).
  await view.setOptions({ crash: false });
  await view.setTargets([]);
  await expect(view.panelLocator().innerText()).resolves.toMatch(/recovered/);
  await view.close();
});

describe('dashboards in the host', () => {
  test('variables from the URL reach the queries; a panel resizes by its corner like in Grafana', async () => {
    const view = await preview.openDashboard('headroom-preview', { params: { 'var-cluster': 'demo' }, viewport: { width: 1400, height: 900 } });
    await view.waitForPanels();
    const latency = await view.panel(1);
    expect(latency.frames[0]?.executedQueryString).toMatch(/cluster=~"demo"/);

    // Drag the bottom-right corner of panel 1 (12 columns wide) to the left: fewer columns.
    const before = await view.panelLocator(1).boundingBox();
    const handle = view.page.locator('[title="Resize"]').first();
    const box = (await handle.boundingBox())!;
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await view.page.mouse.down();
    await view.page.mouse.move(box.x - 250, box.y + 80, { steps: 5 });
    await view.page.mouse.up();
    await view.waitForPanel(1);
    const after = await view.panelLocator(1).boundingBox();
    expect(after!.width).toBeLessThan(before!.width - 150);
    expect(after!.height).toBeGreaterThan(before!.height + 40);
    view.expectNoErrors([/\/api\/datasources\/proxy\//]);
    await view.close();
  });
});
