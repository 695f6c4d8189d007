// Every Headroom panel, in both themes, from its real bundle: as the dashboards use it (screenshot
// for the docs), with no data (an empty query) and with a failing query (Prometheus answers 400),
// and no console error anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { builtPlugins, EMPTY_QUERY, FAILING_QUERY, PreviewHarness, repoRoot, startPreview, themes } from './harness';

/** The 400 Prometheus gives the failing query: the browser logs it, and it is expected. */
const PROMETHEUS_400 = /\/api\/datasources\/proxy\/uid\/prometheus\/api\/v1\/query_range/;

interface DashboardPanel {
  id: number;
  type: string;
  panels?: DashboardPanel[];
}

/** Where each panel type is first used: the rendered dashboards first, then the preview fixture. */
function firstUse(type: string): { uid: string; panelId: number } {
  const dirs = [path.join(repoRoot, 'dashboards', 'out'), path.join(repoRoot, 'preview', 'fixtures', 'dashboards')];
  for (const dir of dirs.filter((d) => fs.existsSync(d))) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { uid: string; panels?: DashboardPanel[] };
      const all = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
      const panel = all.find((p) => p.type === type);
      if (panel) {
        return { uid: dashboard.uid, panelId: panel.id };
      }
    }
  }
  throw new Error(`No dashboard uses ${type}, not even preview/fixtures/dashboards`);
}

const panelTypes = builtPlugins('panel').map((p) => p.id).sort();

/**
 * A panel's own test (e.g. latency.itest.ts) owns its docs/img screenshot when it takes one; this
 * generic test then keeps its screenshot in preview/.build/screenshots/ only.
 */
const testsDir = path.join(repoRoot, 'preview', 'tests');
const dedicatedTests = fs
  .readdirSync(testsDir)
  .filter((f) => f.endsWith('.itest.ts') && f !== path.basename(__filename))
  .map((f) => fs.readFileSync(path.join(testsDir, f), 'utf8'))
  .filter((source) => source.includes('screenshotForDocs('));
const hasOwnScreenshot = (type: string) => dedicatedTests.some((source) => source.includes(`'${type}'`));
let preview: PreviewHarness;

beforeAll(async () => {
  preview = await startPreview();
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

test('there are Headroom panels to test', () => {
  expect(panelTypes.length).toBeGreaterThanOrEqual(4);
});

describe.each(themes)('%s theme', (theme) => {
  test.each(panelTypes)('%s: from its bundle on a dashboard, no data, a failing query, no console error', async (type) => {
    const { uid, panelId } = firstUse(type);
    const view = await preview.open(`/d-solo/${uid}?panelId=${panelId}&width=900&height=420`, { theme, viewport: { width: 900, height: 420 } });
    let panel = await view.waitForPanel(panelId);
    expect(panel.type).toBe(type);
    expect(panel.phase).not.toBe('plugin-error');
    if (hasOwnScreenshot(type)) {
      await view.screenshotPanel(path.join(repoRoot, 'preview', '.build', 'screenshots', `${type}-${theme}-dashboard.png`), panelId);
    } else {
      await view.screenshotForDocs(`${type}-${theme}`, panelId);
    }
    if (panel.errors.length) {
      console.warn(`${type} on ${uid}: query errors ${panel.errors.join('; ')}`);
    }
    view.expectNoErrors([/\/api\/datasources\/proxy\//]);

    panel = await view.setQueries([EMPTY_QUERY], 'prometheus', panelId);
    expect(panel.phase).toBe('done');
    expect(panel.frames.every((f) => f.length === 0)).toBe(true);
    expect(await view.contentLocator(panelId).innerText()).toContain('No data');

    panel = await view.setQueries([FAILING_QUERY], 'prometheus', panelId);
    expect(panel.phase).toBe('error');
    expect(panel.errors.join('\n')).toMatch(/bad_data: .*parse error/);
    expect(await view.statusMessage(panelId)).toMatch(/bad_data: .*parse error/);

    view.expectNoErrors([PROMETHEUS_400, /\/api\/datasources\/proxy\//]);
    await view.close();
  });
});
