import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { CostPerRequestPanel } from './CostPerRequestPanel';
import { buildCostPerRequestOptions } from './options';
import { CostPerRequestOptions } from './types';

// Unit (the currency) and decimals come from the standard field options; the rest do not apply.
export const plugin = new PanelPlugin<CostPerRequestOptions>(CostPerRequestPanel).setPanelOptions(buildCostPerRequestOptions).useFieldConfig({
  disableStandardOptions: [
    FieldConfigProperty.Color,
    FieldConfigProperty.Links,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Thresholds,
    FieldConfigProperty.Min,
    FieldConfigProperty.Max,
    FieldConfigProperty.NoValue,
  ],
});
