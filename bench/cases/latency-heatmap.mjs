// Latency heatmap draw, 5,760 time columns x 50 buckets (24 h at 15 s), in headless Chromium at
// device pixel ratio 2: Headroom's renderer next to ECharts' heatmap and a bare ImageData fill of
// the same cells (the practical floor), in the same run.
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export default async function run({ root }) {
  const bundle = await build({
    entryPoints: [path.join(root, 'bench/latency/page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'error',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const r = await page.evaluate(() => window.runBench());
    const note = `dpr ${r.dpr}, 1200x400 css px`;
    return [
      { case: 'latency heatmap 5760x50', metric: 'Headroom heatmap draw (median)', value: r.headroomHeatmap, unit: 'ms', note },
      { case: 'latency heatmap 5760x50', metric: 'Headroom full plot: heatmap+4 percentiles+SLO+axes', value: r.headroomPlot, unit: 'ms', note },
      { case: 'latency heatmap 5760x50', metric: 'bare ImageData floor (median)', value: r.bareImageData, unit: 'ms', note },
      { case: 'latency heatmap 5760x50', metric: 'ECharts heatmap (median of 3)', value: r.echarts, unit: 'ms', note },
      { case: 'latency heatmap 5760x50', metric: 'ratio Headroom / floor', value: r.headroomHeatmap / r.bareImageData, unit: 'x', note: 'target <= 1.5' },
      { case: 'latency heatmap 5760x50', metric: 'ratio ECharts / Headroom', value: r.echarts / r.headroomHeatmap, unit: 'x', note: 'how many times faster than ECharts' },
      { case: 'latency heatmap 5760x50', metric: 'hover lookup + tooltip values', value: r.hover, unit: 'ms', note: 'target < 2' },
    ];
  } finally {
    await browser.close();
  }
}
