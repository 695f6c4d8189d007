import { applyFieldOverrides, createTheme, FieldType, toDataFrame } from '@grafana/data';
import { initRegistries } from '../../preview/host/registries';
import { plugin } from './module';

// Grafana fills the standard field options at boot; the preview host does it as Grafana does.
beforeAll(() => initRegistries());

// A dashboard's fixed colour per component (the mixin's byRegexp overrides) must reach the panel:
// Grafana drops the overrides of a standard option the plugin disables.
test('a fixed colour override of the dashboard reaches the cost fields', () => {
  const frame = toDataFrame({
    name: 'compute t3.large',
    fields: [
      { name: 'time', type: FieldType.time, values: [0, 60_000] },
      { name: 'cost', type: FieldType.number, values: [1, 2], config: { displayNameFromDS: 'compute t3.large' }, labels: { component: 'compute' } },
    ],
  });
  const [out] = applyFieldOverrides({
    data: [frame],
    fieldConfig: {
      defaults: {},
      overrides: [{ matcher: { id: 'byRegexp', options: '/^compute\\b/' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'blue' } }] }],
    },
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables: (v: string) => v,
    theme: createTheme(),
  });
  expect(out.fields[1].config.color).toEqual({ mode: 'fixed', fixedColor: 'blue' });
});
