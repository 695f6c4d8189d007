import { applyFieldOverrides, createDataFrame, createTheme, FieldType } from '@grafana/data';
import { initRegistries } from '../registries';
import { coreFieldConfig, coreFieldConfigRegistry, customOptionNames } from './fieldConfigRegistry';

// The standard options (unit, color, thresholds…), as the host fills them at start.
beforeAll(() => initRegistries());

describe('core panel field config', () => {
  const saved = {
    defaults: { custom: { lineWidth: 2 }, thresholds: { mode: 'absolute', steps: [{ value: null, color: 'green' }] } },
    overrides: [{ matcher: { id: 'byName', options: 'target' }, properties: [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }] }],
  } as never;

  it('carries the custom options and custom.* overrides to the fields, as the panel plugin would', () => {
    const fieldConfig = coreFieldConfig(saved, 'timeseries');
    expect(customOptionNames(fieldConfig)).toEqual(['lineStyle', 'lineWidth']);
    const frame = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [1] },
        { name: 'target', type: FieldType.number, values: [1] },
      ],
    });
    const [out] = applyFieldOverrides({
      data: [frame],
      fieldConfig,
      fieldConfigRegistry: coreFieldConfigRegistry(fieldConfig),
      replaceVariables: (s) => s,
      theme: createTheme(),
    });
    expect(out.fields[1].config.custom).toEqual({ lineWidth: 2, lineStyle: { fill: 'dash', dash: [10, 10] } });
    expect(out.fields[1].config.color).toEqual({ mode: 'palette-classic' });
  });

  it("fixes null threshold bases, fills the type's colour mode and Grafana's default thresholds, and leaves the saved copy alone", () => {
    expect(coreFieldConfig(saved, 'stat').defaults.thresholds!.steps[0].value).toBe(-Infinity);
    expect((saved as { defaults: { thresholds: { steps: Array<{ value: unknown }> } } }).defaults.thresholds.steps[0].value).toBeNull();
    const bare = coreFieldConfig(undefined, 'stat');
    expect(bare.defaults.color).toEqual({ mode: 'thresholds' });
    expect(bare.defaults.thresholds!.steps.map((s) => [s.value, s.color])).toEqual([
      [-Infinity, 'green'],
      [80, 'red'],
    ]);
  });
});
