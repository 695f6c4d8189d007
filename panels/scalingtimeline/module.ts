import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { buildScalingTimelineOptions } from './options';
import { ScalingTimelinePanel } from './ScalingTimelinePanel';
import { ScalingTimelineOptions } from './types';

export const plugin = new PanelPlugin<ScalingTimelineOptions>(ScalingTimelinePanel)
  .setPanelOptions(buildScalingTimelineOptions)
  .useFieldConfig({
    disableStandardOptions: [FieldConfigProperty.Color, FieldConfigProperty.Links, FieldConfigProperty.Mappings, FieldConfigProperty.Thresholds, FieldConfigProperty.Unit],
  });
