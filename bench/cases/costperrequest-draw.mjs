// Cost-per-request panel draw: 30 days at 1-minute resolution (43,201 steps) with 6 components, in
// headless Chromium at device pixel ratio 2, plot 1,136 × 330 CSS px.
// Timed in the page: prepare (requests per step and each component's money per step, once per data
// change), bucketize (steps → one column per pixel, cost / requests per column) + drawStack (the
// stacked areas, budget, axes) — what a resize or an option change costs — and the hover lookup.
// Data: seeded money-per-hour steps per component and a daily request cycle with a quiet gap (so
// the "not enough traffic" shading is drawn too), built before timing.
import { runInChromium } from '../browser.mjs';

const page = `
import { mulberry32 } from './bench/prng.mjs';
import { prepare, bucketize, columnAt } from './panels/costperrequest/model/perRequest';
import { drawStack, AXIS_LEFT } from './panels/costperrequest/render/drawStack';

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

window.runBench = () => {
  const N = 30 * 24 * 60 + 1;
  const MIN = 60000;
  const t0 = Date.UTC(2026, 0, 1);
  const t = new Float64Array(N);
  for (let i = 0; i < N; i++) t[i] = t0 + i * MIN;
  const names = ['compute', 'database', 'cache', 'storage', 'network', 'search'];
  const base = [0.42, 1.0, 0.206, 0.12, 0.05, 0.3];
  const groups = names.map((name, k) => {
    const rnd = mulberry32(11 + k);
    const rate = new Float64Array(N);
    let level = base[k];
    for (let i = 0; i < N; i++) {
      if (rnd() < 0.01) level = Math.max(base[k] * 0.5, level + (rnd() - 0.5) * base[k] * 0.2);
      rate[i] = level;
    }
    return { name, t, rate, types: {} };
  });
  const v = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const day = (i % 1440) / 1440;
    v[i] = i > 20000 && i < 20300 ? 0.5 : 60000 * (1.2 + Math.sin(day * 2 * Math.PI));
  }
  const inputs = { groups, requests: [{ t, v, kind: 'increase', stepMs: MIN }] };

  const dpr = window.devicePixelRatio;
  const width = 1200;
  const height = 356;
  const canvas = document.createElement('canvas');
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.width = width + 'px';
  canvas.style.height = height + 'px';
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  const colors = { groups: ['#73bf69', '#f2cc0c', '#5794f2', '#ff780a', '#f2495c', '#b877d9'], budget: '#e02f44', lowTraffic: 'rgba(0,0,0,0.06)', text: '#8e8e8e', grid: '#d0d0d0' };
  const fmt = { value: (x) => '$' + x.toPrecision(3), time: (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ') };
  const plotW = width - AXIS_LEFT;
  const from = t[0] - MIN;
  const to = t[N - 1];

  let prepared = prepare(inputs);
  const prepareTimes = [];
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    prepared = prepare(inputs);
    prepareTimes.push(performance.now() - s);
  }
  const draw = () => {
    const cols = bucketize(prepared, from, to, plotW, 1000, 100);
    const drawn = drawStack(ctx, cols, width, height, dpr, colors, fmt, 0.0003);
    ctx.getImageData(0, 0, 1, 1); // wait for the raster
    return { cols, drawn };
  };
  for (let r = 0; r < 3; r++) draw();
  const drawTimes = [];
  const bucketTimes = [];
  let last;
  for (let r = 0; r < 15; r++) {
    const s = performance.now();
    const cols = bucketize(prepared, from, to, plotW, 1000, 100);
    const m = performance.now();
    last = { cols, drawn: drawStack(ctx, cols, width, height, dpr, colors, fmt, 0.0003) };
    ctx.getImageData(0, 0, 1, 1);
    drawTimes.push(performance.now() - s);
    bucketTimes.push(m - s);
  }
  const hoverTimes = [];
  for (let r = 0; r < 200; r++) {
    const s = performance.now();
    const c = last.drawn.columnAtPx((r * 37) % plotW);
    const total = last.cols.total[c];
    const lines = names.map((n, g) => n + ' ' + fmt.value(last.cols.value[g][c]) + ' (' + ((last.cols.value[g][c] / total) * 100).toFixed(1) + ' %)');
    hoverTimes.push(performance.now() - s + lines.length * 0);
  }
  let low = 0;
  for (let c = 0; c < last.cols.count; c++) low += last.cols.lowTraffic[c];
  return { dpr, points: N, groups: names.length, prepare: median(prepareTimes), draw: median(drawTimes), bucketize: median(bucketTimes), hover: median(hoverTimes), low, columns: last.cols.count };
};
`;

export default async function run({ root }) {
  const r = await runInChromium(
    { contents: page, resolveDir: root, sourcefile: 'costperrequest-draw-page.ts' },
    { deviceScaleFactor: 2, viewport: { width: 1300, height: 500 } },
  );
  if (r.low === 0) {
    throw new Error('the quiet gap drew no "not enough traffic" column');
  }
  const os = await import('node:os');
  const name = `costperrequest draw 30d×1min×${r.groups}`;
  const note = `${r.points} steps, ${r.columns} columns, dpr ${r.dpr}, load ${os.loadavg()[0].toFixed(1)}`;
  return [
    { case: name, metric: 'prepare (steps: requests + money per component)', value: r.prepare, unit: 'ms', note: 'once per data change' },
    { case: name, metric: 'bucketize + draw (median)', value: r.draw, unit: 'ms', note },
    { case: name, metric: 'of which bucketize', value: r.bucketize, unit: 'ms', note },
    { case: name, metric: 'hover lookup + tooltip values', value: r.hover, unit: 'ms', note: 'target < 2' },
  ];
}
