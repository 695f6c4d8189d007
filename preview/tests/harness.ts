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
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, chromium, ConsoleMessage, Locator, Page, Request, Response } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..');
export type Theme = 'light' | 'dark';
export const themes: Theme[] = ['dark', 'light'];

/** A query that returns no series on any Prometheus. */
export const EMPTY_QUERY = { refId: 'A', expr: 'headroom_preview_no_such_metric{job="none"}' };
/** A query Prometheus rejects with HTTP 400 (bad_data: parse error). */
export const FAILING_QUERY = { refId: 'A', expr: 'sum(' };

export interface FrameSummary {
  refId?: string;
  name?: string;
  type?: string;
  executedQueryString?: string;
  length: number;
  fields: Array<{ name: string; type: string; displayName: string; labels?: Record<string, string>; first?: unknown; last?: unknown }>;
}

export interface PanelSummary {
  id: number;
  type: string;
  title: string;
  /** loading-plugin | loading | done | error (query errors) | plugin-error | not-rendered */
  phase: string;
  errors: string[];
  renderCount: number;
  frames: FrameSummary[];
}

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'http' | 'requestfailed';
  text: string;
  url?: string;
}

export interface OpenOptions {
  theme?: Theme;
  from?: string;
  to?: string;
  /** Viewport; default 1280x800 (solo panels: the panel size). */
  viewport?: { width: number; height: number };
  /** Extra URL parameters (e.g. var-cluster, refresh). */
  params?: Record<string, string>;
}

export interface OpenPanelOptions extends OpenOptions {
  /** Plugin id, e.g. headroom-latency-panel (or a Grafana core type such as timeseries). */
  type: string;
  /** Prometheus-style targets; refIds default to A, B, ... Default: no query at all. */
  targets?: Array<Record<string, unknown>>;
  /** Data source uid: 'prometheus' (default) or 'headroom-cost'. */
  datasource?: string;
  options?: Record<string, unknown>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  title?: string;
  width?: number;
  height?: number;
  /** Wait for the panel to finish (default true). */
  wait?: boolean;
}

export interface InkStats {
  /** Pixels that differ from the dominant (background) colour by more than a small tolerance. */
  pixels: number;
  total: number;
  ratio: number;
  /** Distinct colours (quantised), a rough measure of how much is drawn. */
  colors: number;
}

const panelSelector = (id: number) => `[data-testid="preview-panel"][data-panel-id="${id}"]`;

/** Counts non-background pixels of a PNG inside the page (no image library on the node side). */
async function inkOfPng(page: Page, png: Buffer): Promise<InkStats> {
  return page.evaluate(async (base64: string) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let best = -1;
    counts.forEach((n) => {
      best = Math.max(best, n);
    });
    const total = data.length / 4;
    return { pixels: total - best, total, ratio: (total - best) / total, colors: counts.size };
  }, png.toString('base64'));
}

export class PreviewPage {
  readonly problems: PageProblem[] = [];
  private readonly detachers: Array<() => void> = [];
  private released = false;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    private readonly release: (page: Page) => Promise<void> = (p) => p.close()
  ) {
    const on = <T>(event: string, handler: (arg: T) => void) => {
      page.on(event as never, handler as never);
      this.detachers.push(() => page.off(event as never, handler as never));
    };
    on<ConsoleMessage>('console', (message) => {
      if (message.type() === 'error') {
        this.problems.push({ kind: 'console', text: message.text(), url: message.location().url });
      }
    });
    on<Error>('pageerror', (error) => this.problems.push({ kind: 'pageerror', text: `${error.name}: ${error.message}` }));
    on<Response>('response', (response) => {
      if (response.status() >= 400) {
        this.problems.push({ kind: 'http', text: `HTTP ${response.status()} ${response.request().method()} ${response.url()}`, url: response.url() });
      }
    });
    on<Request>('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      if (failure !== 'net::ERR_ABORTED') {
        this.problems.push({ kind: 'requestfailed', text: `${failure} ${request.url()}`, url: request.url() });
      }
    });
  }

  /**
   * Problems other than the allowed ones. The browser logs a console error for every HTTP error
   * response, so an expected one (e.g. Prometheus' 400 for a bad query) is allowed by URL: pass
   * patterns matching the URL (or the text) of what is expected.
   */
  errors(allow: RegExp[] = []): PageProblem[] {
    return this.problems.filter((p) => !allow.some((re) => re.test(p.text) || (p.url !== undefined && re.test(p.url))));
  }

  /** Throws, listing them, if there are problems other than the allowed ones. */
  expectNoErrors(allow: RegExp[] = []): void {
    const errors = this.errors(allow);
    if (errors.length) {
      throw new Error(`The page logged ${errors.length} problem(s):\n${errors.map((e) => `  [${e.kind}] ${e.text}`).join('\n')}`);
    }
  }

  panelLocator(id = 1): Locator {
    return this.page.locator(panelSelector(id));
  }

  /** The panel's content box (inside Grafana's PanelChrome). */
  contentLocator(id = 1): Locator {
    return this.panelLocator(id).locator('[data-testid="data-testid panel content"]');
  }

  async panel(id = 1): Promise<PanelSummary> {
    const summary = await this.page.evaluate((panelId) => (window as never as { __preview: { panel(id: number): unknown } }).__preview.panel(panelId), id);
    if (!summary) {
      throw new Error(`No panel ${id} on ${this.page.url()}`);
    }
    return summary as PanelSummary;
  }

  async panels(): Promise<PanelSummary[]> {
    return (await this.page.evaluate(() => (window as never as { __preview: { panels(): unknown } }).__preview.panels())) as PanelSummary[];
  }

  /**
   * Waits until the panel's queries finished and it rendered the result (phase done, error or
   * plugin-error), then two animation frames for drawing done in effects. Returns its summary.
   */
  async waitForPanel(id = 1, { timeout = 30000, minRenderCount = 0 } = {}): Promise<PanelSummary> {
    await this.page.waitForFunction(
      ({ panelId, min }) => {
        const api = (window as never as { __preview?: { panel(id: number): { phase: string; renderCount: number } | undefined } }).__preview;
        const p = api?.panel?.(panelId);
        return p && ['done', 'error', 'plugin-error'].includes(p.phase) && p.renderCount > min;
      },
      { panelId: id, min: minRenderCount },
      { timeout, polling: 50 }
    );
    await this.animationFrames(2);
    return this.panel(id);
  }

  /** Waits for every panel on the page (dashboards). */
  async waitForPanels({ timeout = 60000 } = {}): Promise<PanelSummary[]> {
    await this.page.waitForFunction(
      () => {
        const api = (window as never as { __preview?: { panels(): Array<{ phase: string }> } }).__preview;
        const panels = api?.panels?.() ?? [];
        return panels.length > 0 && panels.every((p) => ['done', 'error', 'plugin-error'].includes(p.phase));
      },
      undefined,
      { timeout, polling: 100 }
    );
    await this.animationFrames(2);
    return this.panels();
  }

  async animationFrames(n = 1): Promise<void> {
    await this.page.evaluate(
      (count) =>
        new Promise<void>((resolve) => {
          const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
          step(count);
        }),
      n
    );
  }

  private async mutate(id: number, call: string, args: unknown[]): Promise<PanelSummary> {
    const before = (await this.panel(id)).renderCount;
    await this.page.evaluate(
      ({ method, params }) => {
        const api = (window as never as { __preview: Record<string, (...a: unknown[]) => void> }).__preview;
        api[method](...params);
      },
      { method: call, params: [id, ...args] }
    );
    return this.waitForPanel(id, { minRenderCount: before });
  }

  /** Deep-merges into the panel's options (as its onOptionsChange would) and waits for the re-render. */
  setOptions(patch: Record<string, unknown>, id = 1): Promise<PanelSummary> {
    return this.mutate(id, 'setOptions', [patch]);
  }

  setFieldConfig(fieldConfig: { defaults?: Record<string, unknown>; overrides?: unknown[] }, id = 1): Promise<PanelSummary> {
    return this.mutate(id, 'setFieldConfig', [fieldConfig]);
  }

  /** Replaces the panel's queries and waits for the new result. */
  setTargets(targets: Array<Record<string, unknown>>, id = 1): Promise<PanelSummary> {
    return this.mutate(id, 'setTargets', [targets]);
  }

  /** Points the panel at a data source (uid, default the Prometheus one) with these queries. */
  setQueries(targets: Array<Record<string, unknown>>, datasourceUid = 'prometheus', id = 1): Promise<PanelSummary> {
    return this.mutate(id, 'updatePanel', [{ datasource: { uid: datasourceUid }, targets }]);
  }

  /** Solo panels: new size in px. Dashboards: gridPos w/h in grid units. */
  async setSize(width: number, height: number, id = 1): Promise<PanelSummary> {
    if ((await this.page.evaluate(() => (window as never as { __preview: { page: string } }).__preview.page)) === 'panel') {
      await this.page.setViewportSize({ width: Math.max(width, 100), height: Math.max(height, 100) });
    }
    return this.mutate(id, 'setSize', [width, height]);
  }

  async setTimeRange(from: string, to: string, id = 1): Promise<PanelSummary> {
    const before = (await this.panel(id)).renderCount;
    await this.page.evaluate(({ f, t }) => (window as never as { __preview: { setTimeRange(a: string, b: string): void } }).__preview.setTimeRange(f, t), { f: from, t: to });
    return this.waitForPanel(id, { minRenderCount: before });
  }

  /** Moves the mouse to a point of the panel's content box, given as fractions (0..1) of its size. */
  async hover(fx = 0.5, fy = 0.5, id = 1): Promise<void> {
    const box = await this.contentLocator(id).boundingBox();
    if (!box) {
      throw new Error(`Panel ${id} has no content box`);
    }
    await this.page.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps: 2 });
    await this.animationFrames(2);
  }

  /** Text of the visible tooltip(s): Grafana's (role=tooltip, viz-tooltip) or a panel's own (pass a selector). */
  async tooltipText(selector = '[role="tooltip"], [data-testid="data-testid viz-tooltip-wrapper"], [data-testid*="tooltip" i]'): Promise<string> {
    const tooltips = this.page.locator(selector);
    const count = await tooltips.count();
    const texts: string[] = [];
    for (let i = 0; i < count; i++) {
      const item = tooltips.nth(i);
      if (await item.isVisible()) {
        texts.push((await item.innerText()).trim());
      }
    }
    return texts.join('\n');
  }

  /** The "No data" / "Data is missing ..." message of PanelDataErrorView, if shown. */
  async dataErrorMessage(id = 1): Promise<string | undefined> {
    const message = this.panelLocator(id).locator('[data-testid="data-testid Panel data error message"]');
    return (await message.count()) ? (await message.first().innerText()).trim() : undefined;
  }

  /** The query error Grafana's panel header shows (hovers the red status icon, reads its tooltip). */
  async statusMessage(id = 1): Promise<string | undefined> {
    const status = this.panelLocator(id).locator('[data-testid="data-testid Panel status error"]');
    if (!(await status.count())) {
      return undefined;
    }
    await status.first().hover();
    const tooltip = this.page.locator('[role="tooltip"], [data-testid="data-testid tooltip"]');
    await tooltip.first().waitFor({ state: 'visible', timeout: 5000 });
    const text = (await tooltip.first().innerText()).trim();
    await this.page.mouse.move(0, 0);
    return text;
  }

  /** Non-background pixels of the panel's canvases (drawn into a 2D canvas, so WebGL counts too). */
  async canvasInk(id = 1): Promise<InkStats & { canvases: number }> {
    return this.page.evaluate((selector) => {
      const canvases = [...document.querySelectorAll(`${selector} canvas`)] as HTMLCanvasElement[];
      let pixels = 0;
      let total = 0;
      const colors = new Set<number>();
      for (const source of canvases) {
        if (!source.width || !source.height) {
          continue;
        }
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        const ctx = copy.getContext('2d')!;
        ctx.drawImage(source, 0, 0);
        const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
        const counts = new Map<number, number>();
        for (let i = 0; i < data.length; i += 4) {
          const key = data[i + 3] === 0 ? -1 : ((data[i] >> 3) << 10) | ((data[i + 1] >> 3) << 5) | (data[i + 2] >> 3);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        let best = 0;
        let background = -1;
        counts.forEach((n, key) => {
          if (n > best) {
            best = n;
            background = key;
          }
        });
        counts.forEach((n, key) => {
          if (key !== background && key !== -1) {
            pixels += n;
            colors.add(key);
          }
        });
        total += data.length / 4;
      }
      return { canvases: canvases.length, pixels, total, ratio: total ? pixels / total : 0, colors: colors.size };
    }, panelSelector(id));
  }

  /** Non-background pixels of a screenshot of the panel's content (canvas, SVG and DOM alike). */
  async contentInk(id = 1): Promise<InkStats> {
    return inkOfPng(this.page, await this.contentLocator(id).screenshot());
  }

  /** Screenshot of the whole panel (PanelChrome included). */
  async screenshotPanel(file: string, id = 1): Promise<Buffer> {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return this.panelLocator(id).screenshot({ path: file });
  }

  /**
   * The panel's screenshot for the docs: preview/.build/screenshots/<name>.png always, and
   * docs/img/<name>.png when HEADROOM_UPDATE_SCREENSHOTS=1 (preview/update-screenshots.sh).
   */
  async screenshotForDocs(name: string, id = 1): Promise<string> {
    const scratch = path.join(repoRoot, 'preview', '.build', 'screenshots', `${name}.png`);
    await this.screenshotPanel(scratch, id);
    if (process.env.HEADROOM_UPDATE_SCREENSHOTS === '1') {
      const target = path.join(repoRoot, 'docs', 'img', `${name}.png`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(scratch, target);
      return target;
    }
    return scratch;
  }

  /** Done with this view: the browser tab goes back to the harness for the next open(). */
  async close(): Promise<void> {
    if (this.released) {
      return;
    }
    this.released = true;
    this.detachers.forEach((detach) => detach());
    await this.release(this.page);
  }
}

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

interface DaemonState {
  pid: number;
  url: string;
  prometheusUrl: string;
  wsEndpoint: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The shared server + Chromium of this jest run (daemon.ts), started by the first test file that
 * needs it. Owned by the jest process (the parent of a worker, or this process when in band).
 */
async function sharedDaemon(prometheusUrl: string | undefined): Promise<DaemonState> {
  const owner = typeof process.send === 'function' ? process.ppid : process.pid;
  const key = `${owner}-${Buffer.from(prometheusUrl ?? 'default').toString('hex').slice(0, 40)}`;
  const dir = path.join(os.tmpdir(), 'headroom-preview-tests');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    const pid = Number(name.split('-')[0]);
    if (pid && pid !== owner && !alive(pid)) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
  const stateFile = path.join(dir, `${key}.json`);
  const lock = path.join(dir, `${key}.lock`);
  const read = (): DaemonState | undefined => {
    try {
      const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as DaemonState;
      return alive(state.pid) ? state : undefined;
    } catch {
      return undefined;
    }
  };
  const existing = read();
  if (existing) {
    return existing;
  }
  let mine = false;
  try {
    fs.mkdirSync(lock);
    mine = true;
  } catch {
    // Another worker is starting it: wait for its state file.
  }
  if (mine) {
    fs.rmSync(`${stateFile}.error`, { force: true });
    const log = fs.openSync(path.join(dir, `${key}.log`), 'w');
    const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_PREVIEW_OWNER_PID: String(owner), HEADROOM_PREVIEW_STATE: stateFile };
    if (prometheusUrl) {
      env.HEADROOM_PROMETHEUS_URL = prometheusUrl;
    }
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'daemon.ts')], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    fs.closeSync(log);
  }
  const deadline = Date.now() + 240_000;
  try {
    while (Date.now() < deadline) {
      const state = read();
      if (state) {
        return state;
      }
      if (fs.existsSync(`${stateFile}.error`)) {
        throw new Error(`the preview test daemon failed: ${fs.readFileSync(`${stateFile}.error`, 'utf8')} (log: ${path.join(dir, `${key}.log`)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the preview test daemon did not start within 240 s (log: ${path.join(dir, `${key}.log`)})`);
  } finally {
    if (mine) {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
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
