// Loads plugin bundles the way Grafana does: SystemJS with its AMD extra, Grafana's shared modules
// registered under the 'package:' scheme and mapped from their bare names by an import map
// (Grafana's loader/utils.ts buildImportMap). A module.js that needs anything else fails loudly.
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import { AppPlugin, DataSourceApi, DataSourcePlugin, PanelPlugin, PluginMeta, PluginType } from '@grafana/data';
import { eagerModules, lazyModules, ModuleObject, sharedModuleNames } from './shared';

type Declare = (exportFn: (value: ModuleObject) => void) => { execute: () => void };
interface SystemJSLoader {
  import(id: string): Promise<ModuleObject>;
  set(id: string, module: ModuleObject): void;
  addImportMap(map: { imports: Record<string, string> }): void;
  resolve(id: string, parentUrl?: string): string;
  instantiate(url: string, parentUrl?: string, meta?: unknown): unknown;
}

const PREFIX = 'package:';

/** Thrown when a plugin bundle needs a module Grafana does not share with plugins. */
export class MissingSharedModuleError extends Error {
  constructor(
    readonly moduleName: string,
    readonly parentUrl: string | undefined
  ) {
    super(
      `${describeParent(parentUrl)} needs the module '${moduleName}', which Grafana does not provide to plugins. ` +
        `Bundle it into the plugin (Grafana shares only: ${sharedModuleNames.join(', ')}).`
    );
    this.name = 'MissingSharedModuleError';
  }
}

function describeParent(parentUrl: string | undefined): string {
  const match = parentUrl?.match(/\/public\/plugins\/([^/]+)\/(.+)$/);
  return match ? `Plugin ${match[1]} (${match[2]})` : (parentUrl ?? 'A module');
}

function getSystemJS(): SystemJSLoader {
  return (window as unknown as { System: SystemJSLoader }).System;
}

let installed = false;

/** Registers the shared modules and the resolve/instantiate hooks once. */
export function installLoader(): void {
  if (installed) {
    return;
  }
  installed = true;
  const System = getSystemJS();
  const proto = Object.getPrototypeOf(System) as SystemJSLoader;
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(eagerModules)) {
    System.set(`${PREFIX}${name}`, module);
    imports[name] = `${PREFIX}${name}`;
  }
  for (const name of Object.keys(lazyModules)) {
    imports[name] = `${PREFIX}${name}`;
  }
  System.addImportMap({ imports });

  const resolve = proto.resolve;
  proto.resolve = function (this: SystemJSLoader, id: string, parentUrl?: string) {
    try {
      return resolve.call(this, id, parentUrl);
    } catch {
      throw new MissingSharedModuleError(id, parentUrl);
    }
  };

  const instantiate = proto.instantiate;
  proto.instantiate = function (this: SystemJSLoader, url: string, parentUrl?: string, meta?: unknown) {
    if (!url.startsWith(PREFIX)) {
      return instantiate.call(this, url, parentUrl, meta);
    }
    const name = url.slice(PREFIX.length);
    const load = lazyModules[name];
    if (!load) {
      throw new MissingSharedModuleError(name, parentUrl);
    }
    return load().then((module): [string[], Declare] => [
      [],
      (exportFn) => ({ execute: () => exportFn(module) }),
    ]);
  };
}

export type GrafanaPlugin = PanelPlugin | DataSourcePlugin<DataSourceApi> | AppPlugin;

export function pluginKind(plugin: unknown): 'PanelPlugin' | 'DataSourcePlugin' | 'AppPlugin' | 'unknown' {
  if (plugin instanceof PanelPlugin) {
    return 'PanelPlugin';
  }
  if (plugin instanceof DataSourcePlugin) {
    return 'DataSourcePlugin';
  }
  return plugin instanceof AppPlugin ? 'AppPlugin' : 'unknown';
}

const cache = new Map<string, Promise<GrafanaPlugin>>();

/** Imports `public/plugins/<id>/module.js` and returns its `plugin` export, set up as Grafana does. */
export function importPlugin(meta: PluginMeta): Promise<GrafanaPlugin> {
  let loading = cache.get(meta.id);
  if (!loading) {
    loading = load(meta);
    cache.set(meta.id, loading);
  }
  return loading;
}

async function load(meta: PluginMeta): Promise<GrafanaPlugin> {
  installLoader();
  const exports = await getSystemJS().import(`/${meta.module}`);
  const plugin = exports.plugin as GrafanaPlugin | undefined;
  if (!plugin) {
    throw new Error(`Plugin ${meta.id}: module.js has no 'plugin' export (exports: ${Object.keys(exports).join(', ') || 'none'})`);
  }
  if (meta.type === PluginType.panel && !(plugin instanceof PanelPlugin)) {
    throw new Error(`Plugin ${meta.id}: 'plugin' is not a PanelPlugin from the shared @grafana/data`);
  }
  if (meta.type === PluginType.datasource && !(plugin instanceof DataSourcePlugin)) {
    throw new Error(`Plugin ${meta.id}: 'plugin' is not a DataSourcePlugin from the shared @grafana/data`);
  }
  if (meta.type === PluginType.app) {
    if (!(plugin instanceof AppPlugin)) {
      throw new Error(`Plugin ${meta.id}: 'plugin' is not an AppPlugin from the shared @grafana/data`);
    }
    plugin.init(meta);
  }
  plugin.meta = meta as never;
  return plugin;
}
