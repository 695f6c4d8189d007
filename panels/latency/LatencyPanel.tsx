import React from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { LatencyOptions } from './types';

export function LatencyPanel({ data, id, fieldConfig }: PanelProps<LatencyOptions>) {
  return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsNumberField />;
}
