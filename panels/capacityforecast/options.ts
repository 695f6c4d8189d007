import { PanelOptionsEditorBuilder } from '@grafana/data';
import { choices } from '../../ui/choices';
import { CapacityForecastOptions, defaultCapacityForecastOptions as d } from './types';

export function buildCapacityForecastOptions(builder: PanelOptionsEditorBuilder<CapacityForecastOptions>) {
  return builder
    .addTextInput({ path: 'horizon', name: 'Horizon', description: 'For example 7d or 12h.', defaultValue: d.horizon })
    .addTextInput({
      path: 'season',
      name: 'Season',
      description: 'auto, none, or a season length in seconds.',
      defaultValue: d.season,
    })
    .addRadio({
      path: 'intervalPercent',
      name: 'Prediction interval',
      defaultValue: d.intervalPercent,
      settings: choices([80, '80 %'], [95, '95 %']),
    })
    .addRadio({
      path: 'capacitySource',
      name: 'Capacity from',
      category: ['Capacity'],
      defaultValue: d.capacitySource,
      settings: choices(['fixed', 'Fixed value'], ['query', 'A query']),
    })
    .addNumberInput({
      path: 'capacity',
      name: 'Capacity',
      category: ['Capacity'],
      defaultValue: d.capacity,
      showIf: (options) => options.capacitySource === 'fixed',
    })
    .addTextInput({
      path: 'capacityRefId',
      name: 'Capacity query',
      description: 'refId of the query that returns the capacity (for example replicas x per-replica capacity).',
      category: ['Capacity'],
      defaultValue: d.capacityRefId,
      showIf: (options) => options.capacitySource === 'query',
    })
    .addNumberInput({
      path: 'growthPercentPerYear',
      name: 'Growth scenario (%/year)',
      description: 'Extra growth applied on top of the forecast; 0 for none.',
      defaultValue: d.growthPercentPerYear,
    })
    .addTextInput({
      path: 'growthScenarios',
      name: 'Growth scenarios (%/year)',
      description: 'Further growth rates drawn as lines beside the forecast, with when each reaches the capacity, for example 0, 50, 100. Empty for none.',
      defaultValue: d.growthScenarios,
    });
}
