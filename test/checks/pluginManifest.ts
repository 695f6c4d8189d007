import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { sharedPath } from '../shared';

/** Grafana's published plugin.json schema (draft-07), in ../shared (see test/shared.ts). */
export const PLUGIN_SCHEMA = ['schemas', 'plugin.schema.json'];

/**
 * A validator for plugin.json built from Grafana's schema in ../shared; call it inside a
 * describeWithShared(…, [PLUGIN_SCHEMA], …) block.
 * unicodeRegExp is off because the schema's patterns use escapes (\-) that only non-unicode regexps accept.
 */
export function pluginJsonValidator(): (manifest: unknown) => string[] {
  const schema = JSON.parse(fs.readFileSync(sharedPath(...PLUGIN_SCHEMA), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  return (manifest) => {
    if (validate(manifest)) {
      return [];
    }
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  };
}

/** Every plugin folder in dist/, the app's nested plugins included. */
export function builtPluginDirs(distDir: string): string[] {
  const top = fs
    .readdirSync(distDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(distDir, d.name));
  const nested = top.flatMap((dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'plugin.json')))
      .map((d) => path.join(dir, d.name))
  );
  return [...top, ...nested].sort();
}
