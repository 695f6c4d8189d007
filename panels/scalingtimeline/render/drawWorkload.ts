import { WorkloadAnalysis, Interval } from '../../../core/scaling';

export interface RowColors {
  replicas: string;
  desired: string;
  limits: string;
  band: string;
  metric: string;
  target: string;
  atMax: string;
  cooldown: string;
  flap: string;
  up: string;
  down: string;
  capped: string;
  text: string;
  grid: string;
}

export interface RowGeometry {
  width: number;
  height: number;
  /** Left axis width (replicas) and right axis width (utilisation). */
  left: number;
  right: number;
  from: number;
  to: number;
}

export interface RowScales {
  x(t: number): number;
  t(x: number): number;
  yReplicas(v: number): number;
  yMetric(v: number): number;
  plotWidth: number;
  maxReplicas: number;
  maxMetric: number;
}

function finiteMax(values: ArrayLike<number> | null | undefined, start = 0): number {
  let m = start;
  if (!values) return m;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && values[i] > m) m = values[i];
  return m;
}

/** Scales of one row: replicas from 0 to the highest of replicas and max, metric from 0 to max(100, metric, target). */
export function rowScales(a: WorkloadAnalysis, g: RowGeometry): RowScales {
  const plotWidth = Math.max(10, g.width - g.left - g.right);
  const maxReplicas = Math.max(1, finiteMax(a.max, finiteMax(a.current.v, finiteMax(a.desired)))) + 1;
  const maxMetric = a.metric ? Math.max(100, finiteMax(a.metric.s.v), finiteMax(a.metric.target)) * 1.05 : 100;
  const span = g.to - g.from || 1;
  const h = g.height;
  return {
    x: (t) => ((t - g.from) / span) * plotWidth,
    t: (x) => g.from + (x / plotWidth) * span,
    yReplicas: (v) => h - 2 - (v / maxReplicas) * (h - 6),
    yMetric: (v) => h - 2 - (v / maxMetric) * (h - 6),
    plotWidth,
    maxReplicas,
    maxMetric,
  };
}

/** A step line (value holds until the next sample); breaks at gaps longer than maxGapMs. */
function stepPath(ctx: CanvasRenderingContext2D, t: ArrayLike<number>, v: ArrayLike<number>, x: (t: number) => number, y: (v: number) => number, maxGapMs: number) {
  ctx.beginPath();
  let pen = false;
  let prevT = NaN;
  let prevV = NaN;
  for (let i = 0; i < t.length; i++) {
    const value = v[i];
    if (!Number.isFinite(value)) {
      pen = false;
      continue;
    }
    const px = x(t[i]);
    if (pen && t[i] - prevT <= maxGapMs) {
      ctx.lineTo(px, y(prevV));
      ctx.lineTo(px, y(value));
    } else {
      ctx.moveTo(px, y(value));
    }
    pen = true;
    prevT = t[i];
    prevV = value;
  }
}

function shade(ctx: CanvasRenderingContext2D, intervals: Interval[], s: RowScales, height: number, color: string) {
  ctx.fillStyle = color;
  for (const iv of intervals) {
    const x0 = Math.max(0, s.x(iv.start));
    const x1 = Math.min(s.plotWidth, s.x(iv.end));
    if (x1 > x0) ctx.fillRect(x0, 0, Math.max(1, x1 - x0), height);
  }
}

/**
 * One workload row: shading for time at max, cooldowns and flapping; the min–max band; desired
 * (dotted) and current (solid) replicas as steps; utilisation and its target on the right axis;
 * a triangle per scale event (red when it hit max). Returns the scales for hover lookups.
 */
export function drawWorkload(ctx: CanvasRenderingContext2D, a: WorkloadAnalysis, g: RowGeometry, dpr: number, c: RowColors): RowScales {
  const s = rowScales(a, g);
  const h = g.height;
  const t = a.current.t;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, g.left * dpr, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, s.plotWidth, h);
  ctx.clip();

  shade(ctx, a.cooldown.intervals, s, h, c.cooldown);
  shade(ctx, a.flapping.intervals, s, h, c.flap);
  if (a.limits.atMax) shade(ctx, a.limits.atMax.intervals, s, h, c.atMax);

  if (a.min && a.max) {
    ctx.beginPath();
    for (let i = 0; i < t.length; i++) {
      if (Number.isFinite(a.max[i])) ctx.lineTo(s.x(t[i]), s.yReplicas(a.max[i]));
    }
    for (let i = t.length - 1; i >= 0; i--) {
      if (Number.isFinite(a.min[i])) ctx.lineTo(s.x(t[i]), s.yReplicas(a.min[i]));
    }
    ctx.closePath();
    ctx.fillStyle = c.band;
    ctx.fill();
  }
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.limits;
  for (const limit of [a.min, a.max]) {
    if (!limit) continue;
    stepPath(ctx, t, limit, s.x, s.yReplicas, a.maxGapMs);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  if (a.metric) {
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.metric;
    stepPath(ctx, a.metric.s.t, a.metric.s.v, s.x, s.yMetric, a.metric.lookbackMs);
    ctx.stroke();
    ctx.setLineDash([6, 3]);
    ctx.strokeStyle = c.target;
    stepPath(ctx, a.metric.s.t, a.metric.target, s.x, s.yMetric, a.metric.lookbackMs);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (a.desired) {
    ctx.setLineDash([1, 2]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = c.desired;
    stepPath(ctx, t, a.desired, s.x, s.yReplicas, a.maxGapMs);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = c.replicas;
  stepPath(ctx, t, a.current.v, s.x, s.yReplicas, a.maxGapMs);
  ctx.stroke();

  for (const e of a.events) {
    const px = s.x(e.t);
    const py = s.yReplicas(e.to);
    ctx.beginPath();
    if (e.direction === 'up') {
      ctx.moveTo(px, py - 7);
      ctx.lineTo(px - 5, py + 2);
      ctx.lineTo(px + 5, py + 2);
    } else {
      ctx.moveTo(px, py + 7);
      ctx.lineTo(px - 5, py - 2);
      ctx.lineTo(px + 5, py - 2);
    }
    ctx.closePath();
    ctx.fillStyle = e.hitMax ? c.capped : e.direction === 'up' ? c.up : c.down;
    ctx.fill();
  }
  ctx.restore();

  ctx.font = '10px sans-serif';
  ctx.fillStyle = c.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  // Labels are kept 6 px inside the row: 0 and the top value sit on its edges and would be cut.
  const labelY = (y: number) => Math.min(h - 6, Math.max(6, y));
  const stepR = Math.max(1, Math.ceil(s.maxReplicas / Math.max(1, Math.floor(h / 24))));
  for (let v = 0; v <= s.maxReplicas; v += stepR) ctx.fillText(String(v), -4, labelY(s.yReplicas(v)));
  if (a.metric) {
    ctx.textAlign = 'left';
    for (const v of [0, 50, 100]) if (v <= s.maxMetric) ctx.fillText(`${v}${a.metric.unit === '%' || a.metric.unit === undefined ? ' %' : ''}`, s.plotWidth + 4, labelY(s.yMetric(v)));
  }
  return s;
}
