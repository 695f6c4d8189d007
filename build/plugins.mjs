// Finds every plugin in the repository: a folder under panels/, datasources/ or app/ with a
// plugin.json and a module.ts(x). Adding a plugin is adding a folder; nothing here changes.
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const pluginParents = ['panels', 'datasources'];

function pluginAt(dir) {
  const manifestPath = path.join(dir, 'plugin.json');
  if (!fs.existsSync(manifestPath)) {
    return null;
  }
  const entry = ['module.tsx', 'module.ts'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!entry) {
    throw new Error(`${path.relative(repoRoot, dir)}: plugin.json without module.ts(x)`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  return { id: manifest.id, type: manifest.type, name: manifest.name, dir, entry, manifest };
}

/** Nested plugins (panels and data sources), in a stable order. */
export function listNestedPlugins() {
  return pluginParents
    .flatMap((parent) => {
      const parentDir = path.join(repoRoot, parent);
      if (!fs.existsSync(parentDir)) {
        return [];
      }
      return fs
        .readdirSync(parentDir)
        .sort()
        .map((name) => pluginAt(path.join(parentDir, name)))
        .filter(Boolean);
    });
}

/** The app plugin that nests all the others. */
export function appPlugin() {
  return pluginAt(path.join(repoRoot, 'app'));
}

export function listAllPlugins() {
  return [...listNestedPlugins(), appPlugin()].filter(Boolean);
}
