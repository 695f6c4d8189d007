// The browser test harness' shared types and constants (harness.ts gathers the API).
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export type Theme = 'light' | 'dark';
export const themes: Theme[] = ['dark', 'light'];

/** A query that returns no series on any Prometheus. */
export const EMPTY_QUERY = { refId: 'A', expr: 'headroom_preview_no_such_metric{job="none"}' };
/** A query Prometheus rejects with HTTP 400 (bad_data: parse error). */
export const FAILING_QUERY = { refId: 'A', expr: 'sum(' };

/** What the page's window.__preview reports (the host's own types, read through page.evaluate). */
export type { FrameSummary, PanelSummary } from '../host/app/previewApi';

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'http' | 'requestfailed';
  text: string;
  url?: string;
}

export interface OpenOptions {
  theme?: Theme;
  from?: string;
  to?: string;
  /** Viewport; default 1280x800 (solo panels: the panel size). */
  viewport?: { width: number; height: number };
  /** Extra URL parameters (e.g. var-cluster, refresh). */
  params?: Record<string, string>;
}

export interface OpenPanelOptions extends OpenOptions {
  /** Plugin id, e.g. headroom-latency-panel (or a Grafana core type such as timeseries). */
  type: string;
  /** Prometheus-style targets; refIds default to A, B, ... Default: no query at all. */
  targets?: Array<Record<string, unknown>>;
  /** Data source uid: 'prometheus' (default) or 'headroom-cost'. */
  datasource?: string;
  options?: Record<string, unknown>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
  title?: string;
  width?: number;
  height?: number;
  /** Wait for the panel to finish (default true). */
  wait?: boolean;
}

export interface InkStats {
  /** Pixels that differ from the dominant (background) colour by more than a small tolerance. */
  pixels: number;
  total: number;
  ratio: number;
  /** Distinct colours (quantised), a rough measure of how much is drawn. */
  colors: number;
}
