// Grafana's own panel types, drawn simply: only Headroom's plugins need full fidelity here.
// timeseries → uPlot lines, stat → the last values, text → the text; the others are listed by
// title with their queries.
import React, { useLayoutEffect, useRef } from 'react';
import uPlot from 'uplot';
import {
  DataFrame,
  Field,
  FieldType,
  formattedValueToString,
  getFieldDisplayName,
  GrafanaTheme2,
  outerJoinDataFrames,
  PanelData,
} from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

const corePanelTypes = new Set([
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'table',
  'heatmap',
  'state-timeline',
  'status-history',
  'text',
  'alertlist',
  'barchart',
  'piechart',
  'histogram',
  'logs',
  'news',
  'dashlist',
  'annolist',
  'nodeGraph',
  'xychart',
  'trend',
  'candlestick',
  'canvas',
  'geomap',
  'flamegraph',
  'traces',
  'graph',
  'singlestat',
  'row',
]);

export function isCorePanel(type: string): boolean {
  return corePanelTypes.has(type);
}

interface Props {
  type: string;
  options: Record<string, unknown>;
  data: PanelData;
  width: number;
  height: number;
}

export function CorePanel({ type, options, data, width, height }: Props) {
  const hasData = data.series.some((f) => f.length > 0);
  if (type === 'text') {
    return <div style={{ whiteSpace: 'pre-wrap', overflow: 'auto', height }}>{String(options.content ?? '')}</div>;
  }
  if (!hasData && type !== 'alertlist' && type !== 'dashlist' && type !== 'news') {
    return <CenteredMessage text="No data" />;
  }
  if (type === 'timeseries' || type === 'graph') {
    return <TimeSeriesLite frames={data.series} width={width} height={height} data={data} />;
  }
  if (type === 'stat' || type === 'gauge' || type === 'bargauge' || type === 'singlestat') {
    return <StatLite frames={data.series} height={height} />;
  }
  return <CenteredMessage text={`Grafana core panel "${type}": not drawn by the preview host`} />;
}

function CenteredMessage({ text }: { text: string }) {
  const theme = useTheme2();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%', color: theme.colors.text.secondary, textAlign: 'center' }}>
      {text}
    </div>
  );
}

function numberFields(frames: DataFrame[]): Array<{ frame: DataFrame; field: Field }> {
  return frames.flatMap((frame) => frame.fields.filter((f) => f.type === FieldType.number).map((field) => ({ frame, field })));
}

function StatLite({ frames, height }: { frames: DataFrame[]; height: number }) {
  const theme = useTheme2();
  const items = numberFields(frames).slice(0, 6);
  const size = Math.max(14, Math.min(48, height / (items.length + 1)));
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center', justifyContent: 'center', height: '100%' }}>
      {items.map(({ frame, field }, i) => {
        const values = field.values;
        let last: number | null = null;
        for (let j = values.length - 1; j >= 0; j--) {
          if (values[j] !== null && values[j] !== undefined && !Number.isNaN(values[j])) {
            last = values[j];
            break;
          }
        }
        const display = field.display?.(last);
        return (
          <div key={i} style={{ textAlign: 'center' }}>
            <div style={{ fontSize: size, fontWeight: 500, color: display?.color ?? theme.colors.text.primary }}>
              {display ? formattedValueToString(display) : String(last)}
            </div>
            {items.length > 1 && <div style={{ color: theme.colors.text.secondary }}>{getFieldDisplayName(field, frame, frames)}</div>}
          </div>
        );
      })}
    </div>
  );
}

function seriesColor(theme: GrafanaTheme2, field: Field, index: number): string {
  const fixed = field.config.color?.fixedColor;
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(fixed ?? palette[index % palette.length]);
}

function TimeSeriesLite({ frames, width, height, data }: { frames: DataFrame[]; width: number; height: number; data: PanelData }) {
  const theme = useTheme2();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    const timeSeries = frames.filter((f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number));
    if (!element || timeSeries.length === 0) {
      return;
    }
    const joined = timeSeries.length === 1 ? timeSeries[0] : outerJoinDataFrames({ frames: timeSeries });
    if (!joined) {
      return;
    }
    const time = joined.fields.find((f) => f.type === FieldType.time)!;
    const values = joined.fields.filter((f) => f.type === FieldType.number);
    const axis = { stroke: theme.colors.text.secondary, grid: { stroke: theme.colors.border.weak, width: 1 }, ticks: { show: false } };
    const plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: true, points: { show: false } },
        scales: { x: { time: true, range: [data.timeRange.from.valueOf() / 1000, data.timeRange.to.valueOf() / 1000] } },
        axes: [axis, { ...axis, size: 80, values: (_u, ticks) => ticks.map((v) => (values[0]?.display ? formattedValueToString(values[0].display(v)) : String(v))) }],
        series: [
          {},
          ...values.map((field, i) => ({
            label: getFieldDisplayName(field, joined, frames),
            stroke: seriesColor(theme, field, i),
            width: 1,
            spanGaps: false,
          })),
        ],
      },
      [time.values.map((t: number) => t / 1000), ...values.map((f) => f.values as Array<number | null>)],
      element
    );
    return () => plot.destroy();
  }, [frames, width, height, theme, data.timeRange]);
  return <div ref={ref} />;
}
