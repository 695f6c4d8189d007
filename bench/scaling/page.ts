// Browser side of the scaling timeline draw benchmark: 50 workload rows, 7 days at 30 s each.
import { analyzeWorkload, WorkloadAnalysis } from '../../core/scaling';
import { drawWorkload, RowColors } from '../../panels/scalingtimeline/render/drawWorkload';

const ROWS = 50;
const POINTS = 7 * 2880;
const STEP = 30000;
const WIDTH = 1200;
const HEIGHT = 70;

function workload(seed: number): WorkloadAnalysis {
  const t = new Float64Array(POINTS);
  const v = new Float64Array(POINTS);
  const cpu = new Float64Array(POINTS);
  let replicas = 5;
  for (let i = 0; i < POINTS; i++) {
    t[i] = i * STEP;
    const load = 0.55 + 0.35 * Math.sin((i / 2880) * 2 * Math.PI + seed) + 0.05 * Math.sin(i * 0.37 + seed * 3);
    cpu[i] = load;
    if (i % 10 === 0) replicas = Math.max(5, Math.min(12, Math.round(5 + load * 8)));
    v[i] = replicas;
  }
  return analyzeWorkload({ current: { t, v }, min: 5, max: 12, metric: { t, v: cpu }, target: 75, metricName: 'cpu', metricUnit: '%', metricScale: 100 });
}

const colors: RowColors = {
  replicas: '#5794F2', desired: '#B877D9', limits: '#888', band: 'rgba(0,0,0,0.05)', metric: '#FF9830', target: '#FA6400',
  atMax: 'rgba(224,47,68,0.14)', cooldown: 'rgba(0,0,0,0.06)', flap: 'rgba(255,120,10,0.16)', up: '#73BF69', down: '#5794F2',
  capped: '#E02F44', text: '#666', grid: '#ccc',
};

(window as unknown as { runBench: () => object }).runBench = () => {
  const analyses = Array.from({ length: ROWS }, (_, i) => workload(i));
  const canvases = analyses.map(() => {
    const c = document.createElement('canvas');
    c.width = WIDTH * devicePixelRatio;
    c.height = HEIGHT * devicePixelRatio;
    document.body.appendChild(c);
    return c.getContext('2d')!;
  });
  const draw = () => {
    analyses.forEach((a, i) => drawWorkload(canvases[i], a, { width: WIDTH, height: HEIGHT, left: 36, right: 40, from: 0, to: POINTS * STEP }, devicePixelRatio, colors));
    // Read a pixel of every row, so each row is rasterised inside the time (software raster in
    // headless Chromium), not only the last one.
    canvases.forEach((c) => c.getImageData(0, 0, 1, 1));
  };
  for (let i = 0; i < 2; i++) draw();
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    draw();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { dpr: devicePixelRatio, drawAll: times[3], events: analyses.reduce((s, a) => s + a.events.length, 0) };
};
