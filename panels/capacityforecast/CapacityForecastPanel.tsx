import React, { useMemo } from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ForecastView } from './components/ForecastView';
import { capacityForecast } from './model/runForecast';
import { CapacityForecastOptions } from './types';

export function CapacityForecastPanel({ data, id, fieldConfig, options, timeRange, timeZone, width, height }: PanelProps<CapacityForecastOptions>) {
  const result = useMemo(() => capacityForecast(data.series, options), [data.series, options]);
  if ('message' in result) {
    return (
      <PanelDataErrorView
        panelId={id}
        fieldConfig={fieldConfig}
        data={data}
        message={result.message === 'No data' ? undefined : result.message}
        needsNumberField
        needsTimeField
      />
    );
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
