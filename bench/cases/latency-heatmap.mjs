// Latency heatmap draw, 5,760 time columns x 50 buckets (24 h at 15 s), in headless Chromium at
// device pixel ratio 2: Headroom's renderer next to ECharts' heatmap and a bare ImageData fill of
// the same cells (the practical floor), in the same run.
import path from 'node:path';
import { runInChromium } from '../browser.mjs';

export default async function run({ root }) {
  const r = await runInChromium(path.join(root, 'bench/latency/page.ts'));
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
}
