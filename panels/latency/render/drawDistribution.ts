import { DistributionView } from '../types';
import { YScale } from './yScale';

/**
 * The distribution of one time column beside the heatmap, on the same rows: horizontal bars of
 * each bucket's count (length ∝ count / largest count), or the CDF (share of requests ≤ each
 * bucket's upper bound) as a step line. Edge cases: a column with no requests draws nothing.
 */
export function drawDistribution(
  ctx: CanvasRenderingContext2D,
  view: DistributionView,
  counts: ArrayLike<number>,
  offset: number,
  size: number,
  y: YScale,
  width: number,
  barColor: string,
  lineColor: string
): void {
  let total = 0;
  let max = 0;
  for (let j = 0; j < size; j++) {
    const c = counts[offset + j];
    if (c > 0) {
      total += c;
      if (c > max) max = c;
    }
  }
  if (!(total > 0) || view === 'off') return;
  if (view === 'bars') {
    ctx.fillStyle = barColor;
    for (let j = 0; j < size; j++) {
      const c = counts[offset + j];
      if (!(c > 0)) continue;
      const top = y.rowTop[j];
      const h = Math.max(1, y.rowBottom[j] - top - 1);
      ctx.fillRect(0, top, (c / max) * width, h);
    }
    return;
  }
  ctx.beginPath();
  let running = 0;
  ctx.moveTo(0, y.rowBottom[0]);
  for (let j = 0; j < size; j++) {
    const c = counts[offset + j];
    running += c > 0 ? c : 0;
    const px = (running / total) * width;
    ctx.lineTo(px, y.rowBottom[j]);
    ctx.lineTo(px, y.rowTop[j]);
  }
  ctx.strokeStyle = lineColor;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}
