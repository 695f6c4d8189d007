// Dashboard and panel models (the parts of Grafana's JSON model the preview reads), the grid
// layout (collapsed rows expanded in place, like clicking them open in Grafana) and a tiny store
// the pages and the window.__preview API share.
import { useSyncExternalStore } from 'react';
import { DataQuery, DataSourceRef, DataTransformerConfig, FieldConfigSource, PanelData } from '@grafana/data';

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelModel {
  id: number;
  type: string;
  title?: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DataSourceRef | string | null;
  targets?: Array<DataQuery & Record<string, unknown>>;
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
  transformations?: DataTransformerConfig[];
  maxDataPoints?: number | null;
  interval?: string | null;
  /** The panel's own relative time range ("30d"), whatever the dashboard's (timeFrom.ts). */
  timeFrom?: string | null;
  transparent?: boolean;
  pluginVersion?: string;
  collapsed?: boolean;
  panels?: PanelModel[];
  repeat?: string;
}

export interface DashboardModel {
  uid: string;
  title: string;
  tags?: string[];
  panels?: PanelModel[];
  templating?: { list?: Array<Record<string, unknown>> };
  time?: { from: string; to: string };
  refresh?: string;
  links?: unknown[];
}

export const GRID_COLUMNS = 24;
export const GRID_CELL_HEIGHT = 30;
export const GRID_MARGIN = 8;

/** Flattens rows: a collapsed row's panels are placed right under it, the rest pushed down. */
export function layoutPanels(panels: PanelModel[] = []): PanelModel[] {
  const sorted = [...panels].sort((a, b) => a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x);
  const out: PanelModel[] = [];
  let shift = 0;
  for (const panel of sorted) {
    const y = panel.gridPos.y + shift;
    out.push({ ...panel, gridPos: { ...panel.gridPos, y } });
    if (panel.type === 'row' && panel.collapsed && panel.panels?.length) {
      const top = Math.min(...panel.panels.map((p) => p.gridPos.y));
      let bottom = 0;
      for (const child of panel.panels) {
        const childY = y + 1 + (child.gridPos.y - top);
        out.push({ ...child, gridPos: { ...child.gridPos, y: childY } });
        bottom = Math.max(bottom, childY + child.gridPos.h);
      }
      shift += bottom - (y + 1);
    }
  }
  return out;
}

export type PanelPhase = 'loading-plugin' | 'loading' | 'done' | 'error' | 'plugin-error';

export interface PanelStatus {
  phase: PanelPhase;
  /** Query errors (data.errors) or the plugin load error. */
  errors: string[];
  /** Frames given to the panel, after field config. */
  data?: PanelData;
  renderCount: number;
}

type Listener = () => void;

/** The panels on the page, their runtime status and a refresh counter. */
export class PanelStore {
  private panels: PanelModel[];
  private statuses = new Map<number, PanelStatus>();
  private listeners = new Set<Listener>();
  private version = 0;
  refreshCounter = 0;

  constructor(panels: PanelModel[]) {
    this.panels = panels;
  }

  getPanels = (): PanelModel[] => this.panels;
  getVersion = (): number => this.version;

  getPanel(id: number): PanelModel | undefined {
    return this.panels.find((p) => p.id === id);
  }

  updatePanel(id: number, update: (panel: PanelModel) => PanelModel): void {
    if (!this.getPanel(id)) {
      throw new Error(`No panel with id ${id} (ids: ${this.panels.map((p) => p.id).join(', ')})`);
    }
    this.panels = this.panels.map((p) => (p.id === id ? update(p) : p));
    this.emit();
  }

  setStatus(id: number, status: PanelStatus): void {
    this.statuses.set(id, status);
  }

  getStatus(id: number): PanelStatus | undefined {
    return this.statuses.get(id);
  }

  refresh(): void {
    this.refreshCounter += 1;
    this.emit();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    this.version += 1;
    this.listeners.forEach((l) => l());
  }
}

export function usePanels(store: PanelStore): PanelModel[] {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store.getPanels();
}

export function useRefreshCounter(store: PanelStore): number {
  useSyncExternalStore(store.subscribe, store.getVersion);
  return store.refreshCounter;
}

/** lodash-like deep merge where arrays replace (Grafana's options merge). */
export function mergeOptions<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) {
    return (patch === undefined ? base : patch) as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeOptions(out[key], value) : value;
  }
  return out as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
