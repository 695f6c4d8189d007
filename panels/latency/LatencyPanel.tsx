import React, { useMemo } from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { LatencyView } from './components/LatencyView';
import { latencyModelFromFrames } from './model/fromFrames';
import { LatencyOptions } from './types';

export function LatencyPanel({ data, id, fieldConfig, options, timeRange, timeZone, width, height }: PanelProps<LatencyOptions>) {
  const result = useMemo(() => latencyModelFromFrames(data.series), [data.series]);
  if ('message' in result) {
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        message={result.message === 'No data' ? undefined : result.message}
        needsNumberField
      />
    );
  }
  return (
    <LatencyView
      model={result.model}
      options={options}
      fieldConfig={fieldConfig}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
    />
  );
}
