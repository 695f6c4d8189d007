import { PanelOptionsEditorBuilder } from '@grafana/data';
import { choices } from '../../ui/choices';
import { CostPerRequestOptions, defaultCostPerRequestOptions } from './types';

export function buildCostPerRequestOptions(builder: PanelOptionsEditorBuilder<CostPerRequestOptions>) {
  return builder
    .addRadio({
      path: 'perRequests',
      name: 'Cost per',
      defaultValue: defaultCostPerRequestOptions.perRequests,
      settings: choices([1000, '1k requests'], [1000000, '1M requests']),
    })
    .addRadio({
      path: 'groupBy',
      name: 'Stack by',
      defaultValue: defaultCostPerRequestOptions.groupBy,
      settings: choices(['component', 'Component'], ['instance_type', 'Instance type']),
    })
    .addNumberInput({
      path: 'budget',
      name: 'Budget',
      description: 'Target cost per the chosen number of requests; 0 hides the budget line.',
      defaultValue: defaultCostPerRequestOptions.budget,
      settings: { min: 0 },
    })
    .addNumberInput({
      path: 'minRequests',
      name: 'Minimum requests',
      description: 'Fewer requests than this in the range or in a plotted point shows "not enough traffic" instead of a division by almost nothing.',
      defaultValue: defaultCostPerRequestOptions.minRequests,
      settings: { min: 0, integer: true },
    })
    .addBooleanSwitch({
      path: 'showPricingComparison',
      name: 'Pricing model comparison',
      description: 'On-demand vs reserved 1y / 3y vs spot mix for the same traffic.',
      defaultValue: defaultCostPerRequestOptions.showPricingComparison,
    });
}
