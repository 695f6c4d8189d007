import React, { useMemo } from 'react';
import { PanelProps } from '@grafana/data';
import { PanelRefusal } from '../../ui/PanelRefusal';
import { LatencyView } from './components/LatencyView';
import { latencyModelFromFrames } from './model/fromFrames';
import { LatencyOptions } from './types';

export function LatencyPanel(props: PanelProps<LatencyOptions>) {
  const { data, fieldConfig, options, timeRange, timeZone, width, height } = props;
  const result = useMemo(() => latencyModelFromFrames(data.series), [data.series]);
  if ('message' in result) {
    return <PanelRefusal panel={props} message={result.message} needsTimeField={false} />;
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
