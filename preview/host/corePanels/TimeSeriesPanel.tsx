// Grafana's "timeseries" panel: @grafana/ui's TimeSeries (GraphNG + uPlot with Grafana's own config
// builder: units, axis soft min/max, thresholds as lines or areas, stacking, fill, line styles,
// fixed and palette colours) and its PlotLegend, fed the frames after applyFieldOverrides; the
// tooltip placed by @grafana/ui's TooltipPlugin2.
import React from 'react';
import { DecimalCount, Field, FieldType, formattedValueToString, getValueFormat, PanelData } from '@grafana/data';
import { LegendDisplayMode, TimeSeries, TooltipPlugin2, VizLegendOptions } from '@grafana/ui';
import { durationAxisIncrs } from './axisSteps';
import { TimeSeriesTooltip, TooltipOptions } from './TimeSeriesTooltip';
import { CorePanelProps } from './types';

interface TimeSeriesOptions {
  legend?: Partial<VizLegendOptions>;
  tooltip?: TooltipOptions;
}

// TooltipPlugin2's hover modes (a const enum of @grafana/ui, not importable as a value).
const HOVER_NEAREST_X_ONE_SERIES = 0;
const HOVER_NEAREST_X_ALL_SERIES = 1;

const defaultLegend: VizLegendOptions = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] };

/** Frames the graph can draw: a time field and at least one number field. */
export function graphableFrames(data: PanelData) {
  return data.series.filter((f) => f.length > 0 && f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number));
}

/**
 * Value axes in a time unit step by round durations (uPlot's decimal steps read "3.33 mins");
 * money axes under 1000 show the tick step's decimals ("$0.5", not the display processor's three
 * significant digits "$0.500"); above, the scaled "$1.25K" stays.
 */
function tweakAxis<T extends { incrs?: unknown; formatValue?: (v: number, decimals?: DecimalCount) => string }>(opts: T, field: Field): T {
  const unit = field.config.unit;
  const incrs = durationAxisIncrs(unit);
  if (incrs) {
    return { ...opts, incrs };
  }
  if (unit?.startsWith('currency') && field.config.decimals === undefined) {
    const format = getValueFormat(unit);
    return { ...opts, formatValue: (v: number, decimals?: DecimalCount) => formattedValueToString(format(v, Math.abs(v) < 1000 ? (decimals ?? 0) : undefined)) };
  }
  return opts;
}

export function TimeSeriesPanel({ options, data, width, height, timeRange }: CorePanelProps<TimeSeriesOptions>) {
  const frames = graphableFrames(data);
  const legend = { ...defaultLegend, ...options.legend };
  return (
    <TimeSeries
      frames={frames}
      structureRev={(data as { structureRev?: number }).structureRev}
      width={width}
      height={height}
      timeRange={timeRange}
      timeZone="browser"
      legend={legend}
      options={options}
      tweakAxis={tweakAxis}
    >
      {(config, alignedFrame) =>
        options.tooltip?.mode === 'none' ? null : (
          <TooltipPlugin2
            config={config}
            hoverMode={(options.tooltip?.mode === 'single' ? HOVER_NEAREST_X_ONE_SERIES : HOVER_NEAREST_X_ALL_SERIES) as never}
            render={(_u, dataIdxs, seriesIdx) => (
              <TimeSeriesTooltip frame={alignedFrame} dataIdxs={dataIdxs} seriesIdx={seriesIdx} options={options.tooltip ?? {}} />
            )}
          />
        )
      }
    </TimeSeries>
  );
}
