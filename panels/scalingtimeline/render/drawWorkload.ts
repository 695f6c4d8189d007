import { WorkloadAnalysis, Interval, ScaleEvent } from '../../../core/scaling';
import { PixelColumns } from '../../../core/series/decimate';
import { linePoints, stepPath } from './paths';
import { keptMax, RowLines, rowLines } from './rowLines';

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

const plotWidthOf = (g: RowGeometry) => Math.max(10, g.width - g.left - g.right);

/** The row's device-pixel columns: the plot area of the canvas, from `from` to `to` (an empty range spans 1 ms, as the scales do). */
export function rowColumns(g: RowGeometry, dpr: number): PixelColumns {
  return { from: g.from, to: g.from + (g.to - g.from || 1), width: plotWidthOf(g), dpr, left: g.left };
}

/**
 * Scales of one row: replicas from 0 to the highest of replicas and max, metric from 0 to
 * max(100, metric, target); the highest values are read from the samples the lines keep.
 */
export function rowScales(a: WorkloadAnalysis, g: RowGeometry, lines: RowLines): RowScales {
  const plotWidth = plotWidthOf(g);
  const maxReplicas = Math.max(1, keptMax(a.max, lines.max, keptMax(a.current.v, lines.current, keptMax(a.desired, lines.desired)))) + 1;
  const maxMetric = a.metric ? Math.max(100, keptMax(a.metric.s.v, lines.metric), keptMax(a.metric.target, lines.target)) * 1.05 : 100;
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

function shade(ctx: CanvasRenderingContext2D, intervals: Interval[], s: RowScales, height: number, color: string) {
  ctx.fillStyle = color;
  for (const iv of intervals) {
    const x0 = Math.max(0, s.x(iv.start));
    const x1 = Math.min(s.plotWidth, s.x(iv.end));
    if (x1 > x0) ctx.fillRect(x0, 0, Math.max(1, x1 - x0), height);
  }
}

/** A triangle per scale event at its new replica count, pointing the way it scaled; red when it hit max. */
function eventMarks(ctx: CanvasRenderingContext2D, events: ScaleEvent[], s: RowScales, c: RowColors) {
  let fill = '';
  for (const e of events) {
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
    // fill() closes the triangle itself (one call less per event, the same pixels).
    const color = e.hitMax ? c.capped : e.direction === 'up' ? c.up : c.down;
    // Setting a colour parses it: only when it changes (thousands of events a row are common).
    if (color !== fill) ctx.fillStyle = fill = color;
    ctx.fill();
  }
}

/**
 * One workload row: shading for time at max, cooldowns and flapping; the min–max band; desired
 * (dotted) and current (solid) replicas as steps; utilisation and its target on the right axis;
 * a triangle per scale event (red when it hit max). Returns the scales for hover lookups.
 * Lines are drawn through the samples that decide each device-pixel column (rowLines): the same
 * picture as every sample, with a few points per pixel however dense the data.
 */
export function drawWorkload(ctx: CanvasRenderingContext2D, a: WorkloadAnalysis, g: RowGeometry, dpr: number, c: RowColors): RowScales {
  const lines = rowLines(a, rowColumns(g, dpr));
  const s = rowScales(a, g, lines);
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

  if (a.min && a.max && lines.min && lines.max) {
    ctx.beginPath();
    linePoints(ctx, t, a.max, lines.max, s.x, s.yReplicas);
    linePoints(ctx, t, a.min, lines.min, s.x, s.yReplicas, true);
    ctx.closePath();
    ctx.fillStyle = c.band;
    ctx.fill();
  }
  ctx.setLineDash([4, 3]);
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.limits;
  for (const [limit, keep] of [
    [a.min, lines.min],
    [a.max, lines.max],
  ] as const) {
    if (!limit || !keep) continue;
    stepPath(ctx, t, limit, keep, s.x, s.yReplicas);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  if (a.metric && lines.metric && lines.target) {
    ctx.lineWidth = 1;
    ctx.strokeStyle = c.metric;
    stepPath(ctx, a.metric.s.t, a.metric.s.v, lines.metric, s.x, s.yMetric);
    ctx.stroke();
    ctx.setLineDash([6, 3]);
    ctx.strokeStyle = c.target;
    stepPath(ctx, a.metric.s.t, a.metric.target, lines.target, s.x, s.yMetric);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (a.desired && lines.desired) {
    ctx.setLineDash([1, 2]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = c.desired;
    stepPath(ctx, t, a.desired, lines.desired, s.x, s.yReplicas);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.lineWidth = 2;
  ctx.strokeStyle = c.replicas;
  stepPath(ctx, t, a.current.v, lines.current, s.x, s.yReplicas);
  ctx.stroke();

  eventMarks(ctx, a.events, s, c);
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
