import React from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { CapacityForecastOptions } from './types';

export function CapacityForecastPanel({ data, id, fieldConfig }: PanelProps<CapacityForecastOptions>) {
  return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsNumberField needsTimeField />;
}
