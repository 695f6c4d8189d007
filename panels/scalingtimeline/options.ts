import { PanelOptionsEditorBuilder } from '@grafana/data';
import { defaultScalingTimelineOptions as d, ScalingTimelineOptions } from './types';

const roles: Array<[keyof ScalingTimelineOptions, string]> = [
  ['currentMatcher', 'Current replicas'],
  ['desiredMatcher', 'Desired replicas'],
  ['minMatcher', 'Min replicas'],
  ['maxMatcher', 'Max replicas'],
  ['utilisationMatcher', 'Utilisation'],
  ['targetMatcher', 'Utilisation target'],
];

export function buildScalingTimelineOptions(builder: PanelOptionsEditorBuilder<ScalingTimelineOptions>) {
  for (const [path, name] of roles) {
    builder.addTextInput({
      path,
      name,
      description: 'Regular expression matched against the series name and labels.',
      category: ['Series roles'],
      defaultValue: String(d[path]),
    });
  }
  return builder
    .addTextInput({
      path: 'workloadLabel',
      name: 'Workload label',
      category: ['Series roles'],
      defaultValue: d.workloadLabel,
    })
    .addNumberInput({ path: 'cooldownSeconds', name: 'Cooldown (s)', defaultValue: d.cooldownSeconds, settings: { min: 0 } })
    .addNumberInput({
      path: 'flapWindowSeconds',
      name: 'Flap window (s)',
      description: 'Direction changes within this window count as flapping.',
      defaultValue: d.flapWindowSeconds,
      settings: { min: 0 },
    })
    .addNumberInput({ path: 'maxRows', name: 'Max workloads', defaultValue: d.maxRows, settings: { min: 1, max: 500 } });
}
