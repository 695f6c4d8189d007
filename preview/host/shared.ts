// The modules Grafana's plugin loader shares with plugins, supplied from the pinned packages.
// Mirrors Grafana's public/app/features/plugins/loader/sharedDependencies.ts: the core ones are
// loaded eagerly, the rest on first use. build/grafana-externals.json is the list the build marks
// external; a name listed there but absent here fails the load loudly (see loader.ts).
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUI from '@grafana/ui';
import * as i18next from 'i18next';
import * as lodash from 'lodash';
import * as moment from 'moment';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { PanelDataErrorView } from './components/PanelDataErrorView';
import { lazyImports } from './lazyModules.js';

export type ModuleObject = Record<string | symbol, unknown>;

/**
 * A module object with live getters (so `setLocationService` & co. stay visible to plugins) and
 * Symbol.toStringTag 'Module', which makes SystemJS hand it to AMD plugins as is.
 */
export function liveModule(ns: object, overrides: ModuleObject = {}): ModuleObject {
  const out: ModuleObject = {};
  const source = ns as ModuleObject;
  for (const key of Object.keys(ns)) {
    if (key in overrides) {
      continue;
    }
    Object.defineProperty(out, key, { enumerable: true, get: () => source[key] });
  }
  for (const [key, value] of Object.entries(overrides)) {
    Object.defineProperty(out, key, { enumerable: true, value });
  }
  Object.defineProperty(out, Symbol.toStringTag, { value: 'Module' });
  return out;
}

/** Like Grafana: the AMD extra unwraps `default` when `__useDefault` is set (lodash, moment, jquery). */
function withUseDefault(value: unknown, extra: object = {}): ModuleObject {
  return liveModule({ ...(typeof value === 'function' || typeof value === 'object' ? (value as object) : {}), ...extra }, {
    default: value,
    __useDefault: true,
  });
}

function defaultOf<T>(ns: { default?: T }): T {
  return (ns.default ?? ns) as T;
}

const grafanaUIWithMigrationAliases = liveModule(grafanaUI, {
  // Grafana exposes these on @grafana/ui too (the 6.4 → 6.5 move to @grafana/data).
  PanelPlugin: grafanaData.PanelPlugin,
  DataSourcePlugin: grafanaData.DataSourcePlugin,
  AppPlugin: grafanaData.AppPlugin,
  DataSourceApi: grafanaData.DataSourceApi,
});

/** Loaded before any plugin. */
export const eagerModules: Record<string, ModuleObject> = {
  '@emotion/css': liveModule(emotionCss),
  emotion: liveModule(emotionCss),
  '@emotion/react': liveModule(emotionReact),
  '@grafana/data': liveModule(grafanaData),
  '@grafana/i18n': liveModule(grafanaI18n),
  // setPanelDataErrorView is not public: plugins get a @grafana/runtime whose PanelDataErrorView
  // is the host's (Grafana's behaviour), everything else live from the one runtime instance.
  '@grafana/runtime': liveModule(grafanaRuntime, { PanelDataErrorView }),
  '@grafana/ui': grafanaUIWithMigrationAliases,
  i18next: withUseDefault(defaultOf(i18next as { default?: object })),
  lodash: withUseDefault(defaultOf(lodash as { default?: object })),
  moment: withUseDefault(defaultOf(moment as { default?: object })),
  react: liveModule(react),
  'react-dom': liveModule(reactDom),
  rxjs: liveModule(rxjs),
  'rxjs/operators': liveModule(rxjsOperators),
};

/** Loaded on first use (separate chunks of the host bundle), like Grafana's lazy shared modules. */
export const lazyModules: Record<string, () => Promise<ModuleObject>> = Object.fromEntries(
  Object.entries(lazyImports).map(([name, load]) => [
    name,
    async () => {
      const ns = (await load()) as { default?: unknown };
      return name === 'jquery' ? withUseDefault(ns.default) : liveModule(ns);
    },
  ])
);

export const sharedModuleNames = [...Object.keys(eagerModules), ...Object.keys(lazyModules)].sort();
