import { TimeZone } from '@grafana/data';
import { LatencyModel } from '../model/types';
import { YScale as YScaleKind } from '../types';
import { timeTicks } from '../../../ui/timeTicks';
import { formatLatency, formatTime } from './format';
import { strokeLevel, strokeSeries, XScale } from './drawLines';
import { createScratch, HeatmapScratch, writeHeatmap } from './heatmapImage';
import { createYScale, YScale } from './yScale';

export interface PlotInput {
  model: LatencyModel;
  yKind: YScaleKind;
  from: number;
  to: number;
  table: Uint32Array;
  percentiles: Array<{ q: number; values: Float64Array; color: string }>;
  slo: { threshold: number; color: string; label: string };
  levels: Array<{ value: number; color: string; label: string }>;
  unit: string;
  decimals?: number;
  timeZone: TimeZone;
  textColor: string;
  gridColor: string;
  /** Behind level labels drawn over the heatmap (the panel's background colour). */
  haloColor?: string;
}

export interface PlotGeometry {
  cssWidth: number;
  cssHeight: number;
  dpr: number;
  axisWidth: number;
  axisHeight: number;
}

/** Reused between draws: the ImageData of the plot's size and the heatmap scratch buffers. */
export interface PlotCache {
  image: ImageData | null;
  scratch: HeatmapScratch;
}

export function createPlotCache(): PlotCache {
  return { image: null, scratch: createScratch() };
}

export interface DrawnPlot {
  x: XScale;
  y: YScale;
}

/**
 * Draws the heatmap (as one ImageData at device resolution), then the SLO and threshold levels,
 * the percentile lines and the axes on top. Returns the css-pixel scales, for hover lookups.
 */
export function drawPlot(ctx: CanvasRenderingContext2D, input: PlotInput, geo: PlotGeometry, cache: PlotCache): DrawnPlot {
  const { dpr, axisWidth, axisHeight } = geo;
  const plotW = Math.max(1, geo.cssWidth - axisWidth);
  const plotH = Math.max(1, geo.cssHeight - axisHeight);
  const devW = Math.max(1, Math.round(plotW * dpr));
  const devH = Math.max(1, Math.round(plotH * dpr));
  const { model } = input;

  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);

  const deviceY = createYScale(input.yKind, model.lowers, model.uppers, devH);
  if (!cache.image || cache.image.width !== devW || cache.image.height !== devH) {
    cache.image = ctx.createImageData(devW, devH);
  }
  const image = cache.image;
  writeHeatmap(
    { times: model.times, counts: model.counts, size: model.cols.layout.size, rowTop: deviceY.rowTop, rowBottom: deviceY.rowBottom, maxCount: model.maxCount },
    input.from,
    input.to,
    input.table,
    { width: devW, height: devH, words: new Uint32Array(image.data.buffer) },
    cache.scratch
  );
  ctx.putImageData(image, Math.round(axisWidth * dpr), 0);

  const x: XScale = { from: input.from, to: input.to, width: plotW };
  const y = createYScale(input.yKind, model.lowers, model.uppers, plotH);
  ctx.setTransform(dpr, 0, 0, dpr, axisWidth * dpr, 0);
  ctx.font = '11px sans-serif';
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, plotW, plotH);
  ctx.clip();
  for (const level of input.levels) {
    strokeLevel(ctx, level.value, x, y, level.color, level.label, [2, 3], input.haloColor);
  }
  strokeLevel(ctx, input.slo.threshold, x, y, input.slo.color, input.slo.label, undefined, input.haloColor);
  for (const p of input.percentiles) {
    strokeSeries(ctx, model.times, p.values, x, y, p.color);
  }
  ctx.restore();
  drawAxes(ctx, input, x, y, plotW, plotH, axisWidth);
  return { x, y };
}

function drawAxes(ctx: CanvasRenderingContext2D, input: PlotInput, x: XScale, y: YScale, plotW: number, plotH: number, axisWidth: number) {
  ctx.fillStyle = input.textColor;
  ctx.strokeStyle = input.gridColor;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of y.ticks) {
    const py = Math.round(y.toY(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(-4, py);
    ctx.lineTo(0, py);
    ctx.stroke();
    ctx.fillText(formatLatency(v, input.unit, input.decimals), -6, Math.min(plotH - 6, Math.max(6, py)), axisWidth - 8);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of timeTicks(input.from, input.to, plotW)) {
    const px = Math.round(((t - x.from) / (x.to - x.from)) * plotW) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, plotH);
    ctx.lineTo(px, plotH + 4);
    ctx.stroke();
    ctx.fillText(formatTime(t, input.timeZone, input.to - input.from), px, plotH + 5);
  }
}
