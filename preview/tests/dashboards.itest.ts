// Every dashboard (dashboards/out/*.json, and the preview's fixture) opens in the preview host with
// every panel rendered, in both themes: Headroom's from their bundles, Grafana's core panels drawn
// (none shows the "not drawn" placeholder); no panel plugin fails to load and no script error.
// Query errors are the dashboards' own tests' business (listed here as warnings).
// HEADROOM_UPDATE_SCREENSHOTS=1 also writes docs/img/dashboard-<uid>.png (dark) and
// dashboard-<uid>-light.png.
import fs from 'node:fs';
import path from 'node:path';
import { PreviewHarness, repoRoot, startPreview, themes } from './harness';

function dashboardUids(): string[] {
  const dirs = [path.join(repoRoot, 'dashboards', 'out'), path.join(repoRoot, 'preview', 'fixtures', 'dashboards')];
  return dirs
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { uid: string }).uid)
    );
}

let preview: PreviewHarness;

beforeAll(async () => {
  preview = await startPreview();
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

const cases = dashboardUids().flatMap((uid) => themes.map((theme) => [uid, theme] as const));

test.each(cases)('dashboard %s (%s): every panel renders, no plugin load error, no script error', async (uid, theme) => {
  const view = await preview.openDashboard(uid, { viewport: { width: 1600, height: 1000 }, from: 'now-6h', to: 'now', theme });
  const panels = await view.waitForPanels();
  expect(panels.length).toBeGreaterThan(0);
  expect(panels.filter((p) => p.phase === 'plugin-error').map((p) => `${p.id} ${p.type}: ${p.errors.join('; ')}`)).toEqual([]);
  // Every panel type the dashboards use is drawn: none shows the "not drawn" placeholder.
  const notDrawn = await view.page.locator('[data-testid="preview-panel"]:has([data-testid="preview-not-drawn"])').evaluateAll((els) =>
    els.map((e) => `${e.getAttribute('data-panel-id')} ${e.getAttribute('data-panel-type')}`)
  );
  expect(notDrawn).toEqual([]);
  const failing = panels.filter((p) => p.errors.length);
  if (failing.length) {
    console.warn(`${uid}: query errors in ${failing.map((p) => `panel ${p.id} "${p.title}": ${p.errors.join('; ')}`).join('\n')}`);
  }
  if (process.env.HEADROOM_UPDATE_SCREENSHOTS === '1') {
    // dark: dashboard-<uid>.png (the README's), light: dashboard-<uid>-light.png
    const file = path.join(repoRoot, 'docs', 'img', `dashboard-${uid}${theme === 'light' ? '-light' : ''}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The whole dashboard in one viewport (a full-page capture would resize it behind the grid's back).
    const height = await view.page.evaluate(() => Math.ceil(document.documentElement.scrollHeight));
    await view.page.setViewportSize({ width: 1600, height: Math.min(height, 6000) });
    await view.waitForPanels();
    await view.page.screenshot({ path: file });
  }
  view.expectNoErrors([/\/api\/datasources\/proxy\//]);
  await view.close();
});
