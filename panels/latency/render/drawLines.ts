import { YScale } from './yScale';

export interface XScale {
  from: number;
  to: number;
  width: number;
}

export function timeToX(x: XScale, t: number): number {
  return ((t - x.from) / (x.to - x.from)) * x.width;
}

/**
 * One percentile line as a polyline; NaN values break the line (a gap, not a drop to zero).
 * ±Inf values (q outside [0, 1]) are not drawn.
 */
export function strokeSeries(
  ctx: CanvasRenderingContext2D,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  x: XScale,
  y: YScale,
  color: string,
  width = 1.5
): void {
  ctx.beginPath();
  let pen = false;
  for (let t = 0; t < times.length; t++) {
    const v = values[t];
    if (!Number.isFinite(v)) {
      pen = false;
      continue;
    }
    const px = timeToX(x, times[t]);
    const py = y.toY(v);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.setLineDash([]);
  ctx.stroke();
}

/**
 * A horizontal line across the plot (SLO, thresholds), with a short label at its right end, on a
 * halo of the panel's background when one is given (the label sits on heatmap cells, where red on
 * dark orange cannot be read). Edge cases: a value off the finite axis (e.g. Grafana's default
 * threshold 80 on a histogram whose buckets end at 10 s) is not drawn: clamped to the edge it
 * would claim a wrong latency.
 */
export function strokeLevel(
  ctx: CanvasRenderingContext2D,
  value: number,
  x: XScale,
  y: YScale,
  color: string,
  label: string,
  dash: number[] = [6, 4],
  halo?: string
): void {
  if (!Number.isFinite(value) || !y.contains(value)) return;
  const py = Math.round(y.toY(value)) + 0.5;
  ctx.beginPath();
  ctx.moveTo(0, py);
  ctx.lineTo(x.width, py);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(dash);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  if (halo) {
    ctx.strokeStyle = halo;
    ctx.lineWidth = 3;
    ctx.lineJoin = 'round';
    ctx.strokeText(label, x.width - 4, py - 2);
  }
  ctx.fillStyle = color;
  ctx.fillText(label, x.width - 4, py - 2);
}
