// Grafana's "heatmap" panel for Prometheus buckets (a heatmap-rows frame, calculate off), our own
// (Grafana's heatmap is not exported by @grafana/ui): one column per time, one row per bucket
// (upper bound `le`, labelled with the y axis unit), coloured with the panel's scheme (d3's
// interpolator of that name, as Grafana) through its scale; values at or under filterValues.le
// are not drawn. A colour scale legend with the smallest and largest value.
import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as chromatic from 'd3-scale-chromatic';
import { colorManipulator, dateTimeFormat, FieldType, formattedValueToString, getValueFormat, GrafanaTheme2 } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { colorIndex, HeatmapColorOptions, heatmapRange } from './heatmap';
import { TIME_AXIS_HEIGHT, TimeAxis } from './TimeAxis';
import { CorePanelProps } from './types';

interface HeatmapOptions {
  color?: HeatmapColorOptions & { fill?: string };
  filterValues?: { le?: number; ge?: number };
  yAxis?: { unit?: string; decimals?: number };
  cellGap?: number;
  legend?: { show?: boolean };
}

const LEGEND_HEIGHT = 26;
const AXIS_WIDTH = 64;

const sequentialSchemes = new Set(
  'Blues Greens Greys Oranges Purples Reds BuGn BuPu GnBu OrRd PuBuGn PuBu PuRd RdPu YlGnBu YlGn YlOrBr YlOrRd'.split(' ')
);

function palette(color: HeatmapOptions['color'], theme: GrafanaTheme2): string[] {
  const steps = Math.max(2, Math.round(color?.steps ?? 64));
  if (color?.mode === 'opacity') {
    const fill = theme.visualization.getColorByName(color.fill ?? 'dark-orange');
    return Array.from({ length: steps }, (_, i) => colorManipulator.alpha(fill, 0.1 + (0.9 * i) / (steps - 1)));
  }
  const scheme = color?.scheme ?? 'Oranges';
  const named = chromatic[`interpolate${scheme}`];
  const interpolate = (typeof named === 'function' ? named : chromatic.interpolateOranges) as (t: number) => string;
  // Like Grafana's scheme list: the sequential schemes run from the background's end, so on a
  // dark background they are inverted (small values dark, large ones bright).
  const invert = theme.isDark && sequentialSchemes.has(scheme);
  return Array.from({ length: steps }, (_, i) => interpolate(invert ? 1 - i / (steps - 1) : i / (steps - 1)));
}

export function HeatmapPanel({ options, data, width, height, timeRange }: CorePanelProps<HeatmapOptions>) {
  const theme = useTheme2();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; column: number; bucket: number } | undefined>();
  const frame = data.series.find((f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number));
  const time = frame?.fields.find((f) => f.type === FieldType.time);
  const buckets = useMemo(() => frame?.fields.filter((f) => f.type === FieldType.number) ?? [], [frame]);
  const hide = options.filterValues?.le ?? -Infinity;
  const range = useMemo(() => heatmapRange(buckets.map((b) => b.values), hide), [buckets, hide]);
  const colors = useMemo(() => palette(options.color, theme), [options.color, theme]);
  const showLegend = options.legend?.show !== false && range !== undefined;
  const plotWidth = Math.max(1, width - AXIS_WIDTH);
  const plotHeight = Math.max(1, height - TIME_AXIS_HEIGHT - (showLegend ? LEGEND_HEIGHT : 0));
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const yFormat = getValueFormat(options.yAxis?.unit ?? 'short');
  const bucketLabel = (name: string) => (name === '+Inf' ? '+Inf' : formattedValueToString(yFormat(Number(name), options.yAxis?.decimals)));

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !time || !range) {
      return;
    }
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(plotWidth * dpr);
    canvas.height = Math.round(plotHeight * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plotWidth, plotHeight);
    const times = time.values as number[];
    const step = time.config.interval ?? (times.length > 1 ? times[1] - times[0] : to - from);
    const rowHeight = plotHeight / buckets.length;
    const gap = Math.max(0, options.cellGap ?? 1);
    let drawn = 0;
    for (let c = 0; c < times.length; c++) {
      const x0 = ((times[c] - step - from) / (to - from)) * plotWidth;
      const x1 = ((times[c] - from) / (to - from)) * plotWidth;
      if (x1 < 0 || x0 > plotWidth) {
        continue;
      }
      const w = Math.max(1, x1 - x0 - (x1 - x0 > 2 * gap ? gap : 0));
      for (let b = 0; b < buckets.length; b++) {
        const index = colorIndex(buckets[b].values[c] as number | null, range, options.color ?? {}, hide);
        if (index < 0) {
          continue;
        }
        ctx.fillStyle = colors[index];
        // The lowest bucket at the bottom.
        const y = plotHeight - (b + 1) * rowHeight;
        ctx.fillRect(x0, y, w, Math.max(1, rowHeight - (rowHeight > 2 * gap ? gap : 0)));
        drawn++;
      }
    }
    canvas.dataset.cells = String(drawn);
  }, [time, buckets, range, colors, plotWidth, plotHeight, from, to, hide, options.color, options.cellGap]);

  if (!frame || !time || buckets.length === 0) {
    return null;
  }
  const rowHeight = plotHeight / buckets.length;
  const every = Math.max(1, Math.ceil(16 / rowHeight));
  const gradient = `linear-gradient(to right, ${colors.filter((_, i) => i % 4 === 0 || i === colors.length - 1).join(', ')})`;
  const valueText = (v: number) => formattedValueToString(getValueFormat('short')(v));
  const times = time.values as number[];
  // The hovered cell: the column whose (time - step, time] holds the pointer's time, the bucket row under it.
  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const t = from + (x / plotWidth) * (to - from);
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const bucket = Math.min(buckets.length - 1, Math.max(0, Math.floor((plotHeight - y) / rowHeight)));
    setHover(times.length && times[lo] >= t ? { x, y, column: lo, bucket } : undefined);
  };
  const bucketName = (i: number) => buckets[i].config.displayNameFromDS ?? buckets[i].name;
  return (
    <div style={{ width, height, position: 'relative' }} data-testid="preview-heatmap">
      <div style={{ display: 'flex', height: plotHeight }}>
        <div style={{ position: 'relative', width: AXIS_WIDTH, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }}>
          {buckets.map((b, i) =>
            i % every === 0 ? (
              <span key={b.name} style={{ position: 'absolute', right: 6, top: plotHeight - (i + 1) * rowHeight, lineHeight: '12px', whiteSpace: 'nowrap' }}>
                {bucketLabel(b.config.displayNameFromDS ?? b.name)}
              </span>
            ) : null
          )}
        </div>
        <canvas
          ref={canvasRef}
          style={{ width: plotWidth, height: plotHeight }}
          data-testid="preview-heatmap-canvas"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(undefined)}
        />
        {hover && (
          <div
            data-testid="preview-heatmap-tooltip"
            style={{
              position: 'absolute',
              left: Math.min(AXIS_WIDTH + hover.x + 12, width - 200),
              top: Math.max(0, hover.y - 60),
              pointerEvents: 'none',
              background: theme.colors.background.elevated,
              border: `1px solid ${theme.colors.border.weak}`,
              borderRadius: theme.shape.radius.default,
              boxShadow: theme.shadows.z2,
              padding: theme.spacing(1),
              fontSize: theme.typography.bodySmall.fontSize,
              whiteSpace: 'nowrap',
              zIndex: 1,
            }}
          >
            <div>{dateTimeFormat(times[hover.column], { format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'browser' })}</div>
            <div>
              Bucket {hover.bucket === 0 ? '0' : bucketLabel(bucketName(hover.bucket - 1))} – {bucketLabel(bucketName(hover.bucket))}
            </div>
            <div>Count {valueText(Number(buckets[hover.bucket].values[hover.column] ?? 0))}</div>
          </div>
        )}
      </div>
      <TimeAxis from={from} to={to} left={AXIS_WIDTH} width={plotWidth} />
      {showLegend && range && (
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginLeft: AXIS_WIDTH, height: LEGEND_HEIGHT, fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }}>
          <span>{valueText(range.min)}</span>
          <span style={{ width: 160, height: 10, background: gradient, borderRadius: 2 }} />
          <span>{valueText(range.max)}</span>
        </div>
      )}
    </div>
  );
}
