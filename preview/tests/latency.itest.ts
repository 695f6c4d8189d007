// The latency distribution panel (headroom-latency-panel) from its built bundle, on the demo
// stack's real histograms, in both themes: heatmap + percentile lines drawn, header with the
// current percentiles and the SLO share, tooltip with the bucket range and that time's
// percentiles, option changes redraw, no data / a failing query, and no console error.
import { LE_LABELS } from '../../stack/simulator/latency';
import { EMPTY_QUERY, FAILING_QUERY, PreviewHarness, startPreview, themes } from './harness';
import { changedPixels, expectInView, expectNoDataThenQueryError, PROMETHEUS_400, snapshotCanvases, textOf } from './panelHelpers';

const TYPE = 'headroom-latency-panel';

/** As the SLO dashboard's panel, on the raw histogram instead of the recording rule (the simulated history's namespace). */
const HEATMAP = {
  refId: 'A',
  expr: 'sum by (le) (rate(http_request_duration_seconds_bucket{namespace="demo", service="web"}[$__rate_interval]))',
  format: 'heatmap',
  legendFormat: '{{le}}',
};
/** The same as raw `le` series (the panel de-accumulates them itself). */
const LE_SERIES = { ...HEATMAP, format: 'time_series' };
const OPTIONS = { percentiles: '50, 90, 95, 99', sloThreshold: 0.5, sloTargetPercent: 99 };

let preview: PreviewHarness;

beforeAll(async () => {
  preview = await startPreview();
}, 120_000);

afterAll(async () => {
  await preview?.close();
});

/** "P50 23.4 ms" → seconds; the header's numbers as they are shown. */
function headerLatencies(header: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of header.matchAll(/(P\d+(?:\.\d+)?) ([\d.]+) (ms|s|µs)/g)) {
    out[m[1]] = Number(m[2]) * ({ ms: 1e-3, s: 1, µs: 1e-6 } as Record<string, number>)[m[3]];
  }
  return out;
}

describe.each(themes)('%s theme', (theme) => {
  test('heatmap of the demo histograms: drawn, header, tooltip, options, no data, failing query', async () => {
    const view = await preview.openPanel({ type: TYPE, targets: [HEATMAP], options: OPTIONS, fieldConfig: { defaults: { unit: 's' } }, theme, from: 'now-6h', to: 'now', width: 900, height: 420 });
    const panel = await view.panel();
    expect(panel.phase).toBe('done');
    expect(panel.frames[0].type).toBe('heatmap-rows');

    // Drawn: a heatmap (many colours) and the distribution beside it.
    const ink = await view.canvasInk();
    expect(ink.canvases).toBe(2);
    expect(ink.ratio).toBeGreaterThan(0.2);
    expect(ink.colors).toBeGreaterThan(30);

    // Header: real, ordered percentiles and the SLO share of the range.
    const header = await textOf(view, 'headroom-latency-header');
    const p = headerLatencies(header);
    expect(Object.keys(p)).toEqual(['P50', 'P90', 'P95', 'P99']);
    expect(p.P50).toBeGreaterThan(0.005);
    expect(p.P50).toBeLessThanOrEqual(p.P90);
    expect(p.P90).toBeLessThanOrEqual(p.P95);
    expect(p.P95).toBeLessThanOrEqual(p.P99);
    expect(p.P99).toBeLessThanOrEqual(10); // the highest finite bucket, as histogram_quantile caps it
    const slo = await textOf(view, 'headroom-latency-slo');
    const share = Number(slo.match(/^([\d.]+) % ≤ 500 ms \(SLO 99\.0 %\)$/)?.[1]);
    expect(share).toBeGreaterThan(50);
    expect(share).toBeLessThanOrEqual(100);
    await view.screenshotForDocs(`${TYPE}-${theme}`);

    // Tooltip: a bucket's range, its count and share, and the percentiles at that time.
    await view.hover(0.5, 0.75);
    const tooltip = await view.tooltipText();
    expect(tooltip).toMatch(/[\d.]+ (ms|s) – [\d.]+ (ms|s)/);
    expect(tooltip).toMatch(/[\d,.]+ req\/s \(≈ [\d,]+ in \d+[smh]\) · share [\d.]+ %/);
    for (const q of ['P50', 'P90', 'P95', 'P99']) expect(tooltip).toMatch(new RegExp(`${q} [\\d.]+ (ms|s)`));
    // Low in the panel the tooltip opens upwards: all of it readable, nothing clipped.
    await expectInView(view, 'headroom-latency-tooltip');
    await view.page.mouse.move(0, 0);
    await view.animationFrames(2);
    expect(await view.tooltipText()).toBe('');

    // Linear axis: the heatmap is redrawn (rows move), still with ink.
    await snapshotCanvases(view, 'log');
    await view.setOptions({ yScale: 'linear' });
    expect(await changedPixels(view, 'log')).toBeGreaterThan(20_000);
    expect((await view.canvasInk()).ratio).toBeGreaterThan(0.1);

    // CDF instead of bars: the distribution beside the heatmap changes; the SLO moves the share.
    await snapshotCanvases(view, 'bars');
    await view.setOptions({ distributionView: 'cdf' });
    expect(await changedPixels(view, 'bars')).toBeGreaterThan(100);
    await view.setOptions({ sloThreshold: 0.1 });
    const tighter = Number((await textOf(view, 'headroom-latency-slo')).match(/^([\d.]+) % ≤ 100 ms/)?.[1]);
    expect(tighter).toBeLessThan(share);

    view.expectNoErrors();
    await expectNoDataThenQueryError(view, EMPTY_QUERY, FAILING_QUERY);
    view.expectNoErrors([PROMETHEUS_400]);
    await view.close();
  });
});

test('raw le series give the same percentiles as the heatmap format', async () => {
  // A fixed range, so both queries see the same samples.
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
  const range = { from: String(to - 3 * 3600_000), to: String(to) };
  const view = await preview.openPanel({ type: TYPE, targets: [LE_SERIES], options: OPTIONS, theme: 'dark', ...range, width: 900, height: 420 });
  const raw = await view.panel();
  expect(raw.frames.length).toBe(LE_LABELS.length + 1); // the simulator's bounds and +Inf
  const rawHeader = headerLatencies(await textOf(view, 'headroom-latency-header'));
  expect(Object.keys(rawHeader)).toEqual(['P50', 'P90', 'P95', 'P99']);
  expect((await view.canvasInk()).ratio).toBeGreaterThan(0.2);

  const panel = await view.setQueries([HEATMAP]);
  expect(panel.frames.map((f) => f.type)).toEqual(['heatmap-rows']);
  expect(headerLatencies(await textOf(view, 'headroom-latency-header'))).toEqual(rawHeader);
  view.expectNoErrors();
  await view.close();
});
