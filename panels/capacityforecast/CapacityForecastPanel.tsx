import React, { useMemo } from 'react';
import { PanelProps } from '@grafana/data';
import { PanelRefusal } from '../../ui/PanelRefusal';
import { ForecastView } from './components/ForecastView';
import { capacityForecast } from './model/runForecast';
import { CapacityForecastOptions } from './types';

export function CapacityForecastPanel(props: PanelProps<CapacityForecastOptions>) {
  const { data, fieldConfig, options, timeRange, timeZone, width, height } = props;
  const result = useMemo(() => capacityForecast(data.series, options), [data.series, options]);
  if ('message' in result) {
    return <PanelRefusal panel={props} message={result.message} />;
  }
  return (
    <ForecastView
      result={result}
      unit={fieldConfig.defaults.unit ?? result.inputs.unit}
      decimals={fieldConfig.defaults.decimals ?? undefined}
      horizon={options.horizon}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
    />
  );
}
