import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { FieldConfigSource, GrafanaTheme2, ThresholdsMode, TimeRange, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { lastFilledColumn, parsePercentiles, percentileSeries, shareBelowOverRange } from '../model/percentiles';
import { LatencyModel } from '../model/types';
import { colorTable, cssColor } from '../render/colors';
import { drawDistribution } from '../render/drawDistribution';
import { createPlotCache, DrawnPlot, drawPlot } from '../render/drawPlot';
import { formatLatency, percentileLabel } from '../render/format';
import { columnAt, rowAt } from '../render/hover';
import { LatencyOptions } from '../types';
import { Header } from './Header';
import { HoverInfo, HoverTooltip } from './HoverTooltip';
import { devicePixelRatio, sizedContext } from '../../../ui/canvas';

const PERCENTILE_COLORS = ['green', 'yellow', 'orange', 'red', 'purple', 'blue'];
const HEADER = 26;
const AXIS_X = 20;
const AXIS_Y = 56;

interface Props {
  model: LatencyModel;
  options: LatencyOptions;
  fieldConfig: FieldConfigSource;
  timeRange: TimeRange;
  timeZone: TimeZone;
  width: number;
  height: number;
}

export function LatencyView({ model, options, fieldConfig, timeRange, timeZone, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const plotRef = useRef<HTMLCanvasElement>(null);
  const distRef = useRef<HTMLCanvasElement>(null);
  const cache = useRef(createPlotCache());
  const drawn = useRef<DrawnPlot | null>(null);
  const [hover, setHover] = useState<(HoverInfo & { column: number }) | null>(null);

  const unit = fieldConfig.defaults.unit ?? model.unit ?? 's';
  const decimals = fieldConfig.defaults.decimals ?? undefined;
  const qs = useMemo(() => parsePercentiles(options.percentiles), [options.percentiles]);
  const percentiles = useMemo(
    () =>
      qs.map((q, i) => ({
        q,
        values: percentileSeries(model, q),
        color: theme.visualization.getColorByName(PERCENTILE_COLORS[i % PERCENTILE_COLORS.length]),
      })),
    [qs, model, theme]
  );
  const shareUnder = useMemo(() => shareBelowOverRange(model, options.sloThreshold), [model, options.sloThreshold]);
  const last = useMemo(() => lastFilledColumn(model), [model]);
  const table = useMemo(() => colorTable(options.colorScheme, theme.isDark, options.opacity), [options.colorScheme, options.opacity, theme.isDark]);
  const levels = useMemo(() => {
    const t = fieldConfig.defaults.thresholds;
    if (!t || t.mode === ThresholdsMode.Percentage) return [];
    return t.steps
      .filter((s) => Number.isFinite(s.value))
      .map((s) => ({ value: s.value, color: theme.visualization.getColorByName(s.color), label: formatLatency(s.value, unit, decimals) }));
  }, [fieldConfig.defaults.thresholds, theme, unit, decimals]);

  const showDist = options.distributionView !== 'off' && width > 360;
  const distWidth = showDist ? Math.round(Math.min(200, Math.max(90, width * 0.2))) : 0;
  const plotWidth = Math.max(10, width - distWidth - (showDist ? 8 : 0));
  const bodyHeight = Math.max(10, height - HEADER);
  const dpr = devicePixelRatio();
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();

  useLayoutEffect(() => {
    const ctx = sizedContext(plotRef.current, plotWidth, bodyHeight, dpr);
    if (!ctx) return;
    drawn.current = drawPlot(
      ctx,
      {
        model,
        yKind: options.yScale,
        from,
        to,
        table,
        percentiles,
        slo: { threshold: options.sloThreshold, color: theme.colors.error.text, label: `SLO ${formatLatency(options.sloThreshold, unit, decimals)}` },
        levels,
        unit,
        decimals,
        timeZone,
        textColor: theme.colors.text.secondary,
        gridColor: theme.colors.border.medium,
        haloColor: theme.colors.background.primary,
      },
      { cssWidth: plotWidth, cssHeight: bodyHeight, dpr, axisWidth: AXIS_Y, axisHeight: AXIS_X },
      cache.current
    );
  }, [model, options.yScale, options.sloThreshold, from, to, table, percentiles, levels, unit, decimals, timeZone, theme, plotWidth, bodyHeight, dpr]);

  const column = hover?.column ?? last;
  useLayoutEffect(() => {
    const plot = drawn.current;
    if (!plot || !showDist) return;
    const ctx = sizedContext(distRef.current, distWidth, bodyHeight, dpr);
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, distWidth, bodyHeight);
    if (column < 0) return;
    const size = model.cols.layout.size;
    drawDistribution(ctx, options.distributionView, model.counts, column * size, size, plot.y, distWidth, cssColor(table, 200), theme.colors.text.primary);
  }, [column, model, options.distributionView, options.yScale, table, theme, distWidth, bodyHeight, dpr, showDist, percentiles]);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const plot = drawn.current;
    if (!plot) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left - AXIS_Y;
    const py = event.clientY - rect.top;
    const t = columnAt(model.times, plot.x.from + (px / plot.x.width) * (plot.x.to - plot.x.from));
    const j = rowAt(plot.y.rowTop, plot.y.rowBottom, py);
    if (px < 0 || t < 0 || j < 0) {
      setHover(null);
      return;
    }
    const size = model.cols.layout.size;
    const columnTotal = model.cols.repaired[t * size + size - 1];
    setHover({
      column: t,
      left: event.clientX - rect.left,
      top: event.clientY - rect.top + HEADER,
      time: model.times[t],
      lower: model.lowers[j],
      upper: model.uppers[j],
      count: model.counts[t * size + j],
      valueKind: options.bucketValues === 'rate' || options.bucketValues === 'count' ? options.bucketValues : model.valueKind,
      intervalMs: t > 0 ? model.times[t] - model.times[t - 1] : t + 1 < model.times.length ? model.times[t + 1] - model.times[t] : 0,
      columnTotal,
      percentiles: percentiles.map((p) => ({ q: p.q, value: p.values[t], color: p.color })),
    });
  };

  const current = percentiles.map((p) => ({ q: p.q, value: last >= 0 ? p.values[last] : NaN, color: p.color }));
  return (
    <div className={styles.root} style={{ width, height }}>
      <Header
        percentiles={current}
        unit={unit}
        decimals={decimals}
        sloThreshold={options.sloThreshold}
        sloTarget={options.sloTargetPercent / 100}
        shareUnder={shareUnder}
        warnings={model.warnings}
      />
      <div className={styles.body}>
        <canvas
          ref={plotRef}
          className={styles.canvas}
          style={{ width: plotWidth, height: bodyHeight }}
          data-testid="headroom-latency-heatmap"
          aria-label={`Latency heatmap with ${current.map((p) => `${percentileLabel(p.q)} ${formatLatency(p.value, unit, decimals)}`).join(', ')}`}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        {showDist && (
          <canvas
            ref={distRef}
            className={styles.canvas}
            style={{ width: distWidth, height: bodyHeight }}
            data-testid="headroom-latency-distribution"
            aria-label={`Distribution (${options.distributionView}) at the ${hover ? 'hovered' : 'latest'} time`}
          />
        )}
      </div>
      {hover && <HoverTooltip hover={hover} unit={unit} decimals={decimals} timeZone={timeZone} containerWidth={width} containerHeight={height} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ position: 'relative', display: 'flex', flexDirection: 'column', overflow: 'hidden' }),
  body: css({ display: 'flex', gap: theme.spacing(1), flex: 1, minHeight: 0 }),
  canvas: css({ display: 'block' }),
});
