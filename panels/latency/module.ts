import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { LatencyPanel } from './LatencyPanel';
import { buildLatencyOptions } from './options';
import { LatencyOptions } from './types';

export const plugin = new PanelPlugin<LatencyOptions>(LatencyPanel)
  .setPanelOptions(buildLatencyOptions)
  .useFieldConfig({
    standardOptions: {
      [FieldConfigProperty.Unit]: { defaultValue: 's' },
    },
    disableStandardOptions: [FieldConfigProperty.Color, FieldConfigProperty.Links, FieldConfigProperty.Mappings],
  });
