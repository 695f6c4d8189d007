// Helpers for the browser tests of the latency, capacity forecast and scaling timeline panels
// (latency.itest.ts, forecast.itest.ts, scaling.itest.ts), on top of harness.ts:
//
//   await snapshotCanvases(view, 'before');           // copies every canvas of the panel in the page
//   await view.setOptions({ yScale: 'linear' });
//   expect(await changedPixels(view, 'before')).toBeGreaterThan(1000);
//
//   const series = await queryRange(preview.prometheusUrl, 'up', from, to, 60);   // the same data, in node
//   await hoverUntil(view, xs, 0.5, (text) => /scale up/.test(text));            // scans for a tooltip
import { PreviewPage } from './harness';

/** The 400 Prometheus gives FAILING_QUERY: the browser logs it, and it is expected. */
export const PROMETHEUS_400 = /\/api\/datasources\/proxy\/uid\/prometheus\/api\/v1\/query_range/;

const panelCanvases = (id: number) => `[data-testid="preview-panel"][data-panel-id="${id}"] canvas`;

/**
 * Copies every canvas of the panel (device pixels) into the page under `key`, for changedPixels.
 * Canvases are matched by their order in the panel.
 */
export async function snapshotCanvases(view: PreviewPage, key: string, id = 1): Promise<number> {
  return view.page.evaluate(
    ({ selector, name }) => {
      const store = ((window as never as { __panelSnapshots?: Record<string, ImageData[]> }).__panelSnapshots ??= {});
      store[name] = ([...document.querySelectorAll(selector)] as HTMLCanvasElement[])
        .filter((c) => c.width > 0 && c.height > 0)
        .map((c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height));
      return store[name].length;
    },
    { selector: panelCanvases(id), name: key }
  );
}

/**
 * Pixels (device pixels, over all canvases of the panel) that differ from the snapshot `key`;
 * a canvas whose size changed counts every one of its pixels, a canvas added or removed too.
 */
export async function changedPixels(view: PreviewPage, key: string, id = 1): Promise<number> {
  return view.page.evaluate(
    ({ selector, name }) => {
      const before = (window as never as { __panelSnapshots?: Record<string, ImageData[]> }).__panelSnapshots?.[name];
      if (!before) throw new Error(`no canvas snapshot named ${name}`);
      const now = ([...document.querySelectorAll(selector)] as HTMLCanvasElement[])
        .filter((c) => c.width > 0 && c.height > 0)
        .map((c) => c.getContext('2d')!.getImageData(0, 0, c.width, c.height));
      let changed = 0;
      for (let k = 0; k < Math.max(before.length, now.length); k++) {
        const a = before[k];
        const b = now[k];
        if (!a || !b || a.width !== b.width || a.height !== b.height) {
          changed += Math.max(a ? a.width * a.height : 0, b ? b.width * b.height : 0);
          continue;
        }
        for (let i = 0; i < a.data.length; i += 4) {
          if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2] || a.data[i + 3] !== b.data[i + 3]) {
            changed++;
          }
        }
      }
      return changed;
    },
    { selector: panelCanvases(id), name: key }
  );
}

/** Inner text of an element of the panel found by data-testid (the panels' headers, rows). */
export async function textOf(view: PreviewPage, testId: string, id = 1): Promise<string> {
  const locator = view.panelLocator(id).locator(`[data-testid="${testId}"]`);
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The element (by test id) lies wholly inside the panel's content box: nothing of it is clipped. */
export async function expectInView(view: PreviewPage, testId: string, id = 1): Promise<void> {
  const box = await view.contentLocator(id).boundingBox();
  const item = await view.panelLocator(id).locator(`[data-testid="${testId}"]`).first().boundingBox();
  if (!box || !item) {
    throw new Error(`${testId} is not shown (or the panel has no content box)`);
  }
  const inside = item.x >= box.x - 0.5 && item.y >= box.y - 0.5 && item.x + item.width <= box.x + box.width + 0.5 && item.y + item.height <= box.y + box.height + 0.5;
  if (!inside) {
    throw new Error(`${testId} at ${JSON.stringify(item)} is not inside the panel's content ${JSON.stringify(box)}`);
  }
}

/**
 * Hovers the panel's content box at each fraction of its width in `xs` (at height `fy`) until the
 * tooltip text satisfies `accept`; returns that text, or undefined (with the last text seen).
 */
export async function hoverUntil(
  view: PreviewPage,
  xs: number[],
  fy: number,
  accept: (text: string) => boolean,
  id = 1
): Promise<{ text: string | undefined; last: string; fx?: number }> {
  let last = '';
  for (const fx of xs) {
    await view.hover(fx, fy, id);
    last = await view.tooltipText();
    if (accept(last)) {
      return { text: last, last, fx };
    }
  }
  return { text: undefined, last };
}

export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** A range query straight to Prometheus (to know, in the test, what the panel must show). */
export async function queryRange(prometheusUrl: string, expr: string, startS: number, endS: number, stepS: number): Promise<PromSeries[]> {
  const params = new URLSearchParams({ query: expr, start: String(startS), end: String(endS), step: String(stepS) });
  const response = await fetch(`${prometheusUrl}/api/v1/query_range`, { method: 'POST', body: params, signal: AbortSignal.timeout(15000) });
  const body = (await response.json()) as { status: string; error?: string; data?: { result: PromSeries[] } };
  if (body.status !== 'success' || !body.data) {
    throw new Error(`Prometheus: ${body.error ?? response.status} for ${expr}`);
  }
  return body.data.result;
}

/** The empty query's "No data", then the failing query's parse error, on an open panel. */
export async function expectNoDataThenQueryError(view: PreviewPage, emptyQuery: Record<string, unknown>, failingQuery: Record<string, unknown>, id = 1): Promise<void> {
  let panel = await view.setQueries([emptyQuery], 'prometheus', id);
  expect(panel.phase).toBe('done');
  expect(panel.frames.every((f) => f.length === 0)).toBe(true);
  expect(await view.contentLocator(id).innerText()).toContain('No data');
  expect((await view.canvasInk(id)).pixels).toBe(0);

  panel = await view.setQueries([failingQuery], 'prometheus', id);
  expect(panel.phase).toBe('error');
  expect(panel.errors.join('\n')).toMatch(/bad_data: .*parse error/);
  expect(await view.statusMessage(id)).toMatch(/bad_data: .*parse error/);
}
