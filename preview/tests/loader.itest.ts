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
