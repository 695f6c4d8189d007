// One panel as Grafana renders it: Grafana's PanelChrome (title, error status with the query error
// as its tooltip, loading bar), the plugin from its real bundle, options and field config merged
// with the plugin's defaults (getPanelOptionsWithDefaults), the panel's migration handler, query
// results through the query runner and applyFieldOverrides, full PanelProps, and an error
// boundary that shows a crashing panel the way Grafana does.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  AbsoluteTimeRange,
  applyFieldOverrides,
  compareArrayValues,
  compareDataFrameStructures,
  CoreApp,
  DashboardCursorSync,
  EventBus,
  FieldConfigSource,
  InterpolateFunction,
  LoadingState,
  PanelData,
  PanelPlugin,
  PanelPluginMeta,
  ScopedVars,
  TimeRange,
} from '@grafana/data';
import { config, getTemplateSrv } from '@grafana/runtime';
import { Alert, ErrorBoundaryAlert, PanelChrome, PanelContextProvider, useTheme2 } from '@grafana/ui';
import { importPlugin } from '../loader';
import { CorePanel, isCorePanel } from '../corePanels/CorePanel';
import { coreFieldConfig, coreFieldConfigRegistry, fixThresholds } from '../corePanels/fieldConfigRegistry';
import { mergeOptions, PanelModel, PanelPhase, PanelStore } from './model';
import { applyTimeFrom } from './timeFrom';
import { runPanelQuery } from './queryRunner';

interface Props {
  panel: PanelModel;
  store: PanelStore;
  timeRange: TimeRange;
  width: number;
  height: number;
  refreshCounter: number;
  eventBus: EventBus;
  dashboardUID?: string;
  onChangeTimeRange: (range: AbsoluteTimeRange) => void;
}

type PluginState = { plugin?: PanelPlugin; error?: Error };

/** Grafana's getPanelOptionsWithDefaults: plugin defaults under the saved options and field config. */
export function withDefaults(plugin: PanelPlugin, options: unknown, fieldConfig: FieldConfigSource | undefined) {
  const mergedOptions = mergeOptions(structuredClone(plugin.defaults ?? {}), options ?? {}) as Record<string, unknown>;
  const pluginDefaults = plugin.fieldConfigDefaults;
  const defaults = mergeOptions(structuredClone(pluginDefaults.defaults ?? {}), fieldConfig?.defaults ?? {});
  fixThresholds(defaults.thresholds);
  const registry = plugin.fieldConfigRegistry;
  const overrides = (fieldConfig?.overrides ?? []).map((o) => ({
    ...o,
    properties: o.properties.filter((p) => registry.getIfExists(p.id) !== undefined),
  }));
  return { options: mergedOptions, fieldConfig: { defaults, overrides } as FieldConfigSource };
}

export function PanelView({ panel, store, timeRange: dashboardRange, width, height, refreshCounter, eventBus, dashboardUID, onChangeTimeRange }: Props) {
  // A panel with its own relative time range (timeFrom) queries and draws that range.
  const timeRange = useMemo(() => applyTimeFrom(dashboardRange, panel.timeFrom), [dashboardRange, panel.timeFrom]);
  const theme = useTheme2();
  const meta = (config.panels as Record<string, PanelPluginMeta | undefined>)[panel.type];
  const core = !meta && isCorePanel(panel.type);
  const [pluginState, setPluginState] = useState<PluginState>({});
  const structureRev = useRef(0);
  const renderCounter = useRef(0);

  // The plugin, from its bundle; then the panel's migration handler, as Grafana runs it on load.
  useEffect(() => {
    if (!meta) {
      return;
    }
    let cancelled = false;
    importPlugin(meta)
      .then(async (loaded) => {
        const plugin = loaded as PanelPlugin;
        if (plugin.onPanelMigration && panel.pluginVersion !== meta.info.version) {
          const migrated = await plugin.onPanelMigration({
            id: panel.id,
            type: panel.type,
            title: panel.title,
            options: panel.options ?? {},
            fieldConfig: panel.fieldConfig ?? { defaults: {}, overrides: [] },
            pluginVersion: panel.pluginVersion,
            targets: panel.targets,
          });
          if (!cancelled) {
            store.updatePanel(panel.id, (p) => ({ ...p, options: migrated, pluginVersion: meta.info.version }));
          }
        }
        if (!cancelled) {
          setPluginState({ plugin });
        }
      })
      .catch((error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        console.error(`Error loading panel plugin ${panel.type}: ${err.message}`);
        if (!cancelled) {
          setPluginState({ error: err });
        }
      });
    return () => {
      cancelled = true;
    };
    // The migration runs once per load, like Grafana's; later option changes do not re-run it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meta]);

  const plugin = pluginState.plugin;
  const skipQuery = plugin?.meta?.skipDataQuery;

  // Queries: on load, time range change, refresh, target change. Not on resize (like Grafana).
  const widthRef = useRef(width);
  widthRef.current = width;
  const queryModel = useMemo(
    () => ({
      id: panel.id,
      datasource: panel.datasource,
      targets: panel.targets,
      maxDataPoints: panel.maxDataPoints,
      interval: panel.interval,
      transformations: panel.transformations,
    }),
    [panel.id, panel.datasource, panel.targets, panel.maxDataPoints, panel.interval, panel.transformations]
  );
  const readyToQuery = core || Boolean(plugin);
  // Each change of what the query depends on is a new query: until its result is in, the panel is
  // loading (it keeps showing the previous data, like Grafana), never "done" with stale data.
  const queryKey = useMemo(
    () => ({ queryModel, timeRange, refreshCounter, dashboardUID, readyToQuery, skipQuery }),
    [queryModel, timeRange, refreshCounter, dashboardUID, readyToQuery, skipQuery]
  );
  const [result, setResult] = useState<{ key: object; data: PanelData } | undefined>();
  useEffect(() => {
    if (!queryKey.readyToQuery) {
      return;
    }
    if (queryKey.skipQuery) {
      setResult({ key: queryKey, data: { state: LoadingState.Done, series: [], timeRange: queryKey.timeRange } });
      return;
    }
    let cancelled = false;
    runPanelQuery(queryKey.queryModel, queryKey.timeRange, widthRef.current, queryKey.dashboardUID).then((data) => {
      if (!cancelled) {
        setResult({ key: queryKey, data });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [queryKey]);
  const current = result?.key === queryKey;
  const data = useMemo<PanelData | undefined>(
    () => (result ? (current ? result.data : { ...result.data, state: LoadingState.Loading }) : undefined),
    [result, current]
  );

  const { options, fieldConfig } = useMemo(
    () =>
      plugin
        ? withDefaults(plugin, panel.options, panel.fieldConfig)
        : { options: panel.options ?? {}, fieldConfig: coreFieldConfig(panel.fieldConfig, panel.type) },
    [plugin, panel.options, panel.fieldConfig, panel.type]
  );

  const scopedVars = useMemo<ScopedVars>(() => ({ __panel: { text: panel.title ?? '', value: panel } }), [panel]);
  const replaceVariables = useCallback<InterpolateFunction>(
    (value, extra, format) => getTemplateSrv().replace(value, { ...scopedVars, ...extra }, format),
    [scopedVars]
  );

  // Field config (defaults + overrides) applied as PanelQueryRunner does with withFieldConfig.
  const processed = useMemo<PanelData | undefined>(() => {
    if (!data) {
      return undefined;
    }
    const registry = plugin ? plugin.fieldConfigRegistry : coreFieldConfigRegistry(fieldConfig);
    const series = applyFieldOverrides({
      data: data.series,
      fieldConfig,
      fieldConfigRegistry: registry,
      replaceVariables,
      theme,
      timeZone: 'browser',
    });
    return { ...data, series };
  }, [data, plugin, fieldConfig, replaceVariables, theme]);

  const previousSeries = useRef(processed?.series);
  if (processed && previousSeries.current !== processed.series) {
    if (!previousSeries.current || !compareArrayValues(previousSeries.current, processed.series, compareDataFrameStructures)) {
      structureRev.current += 1;
    }
    previousSeries.current = processed.series;
  }
  const withRev = useMemo(
    () => (processed ? { ...processed, structureRev: structureRev.current } : undefined),
    // structureRev changes only together with processed.
    [processed]
  );

  const onOptionsChange = useCallback(
    (next: Record<string, unknown>) => store.updatePanel(panel.id, (p) => ({ ...p, options: next })),
    [store, panel.id]
  );
  const onFieldConfigChange = useCallback(
    (next: FieldConfigSource) => store.updatePanel(panel.id, (p) => ({ ...p, fieldConfig: next })),
    [store, panel.id]
  );

  let phase: PanelPhase;
  let errors: string[] = [];
  if (pluginState.error) {
    phase = 'plugin-error';
    errors = [pluginState.error.message];
  } else if (!core && meta && !plugin) {
    phase = 'loading-plugin';
  } else if (!withRev || withRev.state === LoadingState.Loading) {
    phase = 'loading';
  } else {
    errors = (withRev.errors ?? (withRev.error ? [withRev.error] : [])).map((e) => e.message ?? 'Query error');
    phase = errors.length ? 'error' : 'done';
  }
  renderCounter.current += 1;
  store.setStatus(panel.id, { phase, errors, data: withRev, renderCount: renderCounter.current });

  const title = replaceVariables(panel.title ?? '');
  const panelContext = useMemo(
    () => ({ eventsScope: 'global', eventBus, app: CoreApp.Dashboard, sync: () => DashboardCursorSync.Off }),
    [eventBus]
  );

  return (
    <div
      data-testid="preview-panel"
      data-panel-id={panel.id}
      data-panel-type={panel.type}
      data-panel-state={phase}
      style={{ width, height }}
    >
      <PanelChrome
        title={title}
        description={panel.description}
        width={width}
        height={height}
        displayMode={panel.transparent ? 'transparent' : 'default'}
        hoverHeader={!title}
        loadingState={phase === 'loading' || phase === 'loading-plugin' ? LoadingState.Loading : undefined}
        statusMessage={errors.length ? errors.join('\n') : undefined}
      >
        {(innerWidth, innerHeight) => {
          if (pluginState.error) {
            return (
              <Alert severity="error" title={`Error loading panel plugin: ${panel.type}`}>
                {pluginState.error.message}
              </Alert>
            );
          }
          if (!meta && !core) {
            return (
              <Alert severity="error" title={`Panel plugin not found: ${panel.type}`}>
                The preview knows Headroom&apos;s plugins and a few Grafana core panels.
              </Alert>
            );
          }
          if (!withRev) {
            return null;
          }
          if (core) {
            return (
              <ErrorBoundaryAlert title={`Panel ${panel.type} crashed`} style="alertbox" dependencies={[withRev]}>
                <CorePanel
                  type={panel.type}
                  options={options}
                  fieldConfig={fieldConfig}
                  data={withRev}
                  width={innerWidth}
                  height={innerHeight}
                  timeRange={withRev.timeRange}
                  replaceVariables={replaceVariables}
                />
              </ErrorBoundaryAlert>
            );
          }
          if (!plugin?.panel) {
            return null;
          }
          const Panel = plugin.panel;
          return (
            <PanelContextProvider value={panelContext as never}>
              <ErrorBoundaryAlert title={`Panel ${panel.type} crashed`} style="alertbox" dependencies={[plugin, withRev]}>
                <Panel
                  id={panel.id}
                  data={withRev}
                  timeRange={withRev.timeRange}
                  timeZone="browser"
                  options={options}
                  fieldConfig={fieldConfig}
                  transparent={Boolean(panel.transparent)}
                  width={innerWidth}
                  height={innerHeight}
                  renderCounter={renderCounter.current}
                  title={title}
                  eventBus={eventBus}
                  onOptionsChange={onOptionsChange}
                  onFieldConfigChange={onFieldConfigChange}
                  replaceVariables={replaceVariables}
                  onChangeTimeRange={onChangeTimeRange}
                />
              </ErrorBoundaryAlert>
            </PanelContextProvider>
          );
        }}
      </PanelChrome>
    </div>
  );
}
