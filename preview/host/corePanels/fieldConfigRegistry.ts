// The field config registry of a Grafana core panel: the standard options (unit, decimals,
// thresholds, mappings, color…) plus the panel's custom options (drawStyle, lineStyle, fillOpacity…)
// as pass-through properties, so the panel's defaults.custom and its `custom.*` overrides reach the
// fields through applyFieldOverrides, as they do in Grafana (where each core panel declares them).
import { cloneDeep } from 'lodash';
import { FieldColorModeId, FieldConfigOptionsRegistry, FieldConfigSource, PanelPlugin, ThresholdsConfig, ThresholdsMode } from '@grafana/data';

const Nothing = () => null;

/** Custom option names used by the panel: defaults.custom keys and `custom.<name>` override ids. */
export function customOptionNames(fieldConfig: FieldConfigSource | undefined): string[] {
  const names = new Set(Object.keys(fieldConfig?.defaults?.custom ?? {}));
  for (const override of fieldConfig?.overrides ?? []) {
    for (const property of override.properties ?? []) {
      if (property.id.startsWith('custom.')) {
        names.add(property.id.slice('custom.'.length).split('.')[0]);
      }
    }
  }
  return [...names].sort();
}

const cache = new Map<string, FieldConfigOptionsRegistry>();

export function coreFieldConfigRegistry(fieldConfig: FieldConfigSource | undefined): FieldConfigOptionsRegistry {
  const names = customOptionNames(fieldConfig);
  const key = names.join(',');
  let registry = cache.get(key);
  if (!registry) {
    const plugin = new PanelPlugin(null).useFieldConfig({
      useCustomConfig: (builder) => {
        for (const name of names) {
          builder.addCustomEditor({ id: name, path: name, name, editor: Nothing, override: Nothing, process: (value) => value, shouldApply: () => true });
        }
      },
    });
    registry = plugin.fieldConfigRegistry;
    cache.set(key, registry);
  }
  return registry;
}

/** Threshold base values are null in JSON; Grafana turns them into -Infinity. */
export function fixThresholds(thresholds: ThresholdsConfig | undefined): void {
  const first = thresholds?.steps?.[0];
  if (first && (first.value === null || first.value === undefined)) {
    first.value = -Infinity;
  }
}

/** The colour mode each core panel declares as its default (Grafana's panel plugins), thresholds else. */
const defaultColorMode: Record<string, FieldColorModeId> = {
  timeseries: FieldColorModeId.PaletteClassic,
};

/**
 * A core panel's field config as Grafana loads it: a copy with the panel type's defaults where the
 * dashboard sets none (colour mode; Grafana's standard thresholds: green, red from 80) and the
 * threshold bases fixed.
 */
export function coreFieldConfig(fieldConfig: FieldConfigSource | undefined, type: string): FieldConfigSource {
  const copy = cloneDeep(fieldConfig ?? { defaults: {}, overrides: [] });
  copy.defaults = copy.defaults ?? {};
  copy.overrides = copy.overrides ?? [];
  copy.defaults.color = copy.defaults.color ?? { mode: defaultColorMode[type] ?? FieldColorModeId.Thresholds };
  copy.defaults.thresholds = copy.defaults.thresholds ?? {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: 'green' },
      { value: 80, color: 'red' },
    ],
  };
  fixThresholds(copy.defaults.thresholds);
  for (const override of copy.overrides) {
    for (const property of override.properties ?? []) {
      if (property.id === 'thresholds') {
        fixThresholds(property.value as ThresholdsConfig);
      }
    }
  }
  return copy;
}
