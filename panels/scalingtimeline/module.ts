import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { buildScalingTimelineOptions } from './options';
import { ScalingTimelinePanel } from './ScalingTimelinePanel';
import { ScalingTimelineOptions } from './types';

export const plugin = new PanelPlugin<ScalingTimelineOptions>(ScalingTimelinePanel)
  .setPanelOptions(buildScalingTimelineOptions)
  .useFieldConfig({
    // Unit stays: it tells the utilisation's scale ("percentunit" 0..1, "percent" 0..100), and
    // Grafana drops a disabled option from the dashboard's defaults and overrides.
    disableStandardOptions: [FieldConfigProperty.Color, FieldConfigProperty.Links, FieldConfigProperty.Mappings, FieldConfigProperty.Thresholds],
  });
