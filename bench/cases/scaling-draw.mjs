// Scaling timeline: drawing 50 workload rows (7 days at 30 s each, with their events) in
// headless Chromium at device pixel ratio 2.
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export default async function run({ root }) {
  const bundle = await build({
    entryPoints: [path.join(root, 'bench/scaling/page.ts')],
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
    return [
      { case: 'scaling timeline 50 rows', metric: 'draw all rows (median of 7)', value: r.drawAll, unit: 'ms', note: `dpr ${r.dpr}, 20,160 points and ${Math.round(r.events / 50)} events per row` },
      { case: 'scaling timeline 50 rows', metric: 'per row', value: r.drawAll / 50, unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
