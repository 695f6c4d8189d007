// window.__preview: what browser tests use to drive and inspect the page without an options pane.
// Every return value is plain JSON (page.evaluate-friendly).
import { DataFrame, FieldConfigSource, getFieldDisplayName } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { importPlugin, pluginKind } from '../loader';
import { recordedRequests } from '../services/backendSrv';
import { sharedModuleNames } from '../shared';
import { previewSettings } from './previewSettings';
import { mergeOptions, PanelModel, PanelPhase, PanelStore } from './model';

export interface FrameSummary {
  refId?: string;
  name?: string;
  type?: string;
  executedQueryString?: string;
  length: number;
  fields: Array<{ name: string; type: string; displayName: string; labels?: Record<string, string>; first?: unknown; last?: unknown }>;
}

export interface PanelSummary {
  id: number;
  type: string;
  title: string;
  phase: PanelPhase | 'not-rendered';
  errors: string[];
  renderCount: number;
  frames: FrameSummary[];
}

export interface PreviewApi {
  /** The page kind: 'dashboard', 'panel', 'datasource', 'plugin', 'home'. */
  page: string;
  /** The `_n` URL parameter the page was opened with (in-app navigations of the test harness). */
  nav: string;
  panels(): PanelSummary[];
  panel(id: number): PanelSummary | undefined;
  /** Deep-merges into the panel's saved options (arrays replace), as onOptionsChange would. */
  setOptions(id: number, patch: Record<string, unknown>): void;
  setFieldConfig(id: number, fieldConfig: Partial<FieldConfigSource>): void;
  setTargets(id: number, targets: Array<Record<string, unknown>>): void;
  /** Any other change to the panel model (title, datasource, transformations, gridPos...). */
  updatePanel(id: number, patch: Partial<PanelModel>): void;
  /** Solo panel pages: the panel's size in px. Dashboards: gridPos w/h in grid units. */
  setSize(id: number, width: number, height: number): void;
  setTimeRange(from: string, to: string): void;
  refresh(): void;
  requests(): Array<{ method: string; url: string; status: number }>;
  /** The modules the loader provides to plugins. */
  sharedModules(): string[];
  /** Loads a plugin's module.js through the loader: its kind, or the load error's message. */
  loadPlugin(id: string): Promise<{ ok: boolean; kind?: string; error?: string }>;
}

function summarizeFrames(frames: DataFrame[] | undefined): FrameSummary[] {
  return (frames ?? []).map((frame) => ({
    refId: frame.refId,
    name: frame.name,
    type: frame.meta?.type,
    executedQueryString: frame.meta?.executedQueryString,
    length: frame.length,
    fields: frame.fields.map((field) => ({
      name: field.name,
      type: field.type,
      displayName: getFieldDisplayName(field, frame, frames),
      labels: field.labels,
      first: field.values[0],
      last: field.values[field.values.length - 1],
    })),
  }));
}

export function installPreviewApi(
  page: string,
  store: PanelStore | undefined,
  setSize?: (id: number, width: number, height: number) => void
): void {
  const requireStore = (): PanelStore => {
    if (!store) {
      throw new Error(`This page (${page}) has no panels`);
    }
    return store;
  };
  const summary = (panel: PanelModel): PanelSummary => {
    const status = requireStore().getStatus(panel.id);
    return {
      id: panel.id,
      type: panel.type,
      title: panel.title ?? '',
      phase: status?.phase ?? 'not-rendered',
      errors: status?.errors ?? [],
      renderCount: status?.renderCount ?? 0,
      frames: summarizeFrames(status?.data?.series),
    };
  };
  const api: PreviewApi = {
    page,
    nav: new URLSearchParams(window.location.search).get('_n') ?? '',
    panels: () => (store ? store.getPanels().filter((p) => p.type !== 'row').map(summary) : []),
    panel: (id) => {
      const panel = store?.getPanel(id);
      return panel ? summary(panel) : undefined;
    },
    setOptions: (id, patch) => requireStore().updatePanel(id, (p) => ({ ...p, options: mergeOptions(p.options ?? {}, patch) })),
    setFieldConfig: (id, fieldConfig) =>
      requireStore().updatePanel(id, (p) => ({
        ...p,
        fieldConfig: {
          defaults: mergeOptions(p.fieldConfig?.defaults ?? {}, fieldConfig.defaults ?? {}),
          overrides: fieldConfig.overrides ?? p.fieldConfig?.overrides ?? [],
        },
      })),
    setTargets: (id, targets) => requireStore().updatePanel(id, (p) => ({ ...p, targets: targets as PanelModel['targets'] })),
    updatePanel: (id, patch) => requireStore().updatePanel(id, (p) => ({ ...p, ...patch })),
    setSize: (id, width, height) => {
      if (setSize) {
        setSize(id, width, height);
      } else {
        requireStore().updatePanel(id, (p) => ({ ...p, gridPos: { ...p.gridPos, w: width, h: height } }));
      }
    },
    setTimeRange: (from, to) => locationService.partial({ from, to }),
    refresh: () => requireStore().refresh(),
    requests: () => recordedRequests.map((r) => ({ ...r })),
    sharedModules: () => [...sharedModuleNames],
    loadPlugin: async (id) => {
      const meta = previewSettings().plugins.find((p) => p.id === id);
      if (!meta) {
        return { ok: false, error: `Plugin not found: ${id}` };
      }
      try {
        return { ok: true, kind: pluginKind(await importPlugin(meta)) };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
  (window as unknown as { __preview: PreviewApi }).__preview = api;
}
