// Grafana fills @grafana/data's registries at boot from app code (OptionsUI/registry.tsx and the
// transformers list). Plugins depend on them: PanelOptionsEditorBuilder looks up the standard
// editors by id, plugin.fieldConfigDefaults and applyFieldOverrides read the standard field config
// properties (unit, min, max, decimals, thresholds, mappings, ...) with Grafana's defaults and
// processors. The preview has no options pane, so the editors are placeholders.
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldConfigPropertyItem,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  StandardEditorsRegistryItem,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  TransformerRegistryItem,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

const NoEditor = () => null;

const editorIds = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'multiSelect',
  'strings',
  'timezone',
  'color',
  'unit',
  'fieldColor',
  'links',
  'mappings',
  'thresholds',
  'fieldName',
  'dashboardPicker',
  'stats-picker',
];

function standardFieldConfigs(): FieldConfigPropertyItem[] {
  const category = ['Standard options'];
  const item = (
    id: string,
    process: FieldConfigPropertyItem['process'],
    shouldApply: FieldConfigPropertyItem['shouldApply'],
    extra: Partial<FieldConfigPropertyItem> = {}
  ): FieldConfigPropertyItem => ({
    id,
    path: id,
    name: id,
    editor: NoEditor,
    override: NoEditor,
    process,
    shouldApply,
    category,
    ...extra,
  });
  const always = () => true;
  const numeric = (field: { type: FieldType }) => field.type === FieldType.number;
  return [
    item('unit', stringOverrideProcessor, always),
    item('min', numberOverrideProcessor, numeric),
    item('max', numberOverrideProcessor, numeric),
    item('fieldMinMax', booleanOverrideProcessor, numeric),
    item('decimals', numberOverrideProcessor, numeric),
    item('displayName', displayNameOverrideProcessor, always),
    item('color', identityOverrideProcessor, always),
    item('noValue', stringOverrideProcessor, always),
    item('links', dataLinksOverrideProcessor, always),
    item('mappings', valueMappingsOverrideProcessor, (field) => field.type !== FieldType.time, { defaultValue: [] }),
    item('thresholds', thresholdsOverrideProcessor, always, {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
    }),
    item('filterable', booleanOverrideProcessor, always),
  ];
}

let initialized = false;

export function initRegistries(): void {
  if (initialized) {
    return;
  }
  initialized = true;
  standardEditorsRegistry.setInit(() =>
    editorIds.map((id): StandardEditorsRegistryItem => ({ id, name: id, editor: NoEditor }))
  );
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigs);
  // Some transformers are listed under two names (e.g. joinByField): one registry entry per id.
  const transformers = [...new Map(Object.values(standardTransformers).map((t) => [t.id, t])).values()];
  standardTransformersRegistry.setInit(() =>
    transformers.map(
      (transformation): TransformerRegistryItem => ({
        id: transformation.id,
        name: transformation.name,
        description: transformation.description,
        transformation,
        editor: NoEditor,
        imageDark: '',
        imageLight: '',
      })
    )
  );
}
