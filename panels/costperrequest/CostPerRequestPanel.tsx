import React from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { CostPerRequestOptions } from './types';

export function CostPerRequestPanel({ data, id, fieldConfig }: PanelProps<CostPerRequestOptions>) {
  return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsNumberField />;
}
