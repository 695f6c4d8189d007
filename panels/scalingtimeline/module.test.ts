import { applyFieldOverrides, createTheme, FieldConfigSource } from '@grafana/data';
import { initRegistries } from '../../preview/host/registries';
import { plugin } from './module';
import { rawCpuFrames } from './testFrames';
import { scalingView } from './model/analysis';
import { defaultScalingTimelineOptions } from './types';

// Grafana fills the standard field options at boot; the preview host does it as Grafana does.
beforeAll(() => initRegistries());

/** The frames as Grafana hands them to the panel: the dashboard's unit applied through the plugin's registry. */
function asGrafanaGives(fieldConfig: FieldConfigSource, fieldUnit?: string) {
  return applyFieldOverrides({
    data: rawCpuFrames(fieldUnit),
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables: (v: string) => v,
    theme: createTheme(),
  });
}

function firstReason(frames: ReturnType<typeof asGrafanaGives>): string {
  const v = scalingView(frames, { ...defaultScalingTimelineOptions, queryRoles: 'E=utilisation' }, 240 * 30000);
  if ('message' in v) throw new Error(v.message);
  return v.analysis.workloads[0].analysis.events[0].reason.text;
}

// Grafana drops the defaults and overrides of a standard option the plugin disables: the unit
// must stay enabled for a dashboard's "percentunit" / "percent" to reach the utilisation (#20).
test('the dashboard\'s unit reaches the utilisation field and sets its scale', () => {
  const byDefault = asGrafanaGives({ defaults: { unit: 'percentunit' }, overrides: [] });
  expect(byDefault[5].fields[1].config.unit).toBe('percentunit');
  expect(firstReason(byDefault)).toBe('cpu 146 % > target 75 % for 2m30s');

  const overridden = asGrafanaGives({
    defaults: { unit: 'percentunit' },
    overrides: [{ matcher: { id: 'byFrameRefID', options: 'E' }, properties: [{ id: 'unit', value: 'percent' }] }],
  });
  expect(overridden[5].fields[1].config.unit).toBe('percent');
  expect(firstReason(overridden)).toBe('cpu 1 % < target 75 % for ≥30m');
});

test('the data source\'s own unit wins over the panel\'s default', () => {
  const frames = asGrafanaGives({ defaults: { unit: 'percentunit' }, overrides: [] }, 'percent');
  expect(frames[5].fields[1].config.unit).toBe('percent');
  expect(firstReason(frames)).toBe('cpu 1 % < target 75 % for ≥30m');
});
