// Grafana's "stat" panel: the reduced values (getFieldDisplayValues with the panel's reduceOptions,
// sparklines when graphMode is area) repeated with @grafana/ui's VizRepeater and drawn with its
// BigValue, as Grafana's StatPanel does.
import React from 'react';
import { FieldDisplay, getDisplayValueAlignmentFactors, getFieldDisplayValues, ReduceDataOptions, ReducerID, VizOrientation } from '@grafana/data';
import { BigValue, BigValueColorMode, BigValueGraphMode, BigValueJustifyMode, BigValueTextMode, useTheme2, VizRepeater } from '@grafana/ui';
import { CorePanelProps } from './types';

interface StatOptions {
  reduceOptions?: ReduceDataOptions;
  colorMode?: BigValueColorMode;
  graphMode?: BigValueGraphMode;
  justifyMode?: BigValueJustifyMode;
  textMode?: BigValueTextMode;
  orientation?: VizOrientation;
  wideLayout?: boolean;
}

export function StatPanel({ options, fieldConfig, data, width, height, replaceVariables, timeRange }: CorePanelProps<StatOptions>) {
  const theme = useTheme2();
  const graphMode = options.graphMode ?? BigValueGraphMode.Area;
  const getValues = (): FieldDisplay[] =>
    getFieldDisplayValues({
      fieldConfig,
      reduceOptions: options.reduceOptions ?? { calcs: [ReducerID.lastNotNull], values: false },
      replaceVariables,
      theme,
      data: data.series,
      sparkline: graphMode !== BigValueGraphMode.None,
      timeZone: 'browser',
    });
  return (
    <VizRepeater
      getValues={getValues}
      getAlignmentFactors={getDisplayValueAlignmentFactors}
      renderValue={({ value, width: w, height: h, alignmentFactors, count }) => (
        <BigValue
          value={value.display}
          count={count}
          sparkline={value.sparkline ? { ...value.sparkline, timeRange } : undefined}
          colorMode={options.colorMode ?? BigValueColorMode.Value}
          graphMode={graphMode}
          justifyMode={options.justifyMode ?? BigValueJustifyMode.Auto}
          textMode={options.textMode ?? BigValueTextMode.Auto}
          alignmentFactors={alignmentFactors}
          width={w}
          height={h}
          theme={theme}
          disableWideLayout={options.wideLayout === false}
        />
      )}
      width={width}
      height={height}
      source={data}
      itemSpacing={3}
      renderCounter={0}
      autoGrid={true}
      orientation={options.orientation ?? VizOrientation.Auto}
    />
  );
}
