import fs from 'node:fs';
import path from 'node:path';

const externalsFile = path.join(__dirname, '..', '..', 'build', 'grafana-externals.json');

/** The modules Grafana provides to plugins (the same list the build marks external). */
export function grafanaProvidedModules(): string[] {
  return JSON.parse(fs.readFileSync(externalsFile, 'utf8')).modules;
}

export interface AmdBundleReport {
  dependencies: string[];
  problems: string[];
}

const forbidden: Array<[RegExp, string]> = [
  [/\beval\s*\(/, 'calls eval('],
  [/\bnew\s+Function\s*\(/, 'calls new Function('],
  [/dangerouslySetInnerHTML/, 'uses dangerouslySetInnerHTML'],
];

/**
 * Checks a built module.js: it must be one AMD module, `define([...deps], factory)`, whose deps
 * are all modules Grafana provides, and it must not evaluate strings as code.
 */
export function checkAmdBundle(source: string, provided: string[]): AmdBundleReport {
  const problems: string[] = [];
  const body = source.replace(/^\/\*[\s\S]*?\*\/\s*/, '');
  const match = /^define\(\s*(\[[^\]]*\])\s*,/.exec(body);
  if (!match) {
    return { dependencies: [], problems: ['is not an AMD module: it does not start with define([...], ...)'] };
  }
  let dependencies: string[];
  try {
    dependencies = JSON.parse(match[1]);
  } catch {
    return { dependencies: [], problems: [`has an unreadable dependency list ${match[1]}`] };
  }
  for (const dep of dependencies) {
    if (!provided.includes(dep)) {
      problems.push(`needs "${dep}", which Grafana does not provide to plugins`);
    }
  }
  for (const [pattern, what] of forbidden) {
    if (pattern.test(source)) {
      problems.push(what);
    }
  }
  return { dependencies, problems };
}
