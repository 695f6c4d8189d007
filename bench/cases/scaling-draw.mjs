// Scaling timeline: drawing 50 workload rows (7 days at 30 s each, with their events) in
// headless Chromium at device pixel ratio 2. Every row is drawn in full each time (no cache):
// its lines are decimated per device-pixel column (core/series/decimate) inside the timed draw.
// The time ends with reading one pixel of every row, so all 50 canvases are rasterised inside it
// (software raster in headless Chromium; a browser with GPU raster does this part faster).
import path from 'node:path';
import { runInChromium } from '../browser.mjs';

export default async function run({ root }) {
  const r = await runInChromium(path.join(root, 'bench/scaling/page.ts'));
  return [
    {
      case: 'scaling timeline 50 rows',
      metric: 'draw all rows (median of 7)',
      value: r.drawAll,
      unit: 'ms',
      note: `dpr ${r.dpr}, 20,160 points and ${Math.round(r.events / 50)} events per row, lines decimated per pixel column; every row rasterised (software, headless)`,
    },
    { case: 'scaling timeline 50 rows', metric: 'per row', value: r.drawAll / 50, unit: 'ms' },
  ];
}
