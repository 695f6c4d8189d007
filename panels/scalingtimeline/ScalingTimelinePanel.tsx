import React from 'react';
import { PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { ScalingTimelineOptions } from './types';

export function ScalingTimelinePanel({ data, id, fieldConfig }: PanelProps<ScalingTimelineOptions>) {
  return <PanelDataErrorView panelId={id} fieldConfig={fieldConfig} data={data} needsNumberField needsTimeField />;
}
