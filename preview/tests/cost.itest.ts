// The cost-per-request panel and the cost data source from their real bundles, against the live
// demo Prometheus, in both themes: cost per request with its headline, stacked chart, tooltip shares
// and pricing comparison; "not enough traffic" for a counter without traffic; the data source's
// cost, projection and savings frames; one failing query beside working ones; no console error.
import { PreviewHarness, prometheusReady, startPreview, themes } from './harness';

let preview: PreviewHarness;
let live = false;

const COST = 'headroom-cost';
const PANEL = 'headroom-costperrequest-panel';

beforeAll(async () => {
  preview = await startPreview();
  // The cost data source as the server declares it (through the Prometheus data source).
  await preview.resetDataSources();
  live = await prometheusReady(preview.prometheusUrl);
}, 180_000);

afterAll(async () => {
  await preview?.close();
});

/** Skips (with a note) when the demo stack isn't running: these tests need its data. */
function needsStack(): boolean {
  if (!live) {
    console.warn(`cost.itest: no Prometheus at ${preview.prometheusUrl}; start the demo stack (node_modules/.bin/tsx stack/cli.ts start)`);
  }
  return live;
}

describe.each(themes)('%s theme', (theme) => {
  test('the panel shows the demo fleet\'s cost per request, its chart, tooltip shares and the savings comparison', async () => {
    if (!needsStack()) return;
    const view = await preview.openPanel({
      type: PANEL,
      datasource: COST,
      targets: [{ refId: 'A', queryType: 'costPerRequest' }],
      options: { perRequests: 1000, groupBy: 'component', budget: 0.0002, showPricingComparison: true, minRequests: 100 },
      theme,
      from: 'now-24h',
      to: 'now',
      width: 1200,
      height: 420,
    });
    const panel = await view.panel();
    expect(panel.errors).toEqual([]);
    expect(panel.phase).toBe('done');
    expect(panel.frames.map((f) => f.name)).toEqual(expect.arrayContaining(['requests', 'summary', 'pricing', 'cost per 1k requests']));

    const text = (id: string) => view.page.locator(`[data-testid="${id}"]`).innerText();
    expect(await text('headroom-costperrequest-current')).toMatch(/^Cost per 1k requests \$0\.000\d+$/);
    expect(await text('headroom-costperrequest-change')).toMatch(/vs previous period/);
    expect(await text('headroom-costperrequest-budget')).toMatch(/(over|under) budget \$0\.000200/);
    // The run rate, with the hourly cost it is 730 h of (values: values.itest.ts).
    expect(await text('headroom-costperrequest-monthly')).toMatch(/^Projected \$1\.\d+K \/ month at \$\d\.\d+ \/ h$/);
    expect(await text('headroom-costperrequest-legend')).toMatch(/database.*compute.*cache/s);
    const table = await text('headroom-costperrequest-comparison');
    for (const row of ['on demand', 'reserved 1y no upfront', 'reserved 3y no upfront', 'spot (where sold)']) {
      expect(table).toContain(row);
    }
    expect(table).toMatch(/\d+\.\d %/);
    expect(table).toContain('price book of the data source');

    const ink = await view.canvasInk();
    expect(ink.canvases).toBe(1);
    expect(ink.ratio).toBeGreaterThan(0.2);
    await view.hover(0.3, 0.5);
    const tip = await view.tooltipText('[data-testid="headroom-costperrequest-tooltip"]');
    expect(tip).toMatch(/total \$0\.000\d+ per 1k requests/);
    // The query step under the pointer, never a zero-length "12:30 – 12:30".
    const [, start, end] = /^\d{4}-\d\d-\d\d (\d\d:\d\d(?::\d\d)?) – (\d\d:\d\d(?::\d\d)?)\n/.exec(tip) ?? [];
    expect(start).toBeDefined();
    expect(end).not.toBe(start);
    expect(tip).toMatch(/compute \$\S+ \(\d+\.\d %\)/);
    expect(tip).toMatch(/database \$\S+ \(\d+\.\d %\)/);
    await view.screenshotPanel(`${__dirname}/../.build/screenshots/costperrequest-live-${theme}.png`);

    // Per 1M and by instance type, from the same frames.
    await view.setOptions({ perRequests: 1000000, groupBy: 'instance_type' });
    expect(await text('headroom-costperrequest-current')).toMatch(/^Cost per 1M requests \$0\.\d+$/);
    expect(await text('headroom-costperrequest-legend')).toMatch(/db\.r5\.large.*t3\.large.*cache\.r6g\.large/s);
    view.expectNoErrors();
    await view.close();
  });
});

test('a counter without traffic says "not enough traffic" instead of a number', async () => {
  if (!needsStack()) return;
  const view = await preview.openPanel({
    type: PANEL,
    datasource: COST,
    targets: [{ refId: 'A', queryType: 'costPerRequest', requestSelector: 'http_requests_total{code="999"}' }],
    from: 'now-6h',
    to: 'now',
    width: 900,
    height: 360,
  });
  const panel = await view.panel();
  expect(panel.errors).toEqual([]);
  expect(await view.page.locator('[data-testid="headroom-costperrequest-current"]').innerText()).toMatch(/not enough traffic \(0 requests, at least 100 needed\)/);
  const tableText = await view.page.locator('[data-testid="headroom-costperrequest-comparison"]').innerText();
  expect(tableText).toContain('—');
  view.expectNoErrors();
  await view.close();
});

test('the data source returns cost, projection and savings frames; a failing query does not spoil the others', async () => {
  if (!needsStack()) return;
  const view = await preview.openPanel({
    type: 'table',
    datasource: COST,
    targets: [
      { refId: 'A', queryType: 'cost', groupBy: 'component' },
      { refId: 'B', queryType: 'projection', period: 'month' },
      { refId: 'C', queryType: 'savings', mix: { reserved_1y: 0.5, spot: 0.2 } },
      { refId: 'D', queryType: 'costPerRequest', requestSelector: 'rate(http_requests_total[5m])' },
    ],
    from: 'now-24h',
    to: 'now',
  });
  const panel = await view.panel();
  expect(panel.errors).toHaveLength(1);
  expect(panel.errors[0]).toMatch(/request selector "rate\(http_requests_total\[5m\]\)" in the query/);
  const byRef = (refId: string) => panel.frames.filter((f) => f.refId === refId);
  expect(byRef('A').map((f) => f.name).sort()).toEqual(['cache', 'compute', 'database']);
  expect(byRef('A')[0].fields[1]).toMatchObject({ type: 'number' });
  expect(byRef('B').map((f) => f.name)).toEqual(['on demand per month', 'reserved 1y no upfront per month', 'reserved 3y no upfront per month', 'spot (where sold) per month']);
  expect(byRef('C').map((f) => f.name)).toEqual(['savings', 'what-if mix: 50% reserved 1y + 20% spot + 30% on demand (no upfront)']);
  expect(byRef('D')).toHaveLength(0);
  await view.close();
});

test('the panel also reads plain Prometheus frames: OpenCost prices and a request rate', async () => {
  if (!needsStack()) return;
  const view = await preview.openPanel({
    type: PANEL,
    datasource: 'prometheus',
    targets: [
      { refId: 'A', expr: 'sum by (instance_type) (node_total_hourly_cost)', legendFormat: '{{instance_type}}' },
      { refId: 'B', expr: 'sum(rate(http_requests_total[5m]))', legendFormat: 'requests' },
    ],
    options: { perRequests: 1000, groupBy: 'instance_type', budget: 0, showPricingComparison: true, minRequests: 100 },
    fieldConfig: { defaults: { unit: 'currencyUSD' }, overrides: [] },
    from: 'now-24h',
    to: 'now',
    width: 1200,
    height: 400,
  });
  const panel = await view.panel();
  expect(panel.errors).toEqual([]);
  const text = (id: string) => view.page.locator(`[data-testid="${id}"]`).innerText();
  expect(await text('headroom-costperrequest-current')).toMatch(/^Cost per 1k requests \$0\.000\d+$/);
  expect(await text('headroom-costperrequest-change')).toMatch(/vs first half of the range/);
  expect(await text('headroom-costperrequest-legend')).toMatch(/db\.r5\.large.*t3\.large.*cache\.r6g\.large/s);
  const table = await text('headroom-costperrequest-comparison');
  expect(table).toContain('built-in price book ratios');
  expect(table).toContain('reserved 3y no upfront');
  expect((await view.canvasInk()).ratio).toBeGreaterThan(0.2);
  view.expectNoErrors();
  await view.close();
});
