// Canvas drawing of cost per request over time: one stacked area per group (biggest at the
// bottom), columns without enough traffic shaded, the budget as a dashed line, value and time axes.
// Pure canvas: formatting comes in as functions, so this runs anywhere there is a 2D context (the
// panel, the bench page) — no Grafana runtime.
//
// One column per CSS pixel of the plot (see model/perRequest.ts bucketize), so drawing costs
// O(width × groups) whatever the number of samples.
import { timeTicks } from '../../../ui/timeTicks';
import { Columns } from '../model/perRequest';

export interface StackColors {
  groups: string[];
  budget: string;
  lowTraffic: string;
  text: string;
  grid: string;
}

export interface StackFormat {
  value: (v: number) => string;
  time: (ms: number, spanMs: number) => string;
}

export interface DrawnStack {
  left: number;
  top: number;
  plotW: number;
  plotH: number;
  yMax: number;
  /** Plot x (CSS px from the plot's left) → column index, or -1. */
  columnAtPx(px: number): number;
}

export const AXIS_LEFT = 64;
export const AXIS_BOTTOM = 20;
export const TOP = 6;

/** About `count` round values in [0, max]. */
export function niceTicks(max: number, count: number): number[] {
  if (!(max > 0) || count < 1) {
    return [0];
  }
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/** Top of the y axis: the highest stacked total (or the budget) plus 8 %. */
export function yMaxOf(cols: Columns, budget: number | null): number {
  let hi = 0;
  for (let c = 0; c < cols.count; c++) {
    const v = cols.total[c];
    if (Number.isFinite(v) && v > hi) {
      hi = v;
    }
  }
  if (budget !== null && budget > hi) {
    hi = budget;
  }
  return hi > 0 ? hi * 1.08 : 1;
}

/**
 * Draws into `ctx` (already sized width×height × dpr). `cols.count` should equal the plot width in
 * CSS px (width - AXIS_LEFT); other counts are stretched.
 */
export function drawStack(
  ctx: CanvasRenderingContext2D,
  cols: Columns,
  width: number,
  height: number,
  dpr: number,
  colors: StackColors,
  format: StackFormat,
  budget: number | null
): DrawnStack {
  const plotW = Math.max(10, width - AXIS_LEFT);
  const plotH = Math.max(10, height - AXIS_BOTTOM - TOP);
  const yMax = yMaxOf(cols, budget);
  const colW = plotW / cols.count;
  const yOf = (v: number) => plotH - (v / yMax) * plotH;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, AXIS_LEFT * dpr, TOP * dpr);

  // Grid and value axis.
  ctx.font = '11px sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of niceTicks(yMax / 1.08, Math.max(2, Math.floor(plotH / 40)))) {
    const py = Math.round(yOf(v)) + 0.5;
    ctx.globalAlpha = 0.3;
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(plotW, py);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillText(format.value(v), -6, py, AXIS_LEFT - 8);
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, plotW, plotH);
  ctx.clip();

  // Not enough traffic: shaded columns, merged into runs.
  ctx.fillStyle = colors.lowTraffic;
  for (let c = 0; c < cols.count; c++) {
    if (!cols.lowTraffic[c]) {
      continue;
    }
    let e = c;
    while (e + 1 < cols.count && cols.lowTraffic[e + 1]) {
      e++;
    }
    ctx.fillRect(c * colW, 0, (e - c + 1) * colW, plotH);
    c = e;
  }

  // Stacked areas as one bar per column and group: a column is one CSS pixel, so bars are the
  // area, and axis-aligned rectangles snapped to device pixels fill far faster than long
  // anti-aliased polygons (and leave no seams between columns).
  const base = new Float64Array(cols.count);
  const x0s = new Float64Array(cols.count + 1);
  for (let c = 0; c <= cols.count; c++) {
    x0s[c] = Math.round(c * colW * dpr) / dpr;
  }
  for (let g = 0; g < cols.value.length; g++) {
    const v = cols.value[g];
    ctx.fillStyle = colors.groups[g % colors.groups.length];
    for (let c = 0; c < cols.count; c++) {
      if (!Number.isFinite(cols.total[c])) {
        continue;
      }
      const x = v[c];
      if (!(x > 0)) {
        continue;
      }
      const y0 = yOf(base[c]);
      const y1 = yOf(base[c] + x);
      ctx.fillRect(x0s[c], y1, x0s[c + 1] - x0s[c], y0 - y1);
      base[c] += x;
    }
  }

  // Budget.
  if (budget !== null && budget > 0) {
    const py = Math.round(yOf(budget)) + 0.5;
    ctx.strokeStyle = colors.budget;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(plotW, py);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colors.budget;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(`budget ${format.value(budget)}`, plotW - 4, py - 2);
  }
  ctx.restore();

  // Time axis.
  ctx.fillStyle = colors.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const span = cols.to - cols.from;
  for (const ms of timeTicks(cols.from, cols.to, plotW)) {
    ctx.fillText(format.time(ms, span), ((ms - cols.from) / span) * plotW, plotH + 5);
  }
  return {
    left: AXIS_LEFT,
    top: TOP,
    plotW,
    plotH,
    yMax,
    columnAtPx: (px) => {
      const c = Math.floor(px / colW);
      return c >= 0 && c < cols.count ? c : -1;
    },
  };
}
