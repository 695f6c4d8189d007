import { PanelPlugin } from '@grafana/data';
import { buildScalingTimelineOptions } from './options';
import { ScalingTimelinePanel } from './ScalingTimelinePanel';
import { ScalingTimelineOptions } from './types';

export const plugin = new PanelPlugin<ScalingTimelineOptions>(ScalingTimelinePanel).setPanelOptions(
  buildScalingTimelineOptions
);
