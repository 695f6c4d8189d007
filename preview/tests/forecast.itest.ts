// The capacity forecast panel (headroom-capacityforecast-panel) from its built bundle, on the demo
// stack's real replicas against their maximum (the Scaling dashboard's panel), in both themes:
// history, forecast and band drawn; header with capacity, headroom, exhaustion and the model;
// tooltip with the forecast, its interval and the model; horizon and interval options redraw;
// no data / a failing query; no console error.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { EMPTY_QUERY, FAILING_QUERY, PreviewHarness, repoRoot, startPreview, themes } from './harness';
import { changedPixels, expectInView, expectNoDataThenQueryError, PROMETHEUS_400, queryRange, snapshotCanvases, textOf } from './panelHelpers';

const TYPE = 'headroom-capacityforecast-panel';

/** The Scaling dashboard's "Replicas forecast against the maximum", on the raw KSM series. */
const TARGETS = [
  { refId: 'A', expr: 'sum(kube_horizontalpodautoscaler_status_current_replicas{namespace="demo", horizontalpodautoscaler="web"})', legendFormat: 'replicas' },
  { refId: 'B', expr: 'sum(kube_horizontalpodautoscaler_spec_max_replicas{namespace="demo", horizontalpodautoscaler="web"})', legendFormat: 'max replicas' },
];
const OPTIONS = { capacitySource: 'query', capacityRefId: 'B', horizon: '3d' };
/** Request rate against a fixed capacity (the seeds' ~2,500 req/s). */
/** An exhaustion time in the header, or its absence. */
const WHEN = '(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d|not within the horizon)';
const REQUESTS = [{ refId: 'A', expr: 'sum(rate(http_requests_total{namespace="demo", service="web"}[$__rate_interval]))', legendFormat: 'requests' }];

let preview: PreviewHarness;

beforeAll(async () => {
  preview = await startPreview();
}, 120_000);

afterAll(async () => {
  await preview?.close();
});

describe.each(themes)('%s theme', (theme) => {
  test('replicas against their maximum: drawn, header, tooltip, horizon and interval, no data, failing query', async () => {
    // Two weeks of history: enough for the daily cycle behind a 3-day horizon.
    const view = await preview.openPanel({ type: TYPE, targets: TARGETS, options: OPTIONS, theme, from: 'now-14d', to: 'now', width: 900, height: 400 });
    const panel = await view.panel();
    expect(panel.phase).toBe('done');
    expect(panel.frames.map((f) => f.refId)).toEqual(['A', 'B']);

    const ink = await view.canvasInk();
    expect(ink.canvases).toBe(1);
    expect(ink.ratio).toBeGreaterThan(0.05);

    // Header: the capacity from query B (max replicas 12), the headroom of the last value, the
    // exhaustion times over the 3-day horizon, and the model with its backtest error.
    expect(await textOf(view, 'headroom-forecast-header')).toMatch(/^Capacity 12 Headroom \d+\.\d % /);
    const exhaustion = await textOf(view, 'headroom-forecast-exhaustion');
    // (During a spike the replicas sit at their maximum: then the header says so instead.)
    expect(exhaustion).toMatch(new RegExp(`^Exhaustion ${WHEN} \\(mean\\), ${WHEN} \\(upper\\), p \\d+ % within 3d$|^Already at capacity$`));
    // A model name as core/forecast gives it: ets(damped), mstl(72)+ets(level), holt-winters(24,damped), ...
    const model = await textOf(view, 'headroom-forecast-model');
    expect(model).toMatch(/^typical error ± \d+(\.\d)? %$|^error not measured/);
    expect(await view.panelLocator().locator('[data-testid="headroom-forecast-model"]').getAttribute('data-model')).toMatch(/^[a-z-]+\([\w,]+\)(\+[a-z-]+\([\w,]+\))?$|^linear$/);
    // The model stays in view whatever the length of the exhaustion text.
    await expectInView(view, 'headroom-forecast-model');
    await view.screenshotForDocs(`${TYPE}-${theme}`);

    // Tooltip over the forecast (right end): forecast, interval, model and capacity.
    await view.hover(0.97, 0.7);
    const tooltip = await view.tooltipText();
    expect(tooltip).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\nforecast -?[\d.]+\n95 % interval -?[\d.]+ – -?[\d.]+\nmodel [a-z].+\ncapacity 12$/);
    expect(tooltip).toContain(`\nmodel ${await view.panelLocator().locator('[data-testid="headroom-forecast-model"]').getAttribute('data-model')}`);
    await expectInView(view, 'headroom-forecast-tooltip');
    // Over the history: the observed value.
    await view.hover(0.3, 0.3);
    expect(await view.tooltipText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d\nreplicas \d+\ncapacity 12$/);
    await view.page.mouse.move(0, 0);

    // Horizon 3d → 1d: the x range ends sooner (everything moves) and the header says so.
    await snapshotCanvases(view, '3d');
    await view.setOptions({ horizon: '1d' });
    expect(await changedPixels(view, '3d')).toBeGreaterThan(10_000);
    expect(await textOf(view, 'headroom-forecast-exhaustion')).toMatch(/within 1d$|^Already at capacity$/);

    // 95 % → 80 % interval: a narrower band, and the tooltip names it.
    await snapshotCanvases(view, '95');
    await view.setOptions({ intervalPercent: 80 });
    expect(await changedPixels(view, '95')).toBeGreaterThan(500);
    await view.hover(0.97, 0.7);
    expect(await view.tooltipText()).toMatch(/\n80 % interval /);
    await view.page.mouse.move(0, 0);

    view.expectNoErrors();
    await expectNoDataThenQueryError(view, EMPTY_QUERY, FAILING_QUERY);
    view.expectNoErrors([PROMETHEUS_400]);
    await view.close();
  });
});

test('request rate against a fixed capacity of 2,500 req/s', async () => {
  const view = await preview.openPanel({ type: TYPE, targets: REQUESTS, options: { capacitySource: 'fixed', capacity: 2500, horizon: '2d' }, theme: 'dark', from: 'now-14d', to: 'now', width: 900, height: 400 });
  expect((await view.canvasInk()).ratio).toBeGreaterThan(0.05);
  const header = await textOf(view, 'headroom-forecast-header');
  expect(header).toMatch(/^Capacity 2\.50 K Headroom -?\d+\.\d % /);
  expect(await textOf(view, 'headroom-forecast-exhaustion')).toMatch(/within 2d$|^Already at capacity$/);
  await expectInView(view, 'headroom-forecast-model');
  // Without a capacity, the header says how to set one.
  await view.setOptions({ capacity: 0 });
  expect(await textOf(view, 'headroom-forecast-header')).toMatch(/^No capacity set: choose a fixed value or a capacity query\. [a-z]/);
  view.expectNoErrors();
  await view.close();
});

test('the panel and `headroom forecast` give the same forecast for the same demo series (issue 6)', async () => {
  const view = await preview.openPanel({ type: TYPE, targets: TARGETS, options: OPTIONS, theme: 'light', from: 'now-14d', to: 'now', width: 900, height: 400 });
  // The series the panel got: the same query, range and step, straight from Prometheus.
  const { fields, length } = (await view.panel()).frames.find((f) => f.refId === 'A')!;
  const [first, last] = [fields[0].first as number, fields[0].last as number];
  const step = (last - first) / (length - 1);
  const [series] = await queryRange(preview.prometheusUrl, TARGETS[0].expr, first / 1000, last / 1000, step / 1000);
  expect(series.values).toHaveLength(length);
  const csv = series.values.map(([t, v]) => `${t},${v}`).join('\n');
  const horizon = Math.round((3 * 86400 * 1000) / step);
  const cli = JSON.parse(
    execFileSync('node', [path.join(repoRoot, 'bin', 'headroom.js'), 'forecast', '--input', '-', '--horizon', String(horizon), '--capacity', '12'], { input: csv, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] })
  ) as { model: string; points: Array<{ t: number; mean: number; lower: number; upper: number }>; exhaustion: { probability: number; alreadyExceeded: boolean } | null };

  expect(await view.panelLocator().locator('[data-testid="headroom-forecast-model"]').getAttribute('data-model')).toBe(cli.model);
  if (cli.exhaustion && !cli.exhaustion.alreadyExceeded) {
    expect(await textOf(view, 'headroom-forecast-exhaustion')).toContain(`p ${(cli.exhaustion.probability * 100).toFixed(0)} % within 3d`);
  }
  // The forecast point under the pointer, as the panel shows it, is the CLI's point at that time.
  await view.hover(0.95, 0.3);
  const [when, mean, interval] = (await view.tooltipText()).split('\n');
  const t = await view.page.evaluate((text) => new Date(text.replace(' ', 'T')).getTime() / 1000, when);
  const point = cli.points.find((p) => Math.abs(p.t - t) < step / 2000);
  expect(point).toBeDefined();
  const [lower, upper] = interval.replace('95 % interval ', '').split(' – ').map(Number);
  for (const [shown, exact] of [[Number(mean.replace('forecast ', '')), point!.mean], [lower, point!.lower], [upper, point!.upper]]) {
    expect(Math.abs(shown - exact)).toBeLessThanOrEqual(Math.max(0.006 * Math.abs(exact), 0.0006));
  }
  view.expectNoErrors();
  await view.close();
});
