// Types of build/plugins.mjs for the TypeScript code that lists the plugins.
export interface PluginInfo {
  id: string;
  type: string;
  name: string;
  dir: string;
  entry: string;
  manifest: { id: string; dependencies?: { grafanaDependency?: string } } & Record<string, unknown>;
}

export const repoRoot: string;
export function listNestedPlugins(): PluginInfo[];
export function appPlugin(): PluginInfo | null;
export function listAllPlugins(): PluginInfo[];
