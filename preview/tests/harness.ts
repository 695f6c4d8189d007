// Browser test harness for the preview host (jest, node environment, playwright-core driving
// Debian's /usr/bin/chromium). One preview server and one Chromium per jest run (daemon.ts), each
// test file connecting to them; tabs are reused from page to page and from file to file:
//
//   const preview = await startPreview();                 // in beforeAll (builds the host if stale)
//   const view = await preview.openPanel({ type: 'headroom-latency-panel', targets: [...], theme: 'light' });
//   await view.waitForPanel();                            // query done, panel rendered
//   expect(await view.canvasInk()).toBeGreaterThan(0);    // something drawn
//   await view.hover(0.5, 0.5); expect(await view.tooltipText()).toContain('p99');
//   await view.setOptions({ yScale: 'linear' });          // like onOptionsChange
//   view.expectNoErrors();                                // console errors, page errors, HTTP >= 400
//   await preview.close();                                // in afterAll
//
// See preview/README.md for the whole API.
import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { OpenOptions, OpenPanelOptions, repoRoot } from './harnessTypes';
import { PreviewPage } from './previewPage';
import { sharedDaemon } from './sharedDaemon';

export * from './harnessTypes';
export { PreviewPage } from './previewPage';

export interface PreviewHarness {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  prometheusUrl: string;
  browser: Browser;
  context: BrowserContext;
  open(pathAndQuery: string, options?: OpenOptions): Promise<PreviewPage>;
  openPanel(options: OpenPanelOptions): Promise<PreviewPage>;
  openDashboard(uid: string, options?: OpenOptions): Promise<PreviewPage>;
  openDataSource(uid: string, options?: OpenOptions): Promise<PreviewPage>;
  /** Restores the server's data source settings (the config page keeps them in memory). */
  resetDataSources(): Promise<void>;
  close(): Promise<void>;
}

function withParams(pathAndQuery: string, options: OpenOptions, extra: Record<string, string> = {}): string {
  const [pathname, query = ''] = pathAndQuery.split('?');
  const params = new URLSearchParams(query);
  if (options.theme) {
    params.set('theme', options.theme);
  }
  if (options.from) {
    params.set('from', options.from);
  }
  if (options.to) {
    params.set('to', options.to);
  }
  for (const [k, v] of Object.entries({ ...extra, ...(options.params ?? {}) })) {
    params.set(k, v);
  }
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/**
 * Connects to this jest run's preview server and Chromium (starting them, and building the host
 * bundle if its inputs changed, on first use). Prometheus: HEADROOM_PROMETHEUS_URL, else
 * 127.0.0.1:$HEADROOM_PROMETHEUS_PORT (19090). Pages left by earlier test files are reused.
 */
export async function startPreview(options: { prometheusUrl?: string } = {}): Promise<PreviewHarness> {
  const server = await sharedDaemon(options.prometheusUrl);
  // Each test file starts from the server's initial data source settings.
  const reset = await fetch(`${server.url}/api/preview/reset`, { method: 'POST' });
  if (!reset.ok) {
    throw new Error(`preview server: reset failed (HTTP ${reset.status})`);
  }
  const browser = await chromium.connectOverCDP(server.wsEndpoint);
  const context = browser.contexts()[0];
  // Fail reasonably fast, yet not on a busy machine's cold start: 30 s for a locator.
  context.setDefaultTimeout(30000);

  // Tabs are reused: the next page is an in-app navigation (the host bundle is not loaded again)
  // unless the theme changes (it comes with the boot data, as in Grafana) or a view is still open.
  // Tabs left by earlier test files (earlier connections) are idle too.
  const busy = new Set<Page>();
  let navigation = Date.now() % 1_000_000;
  const release = async (page: Page) => {
    // An idle tab shows nothing: no refresh timer, no query running in the background.
    await page
      .evaluate(() => {
        const w = window as never as { __previewNavigate?(u: string): void; __previewOwner?: string };
        w.__previewNavigate?.('/preview/blank');
        delete w.__previewOwner;
      })
      .catch(() => undefined);
    busy.delete(page);
  };
  // A tab in use is marked in the page itself, so that other workers' connections leave it alone.
  const token = `${process.pid}-${Math.random()}`;
  const claim = (page: Page): Promise<boolean> =>
    page
      .evaluate((me) => {
        const w = window as never as { __previewOwner?: string };
        if (w.__previewOwner && w.__previewOwner !== me) {
          return false;
        }
        w.__previewOwner = me;
        return true;
      }, token)
      .catch(() => false);
  const themeOf = async (page: Page): Promise<string | undefined> => {
    if (page.isClosed() || !page.url().startsWith(server.url)) {
      return undefined;
    }
    return page
      .evaluate(() => {
        const w = window as never as { __preview?: unknown; grafanaBootData?: { user?: { theme?: string } } };
        return w.__preview ? w.grafanaBootData?.user?.theme : undefined;
      })
      .catch(() => undefined);
  };

  const open = async (pathAndQuery: string, opts: OpenOptions = {}, extra: Record<string, string> = {}) => {
    const theme = opts.theme ?? 'dark';
    const nav = String(++navigation);
    const target = withParams(pathAndQuery, { ...opts, theme }, { ...extra, _n: nav });
    const idle = context.pages().filter((p) => !busy.has(p) && !p.isClosed());
    let page: Page | undefined;
    for (const candidate of idle) {
      if (!page && (await themeOf(candidate)) === theme && (await claim(candidate))) {
        page = candidate;
      }
    }
    const reused = page !== undefined;
    if (!page) {
      // Idle tabs of the other theme stay (one per theme); blank or broken ones go.
      for (const candidate of idle) {
        if ((await themeOf(candidate)) === undefined && (await claim(candidate))) {
          await candidate.close().catch(() => undefined);
        }
      }
      page = await context.newPage();
    }
    busy.add(page);
    await page.bringToFront();
    await page.setViewportSize(opts.viewport ?? { width: 1280, height: 800 });
    await page.mouse.move(0, 0);
    const view = new PreviewPage(page, server.url, release);
    if (reused) {
      await page.evaluate((url) => (window as never as { __previewNavigate(u: string): Promise<void> }).__previewNavigate(url), target);
    } else {
      await page.goto(server.url + target, { waitUntil: 'domcontentloaded' });
      await claim(page);
    }
    await page.waitForFunction((n) => (window as never as { __preview?: { nav: string } }).__preview?.nav === n, nav, {
      timeout: 60000,
      polling: 50,
    });
    return view;
  };

  const harness: PreviewHarness = {
    url: server.url,
    prometheusUrl: server.prometheusUrl,
    browser,
    context,
    open: (p, opts) => open(p, opts),
    async openPanel(opts) {
      const width = opts.width ?? 800;
      const height = opts.height ?? 400;
      const extra: Record<string, string> = { type: opts.type, width: String(width), height: String(height), datasource: opts.datasource ?? 'prometheus' };
      if (opts.targets) {
        extra.targets = JSON.stringify(opts.targets);
      }
      if (opts.options) {
        extra.options = JSON.stringify(opts.options);
      }
      if (opts.fieldConfig) {
        extra.fieldConfig = JSON.stringify(opts.fieldConfig);
      }
      if (opts.title !== undefined) {
        extra.title = opts.title;
      }
      const view = await open('/preview/panel', { viewport: { width, height }, ...opts }, extra);
      if (opts.wait !== false) {
        await view.waitForPanel(1);
      }
      return view;
    },
    openDashboard: (uid, opts) => open(`/d/${uid}`, opts),
    openDataSource: (uid, opts) => open(`/datasources/edit/${uid}`, opts),
    async resetDataSources() {
      const response = await fetch(`${server.url}/api/preview/reset`, { method: 'POST' });
      if (!response.ok) {
        throw new Error(`reset failed: HTTP ${response.status}`);
      }
    },
    async close() {
      // Disconnects; the server, Chromium and the idle tabs stay for the next test file and end
      // with the jest run. Tabs still open (views not closed) are closed.
      for (const page of busy) {
        await page.close().catch(() => undefined);
      }
      await browser.close().catch(() => undefined);
    },
  };
  return harness;
}

/** Whether a Prometheus answers at the URL (tests that need data skip cleanly without one). */
export async function prometheusReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The Headroom plugins in dist/ (built by `npm run build`). */
export function builtPlugins(type?: 'panel' | 'datasource' | 'app'): Array<{ id: string; type: string; name: string }> {
  const dist = path.join(repoRoot, 'dist');
  if (!fs.existsSync(dist)) {
    return [];
  }
  return fs
    .readdirSync(dist)
    .filter((name) => fs.existsSync(path.join(dist, name, 'plugin.json')))
    .map((name) => JSON.parse(fs.readFileSync(path.join(dist, name, 'plugin.json'), 'utf8')) as { id: string; type: string; name: string })
    .filter((p) => !type || p.type === type);
}
