// The preview-specific part of the boot data (window.grafanaBootData.settings.preview).
import { PluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';

export interface PreviewSettings {
  prometheusUrl: string;
  alertmanagerUrl: string;
  alertmanagerUid: string;
  plugins: Array<PluginMeta & { fixture: boolean }>;
  dashboards: Array<{ uid: string; title: string; tags: string[]; url: string; fixture: boolean }>;
}

export function previewSettings(): PreviewSettings {
  return (config.bootData.settings as unknown as { preview: PreviewSettings }).preview;
}
