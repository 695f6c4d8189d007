import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { CapacityForecastPanel } from './CapacityForecastPanel';
import { buildCapacityForecastOptions } from './options';
import { CapacityForecastOptions } from './types';

export const plugin = new PanelPlugin<CapacityForecastOptions>(CapacityForecastPanel)
  .setPanelOptions(buildCapacityForecastOptions)
  .useFieldConfig({
    disableStandardOptions: [FieldConfigProperty.Color, FieldConfigProperty.Links, FieldConfigProperty.Mappings, FieldConfigProperty.Thresholds],
  });
