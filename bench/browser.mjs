// Runs a browser-side benchmark page in headless Chromium (Debian's, through playwright-core) at a
// device pixel ratio: bundles its source with esbuild, loads it into an empty page and returns what
// `window.runBench()` returns.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

export const chromiumArgs = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * `source`: a file to bundle, or `{ contents, sourcefile, resolveDir }` (a page written in the
 * bench case). `esbuild`: more build options (define, plugins).
 */
export async function runInChromium(source, { deviceScaleFactor = 2, viewport = { width: 1300, height: 900 }, esbuild = {} } = {}) {
  const entry = typeof source === 'string' ? { entryPoints: [source] } : { stdin: { loader: 'ts', ...source } };
  const bundle = await build({ ...entry, bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', minify: true, logLevel: 'error', ...esbuild });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const context = await browser.newContext({ deviceScaleFactor, viewport });
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    return await page.evaluate(() => window.runBench());
  } finally {
    await browser.close();
  }
}
