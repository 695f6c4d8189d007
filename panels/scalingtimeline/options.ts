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
  builder.addTextInput({
    path: 'queryRoles',
    name: 'Query roles',
    description:
      'Which query plays which role, e.g. "A=current, B=desired, C=min, D=max, E=utilisation, F=target". Wins over the name matchers below; needed when a query aggregates away the metric name.',
    category: ['Series roles'],
    defaultValue: d.queryRoles,
  });
  const matcherHelp = 'Regular expression matched against the series name or legend; empty uses the built-in names (kube-state-metrics, ASG, KEDA).';
  const unitHelp =
    ' Its scale comes from the Unit (Standard options, or the field\'s own): Percent (0.0-1.0) is shown ×100, Percent (0-100) as is; with no unit, a "_ratio" name or values up to 4× a percentage target are read as 0..1.';
  for (const [path, name] of roles) {
    builder.addTextInput({
      path,
      name,
      description: path === 'utilisationMatcher' ? matcherHelp + unitHelp : matcherHelp,
      category: ['Series roles'],
      defaultValue: String(d[path]),
    });
  }
  return builder
    .addTextInput({
      path: 'workloadLabel',
      name: 'Workload label',
      description: 'Label that names a workload; empty tries horizontalpodautoscaler, deployment, service, ...',
      category: ['Series roles'],
      defaultValue: d.workloadLabel,
    })
    .addNumberInput({
      path: 'scaleDownBelow',
      name: 'Scale-down threshold',
      description: 'The policy scales down below this utilisation (target units, e.g. 50 for 50 %); 0 explains scale-downs against the target.',
      defaultValue: d.scaleDownBelow,
      settings: { min: 0 },
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
