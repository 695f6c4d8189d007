// Browser side of the latency heatmap benchmark: 5,760 columns x 50 buckets (24 h at 15 s),
// drawn by the panel's renderer, by ECharts, and by a bare ImageData fill (the floor).
import * as echarts from 'echarts';
import { colorTable } from '../../panels/latency/render/colors';
import { columnAt, rowAt } from '../../panels/latency/render/hover';
import { createScratch, writeHeatmap } from '../../panels/latency/render/heatmapImage';
import { createYScale } from '../../panels/latency/render/yScale';
import { createPlotCache, drawPlot } from '../../panels/latency/render/drawPlot';
import { bucketCountColumns, lowerBounds, prepareColumns, quantileColumns } from '../../core/histogram';

const COLUMNS = 5760;
const BUCKETS = 50;
const CSS_W = 1200;
const CSS_H = 400;

function dataset() {
  const uppers = Array.from({ length: BUCKETS }, (_, j) => (j === BUCKETS - 1 ? Infinity : 0.001 * 1.25 ** j));
  const times = Float64Array.from({ length: COLUMNS }, (_, t) => 1.7e12 + t * 15000);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const fields = uppers.map(() => new Float64Array(COLUMNS));
  for (let t = 0; t < COLUMNS; t++) {
    const centre = 12 + 6 * Math.sin((t / COLUMNS) * Math.PI * 2) + rnd() * 2;
    let cum = 0;
    for (let j = 0; j < BUCKETS; j++) {
      cum += 1000 * Math.exp(-((j - centre) ** 2) / 18) * (0.8 + 0.4 * rnd());
      fields[j][t] = cum;
    }
  }
  const cols = prepareColumns(uppers, fields);
  const counts = bucketCountColumns(cols);
  let maxCount = 0;
  for (const c of counts) if (c > maxCount) maxCount = c;
  return { times, cols, counts, uppers: cols.layout.bounds, lowers: lowerBounds(cols.layout.bounds), maxCount };
}

function canvas(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.style.width = `${CSS_W}px`;
  c.style.height = `${CSS_H}px`;
  c.width = CSS_W * devicePixelRatio;
  c.height = CSS_H * devicePixelRatio;
  document.body.appendChild(c);
  return c;
}

function median(fn: () => void, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const data = dataset();
const from = data.times[0] - 15000;
const to = data.times[COLUMNS - 1];

/** The panel's heatmap: colour mapping into one ImageData at device resolution + putImageData. */
function headroomHeatmap(runs: number): number {
  const c = canvas();
  const ctx = c.getContext('2d')!;
  const y = createYScale('log', data.lowers, data.uppers, c.height);
  const table = colorTable('Oranges', false, 1);
  const image = ctx.createImageData(c.width, c.height);
  const words = new Uint32Array(image.data.buffer);
  const scratch = createScratch();
  return median(() => {
    writeHeatmap({ times: data.times, counts: data.counts, size: BUCKETS, rowTop: y.rowTop, rowBottom: y.rowBottom, maxCount: data.maxCount }, from, to, table, { width: c.width, height: c.height, words }, scratch);
    ctx.putImageData(image, 0, 0);
  }, runs);
}

/** The whole plot as the panel draws it: heatmap, four percentile lines, SLO line, axes. */
function headroomPlot(runs: number): number {
  const c = canvas();
  const ctx = c.getContext('2d')!;
  const percentiles = [0.5, 0.9, 0.95, 0.99].map((q, i) => ({ q, values: quantileColumns(data.cols, q), color: ['#73BF69', '#FADE2A', '#FF9830', '#F2495C'][i] }));
  const table = colorTable('Oranges', false, 1);
  const cache = createPlotCache();
  return median(() => {
    drawPlot(
      ctx,
      { model: { ...data, valueKind: 'rate', warnings: [] }, yKind: 'log', from, to, table, percentiles, slo: { threshold: 0.5, color: '#F2495C', label: 'SLO' }, levels: [], unit: 's', timeZone: 'utc', textColor: '#888', gridColor: '#444' },
      { cssWidth: CSS_W, cssHeight: CSS_H, dpr: devicePixelRatio, axisWidth: 56, axisHeight: 20 },
      cache
    );
  }, runs);
}

/**
 * The floor: the least work that puts the same cells into pixels. One nearest data column per
 * pixel column (no peak keeping), a linear grey level per cell (no colour table), then each pixel
 * row copied from its bucket's row of greys, then putImageData.
 */
function bareImageData(runs: number): number {
  const c = canvas();
  const ctx = c.getContext('2d')!;
  const width = c.width;
  const height = c.height;
  const image = ctx.createImageData(width, height);
  const words = new Uint32Array(image.data.buffer);
  const greys = new Uint32Array(width * BUCKETS);
  const scale = 255 / data.maxCount;
  return median(() => {
    for (let x = 0; x < width; x++) {
      const base = Math.floor((x * COLUMNS) / width) * BUCKETS;
      for (let j = 0; j < BUCKETS; j++) {
        const v = (data.counts[base + j] * scale) | 0;
        greys[j * width + x] = 0xff000000 | (v << 16) | (v << 8) | v;
      }
    }
    for (let y = 0; y < height; y++) {
      const j = BUCKETS - 1 - Math.floor((y * BUCKETS) / height);
      words.set(greys.subarray(j * width, (j + 1) * width), y * width);
    }
    ctx.putImageData(image, 0, 0);
  }, runs);
}

function echartsHeatmap(runs: number): number {
  const div = document.createElement('div');
  div.style.width = `${CSS_W}px`;
  div.style.height = `${CSS_H}px`;
  document.body.appendChild(div);
  const points: Array<[number, number, number]> = [];
  for (let t = 0; t < COLUMNS; t++) for (let j = 0; j < BUCKETS; j++) points.push([t, j, data.counts[t * BUCKETS + j]]);
  const option = {
    animation: false,
    xAxis: { type: 'category', data: Array.from(data.times, String) },
    yAxis: { type: 'category', data: Array.from(data.uppers, String) },
    visualMap: { min: 0, max: data.maxCount, show: false, inRange: { color: ['#fff5eb', '#fd8d3c', '#7f2704'] } },
    series: [{ type: 'heatmap', data: points, progressive: 0 }],
  };
  return median(() => {
    const chart = echarts.init(div, undefined, { renderer: 'canvas', devicePixelRatio });
    chart.setOption(option as echarts.EChartsOption);
    chart.getZr().refreshImmediately();
    chart.dispose();
  }, runs, 1);
}

/** Hover path: column and row lookup plus the tooltip's percentile values. */
function hover(runs: number): number {
  const y = createYScale('log', data.lowers, data.uppers, CSS_H);
  const percentiles = [0.5, 0.9, 0.95, 0.99].map((q) => quantileColumns(data.cols, q));
  let sink = 0;
  const t = median(() => {
    for (let i = 0; i < 10000; i++) {
      const col = columnAt(data.times, from + ((to - from) * (i % 997)) / 997);
      const row = rowAt(y.rowTop, y.rowBottom, (CSS_H * (i % 101)) / 101);
      sink += col + row + percentiles[3][Math.max(0, col)] + data.counts[Math.max(0, col) * BUCKETS + Math.max(0, row)];
    }
  }, runs);
  (window as unknown as { sink: number }).sink = sink;
  return t / 10000;
}

(window as unknown as { runBench: () => object }).runBench = () => ({
  dpr: devicePixelRatio,
  headroomHeatmap: headroomHeatmap(31),
  headroomPlot: headroomPlot(15),
  bareImageData: bareImageData(31),
  echarts: echartsHeatmap(3),
  hover: hover(31),
});
