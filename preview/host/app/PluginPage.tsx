// Loads one plugin's module.js through the loader and says what came out: the plugin class, or the
// load error (e.g. a module Grafana does not provide). App plugins also show their config pages.
import React, { useEffect, useState } from 'react';
import { AppPlugin, PluginMeta } from '@grafana/data';
import { Alert } from '@grafana/ui';
import { GrafanaPlugin, importPlugin, pluginKind as kind } from '../loader';
import { previewSettings } from './previewSettings';
import { installPreviewApi } from './previewApi';
import { Toolbar } from './Toolbar';

export function PluginPage({ id, onToggleTheme }: { id: string; onToggleTheme: () => void }) {
  const meta = previewSettings().plugins.find((p) => p.id === id) as PluginMeta | undefined;
  const [state, setState] = useState<{ plugin?: GrafanaPlugin; error?: string }>({});
  useEffect(() => installPreviewApi('plugin', undefined), []);
  useEffect(() => {
    if (!meta) {
      setState({ error: `Plugin not found: ${id}` });
      return;
    }
    importPlugin(meta).then(
      (plugin) => setState({ plugin }),
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        console.error(`Error loading plugin ${id}: ${message}`);
        setState({ error: message });
      }
    );
  }, [id, meta]);
  const app = state.plugin instanceof AppPlugin ? state.plugin : undefined;
  return (
    <>
      <Toolbar title={meta?.name ?? id} onToggleTheme={onToggleTheme} />
      <div style={{ padding: 24 }}>
        {state.error && (
          <div data-testid="preview-plugin-status" data-state="error">
            <Alert severity="error" title={`Error loading plugin: ${id}`}>
              {state.error}
            </Alert>
          </div>
        )}
        {state.plugin && (
          <div data-testid="preview-plugin-status" data-state="loaded" data-kind={kind(state.plugin)}>
            {id}: {kind(state.plugin)} loaded from public/plugins/{id}/module.js
          </div>
        )}
        {app?.configPages?.map((page) => (
          <section key={page.id} style={{ marginTop: 24 }}>
            <h2>{page.title}</h2>
            <page.body plugin={app} query={{}} />
          </section>
        ))}
      </div>
    </>
  );
}
