// One open preview tab: waiting for panels, reading their frames and pixels, hovering, setting
// options and collecting the page's problems (harness.ts opens them).
import fs from 'node:fs';
import path from 'node:path';
import { ConsoleMessage, Locator, Page, Request, Response } from 'playwright-core';
import { InkStats, PageProblem, PanelSummary, repoRoot } from './harnessTypes';

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
