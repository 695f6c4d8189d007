import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { CostPerRequestPanel } from './CostPerRequestPanel';
import { buildCostPerRequestOptions } from './options';
import { CostPerRequestOptions } from './types';

// Unit (the currency), decimals and a fixed colour per component (a dashboard's override, so the
// components keep the colours they have on every other panel) come from the standard field
// options; the rest do not apply. A disabled option's overrides never reach the panel.
export const plugin = new PanelPlugin<CostPerRequestOptions>(CostPerRequestPanel).setPanelOptions(buildCostPerRequestOptions).useFieldConfig({
  disableStandardOptions: [
    FieldConfigProperty.Links,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Thresholds,
    FieldConfigProperty.Min,
    FieldConfigProperty.Max,
    FieldConfigProperty.NoValue,
  ],
});
