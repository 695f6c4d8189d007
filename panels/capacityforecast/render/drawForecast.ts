import { dateTimeFormat, formattedValueToString, getValueFormat, TimeZone } from '@grafana/data';
import { timeTickFormat, timeTicks } from '../../../ui/timeTicks';
import { CapacityForecast } from '../model/runForecast';
import { LinearScale, linearScale, niceTicks } from './scales';

export interface ForecastColors {
  history: string;
  forecast: string;
  band: string;
  capacity: string;
  exhaustion: string;
  /** The growth scenarios' mean lines. */
  scenario: string;
  text: string;
  grid: string;
}

export interface DrawnForecast {
  x: LinearScale;
  y: LinearScale;
  left: number;
}

export const AXIS_LEFT = 60;
export const AXIS_BOTTOM = 20;

function path(ctx: CanvasRenderingContext2D, t: ArrayLike<number>, v: ArrayLike<number>, x: LinearScale, y: LinearScale) {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(v[i])) {
      pen = false;
      continue;
    }
    const px = x.toPx(t[i]);
    const py = y.toPx(v[i]);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
}

/** `first` followed by `rest` (a year of points: too many to spread into Float64Array.of). */
function fromLast(first: number, rest: Float64Array): Float64Array {
  const out = new Float64Array(rest.length + 1);
  out[0] = first;
  out.set(rest, 1);
  return out;
}

/** Y domain: 0 (or the lowest value) to the highest of history, interval and capacity, plus 8 %. */
function yDomain(r: CapacityForecast): [number, number] {
  let lo = 0;
  let hi = -Infinity;
  const see = (v: number) => {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  };
  r.inputs.values.forEach(see);
  r.forecast.upper.forEach(see);
  r.forecast.lower.forEach(see);
  for (const s of r.scenarios) s.forecast.mean.forEach(see);
  if (r.inputs.capacity !== null) see(r.inputs.capacity);
  if (!Number.isFinite(hi)) hi = 1;
  return [lo, hi + (hi - lo) * 0.08];
}

/**
 * History (solid), forecast mean (dashed) inside its interval band, the capacity (from the
 * query over history, then held at its last value), and the exhaustion times as vertical marks.
 * Times are in unix seconds; the x range runs from `fromS` to the end of the forecast.
 */
export function drawForecast(
  ctx: CanvasRenderingContext2D,
  r: CapacityForecast,
  fromS: number,
  toS: number,
  width: number,
  height: number,
  dpr: number,
  colors: ForecastColors,
  unit: string | undefined,
  timeZone: TimeZone
): DrawnForecast {
  const plotW = Math.max(10, width - AXIS_LEFT);
  const plotH = Math.max(10, height - AXIS_BOTTOM);
  const f = r.forecast;
  const end = Math.max(toS, f.t.length ? f.t[f.t.length - 1] : toS);
  const x = linearScale(fromS, end, plotW);
  const [lo, hi] = yDomain(r);
  const y = linearScale(lo, hi, plotH, true);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, AXIS_LEFT * dpr, 0);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, plotW, plotH);
  ctx.clip();

  // Interval band: upper forward, lower backward.
  if (f.t.length) {
    ctx.beginPath();
    ctx.moveTo(x.toPx(f.lastT), y.toPx(f.lastValue));
    for (let i = 0; i < f.t.length; i++) ctx.lineTo(x.toPx(f.t[i]), y.toPx(f.upper[i]));
    for (let i = f.t.length - 1; i >= 0; i--) ctx.lineTo(x.toPx(f.t[i]), y.toPx(f.lower[i]));
    ctx.closePath();
    ctx.fillStyle = colors.band;
    ctx.fill();
  }
  path(ctx, r.inputs.t, r.inputs.values, x, y);
  ctx.strokeStyle = colors.history;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([]);
  ctx.stroke();

  // Growth scenarios: thin dotted means from the last observation (beneath the forecast's).
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.scenario;
  ctx.setLineDash([1, 3]);
  for (const s of r.scenarios) {
    path(ctx, fromLast(f.lastT, s.forecast.t), fromLast(f.lastValue, s.forecast.mean), x, y);
    ctx.stroke();
  }
  ctx.lineWidth = 1.5;
  path(ctx, fromLast(f.lastT, f.t), fromLast(f.lastValue, f.mean), x, y);
  ctx.strokeStyle = colors.forecast;
  ctx.setLineDash([6, 4]);
  ctx.stroke();
  ctx.setLineDash([]);

  if (r.inputs.capacity !== null) {
    ctx.strokeStyle = colors.capacity;
    ctx.lineWidth = 2;
    if (r.inputs.capacitySeries) {
      path(ctx, r.inputs.capacitySeries.t, r.inputs.capacitySeries.values, x, y);
      ctx.stroke();
    }
    const startT = r.inputs.capacitySeries ? r.inputs.capacitySeries.t[r.inputs.capacitySeries.t.length - 1] : fromS;
    const cy = y.toPx(r.inputs.capacity);
    ctx.beginPath();
    ctx.moveTo(x.toPx(startT), cy);
    ctx.lineTo(plotW, cy);
    ctx.stroke();
  }
  const ex = r.exhaustion;
  if (ex) {
    const marks: Array<[number | null, number[]]> = [
      [ex.tUpper, [2, 3]],
      [ex.tMean, [6, 3]],
    ];
    ctx.strokeStyle = colors.exhaustion;
    ctx.lineWidth = 1.5;
    for (const [t, dash] of marks) {
      if (t === null) continue;
      const px = Math.round(x.toPx(t)) + 0.5;
      ctx.setLineDash(dash);
      ctx.beginPath();
      ctx.moveTo(px, 0);
      ctx.lineTo(px, plotH);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  ctx.restore();

  // Axes.
  ctx.font = '11px sans-serif';
  ctx.fillStyle = colors.text;
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const fmt = getValueFormat(unit ?? 'short');
  for (const v of niceTicks(lo, hi, Math.max(2, Math.floor(plotH / 40)))) {
    const py = Math.round(y.toPx(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(plotW, py);
    ctx.globalAlpha = 0.3;
    ctx.stroke();
    ctx.globalAlpha = 1;
    // Kept inside the canvas: a tick at the very top would be cut in half.
    ctx.fillText(formattedValueToString(fmt(v)), -6, Math.min(plotH - 6, Math.max(6, py)), AXIS_LEFT - 8);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const format = timeTickFormat((end - fromS) * 1000);
  for (const ms of timeTicks(fromS * 1000, end * 1000, plotW)) {
    const label = dateTimeFormat(ms, { format, timeZone });
    // Centred under its tick, but never past the canvas' right edge (the plot runs to it).
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(plotW - half - 2, x.toPx(ms / 1000)), plotH + 5);
  }
  return { x, y, left: AXIS_LEFT };
}
