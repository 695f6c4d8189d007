// The plugins the preview serves: the built ones in dist/, then the test fixtures (never shadowing
// dist), and the plugin meta Grafana's frontend settings carry for each.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../build';

export const distDir = path.join(repoRoot, 'dist');
export const fixturesDir = path.join(repoRoot, 'preview', 'fixtures');

export interface PluginJson {
  id: string;
  type: 'panel' | 'datasource' | 'app';
  name: string;
  info: { logos?: { small?: string; large?: string }; version?: string; [key: string]: unknown };
  routes?: Array<{ path: string; url?: string; headers?: Array<{ name: string; content: string }> }>;
  [key: string]: unknown;
}

export interface PluginEntry {
  json: PluginJson;
  dir: string;
  fixture: boolean;
}

/** Plugin folders by id: dist/ first, then preview/fixtures/plugins/. */
export function pluginDirs(): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const root of [distDir, path.join(fixturesDir, 'plugins')]) {
    if (!fs.existsSync(root)) {
      continue;
    }
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const file = path.join(root, entry.name, 'plugin.json');
      if (entry.isDirectory() && fs.existsSync(file) && !dirs.has(entry.name)) {
        dirs.set(entry.name, path.join(root, entry.name));
      }
    }
  }
  return dirs;
}

export function readPlugins(): Map<string, PluginEntry> {
  const plugins = new Map<string, PluginEntry>();
  for (const [id, dir] of pluginDirs()) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as PluginJson;
      plugins.set(json.id ?? id, { json, dir, fixture: dir.startsWith(fixturesDir) });
    } catch {
      // A half-written plugin.json (a build in progress) is skipped until the next request.
    }
  }
  return plugins;
}

/** The plugin meta Grafana's frontend settings carry for each plugin. */
export function pluginMeta(json: PluginJson, fixture: boolean): Record<string, unknown> {
  const baseUrl = `public/plugins/${json.id}`;
  const logo = (p?: string) => (p ? `${baseUrl}/${p}` : 'public/img/icn-app.svg');
  return {
    ...json,
    routes: undefined,
    baseUrl,
    module: `${baseUrl}/module.js`,
    info: { ...json.info, logos: { small: logo(json.info?.logos?.small), large: logo(json.info?.logos?.large) } },
    signature: 'unsigned',
    loadingStrategy: 'script',
    angular: { detected: false },
    hideFromList: fixture,
    sort: 100,
    fixture,
  };
}
