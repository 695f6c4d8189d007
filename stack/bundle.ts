// The stack's long-running Node processes (simulator, receiver, workload loop, forecast exporter,
// live autoscaler, live service) run as plain JavaScript: each TypeScript entry is bundled once
// by esbuild into the state folder at start, and run by this Node under small-heap flags. Under
// `node --import tsx` each process also carried the TypeScript loader (its modules, its compile
// cache) and an esbuild service process of its own: ~93 MiB of RSS each instead of ~44 (Node 20).
//
//   const js = await bundleEntry(stateDir, path.join(__dirname, 'receiver.ts'));   // <state>/bundles/stack/receiver.js
//   spawn(process.execPath, [...NODE_SERVICE_FLAGS, js, ...args])
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Plugin } from 'esbuild';
import { REPO_ROOT } from './config';

/**
 * Node flags of the stack's own processes: --max-semi-space-size=1 makes the young generation's
 * halves 1 MiB instead of 16, so a process that allocates (a scrape, a round of load) keeps less of
 * it resident; more scavenges, each shorter. The heap's limit stays Node's default.
 */
export const NODE_SERVICE_FLAGS = ['--max-semi-space-size=1'];

/**
 * `__dirname` and `__filename` of each repository module as where its source is, not where the
 * bundle is: stack/config.ts finds the repository from its own folder (REPO_ROOT). (A plugin: so
 * the build is esbuild's asynchronous one.)
 */
const sourcePaths: Plugin = {
  name: 'source-paths',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const src = fs.readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(src)) return undefined;
      const head = `const __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n`;
      return { contents: head + src, loader: 'ts' };
    });
  },
};

/** Where the bundle of `entry` (a .ts file of the repository) goes: <state>/bundles/<its path>.js. */
export function bundlePath(stateDir: string, entry: string): string {
  const rel = path.relative(REPO_ROOT, path.resolve(entry));
  if (rel.startsWith('..') || path.isAbsolute(rel) || !rel.endsWith('.ts')) throw new Error(`${entry} is not a .ts file of the repository (${REPO_ROOT}); only those are bundled.`);
  return path.join(path.resolve(stateDir), 'bundles', rel.replace(/\.ts$/, '.js'));
}

let built = 0;

/**
 * Bundles `entry` with everything it imports (node_modules included) into one CommonJS file for
 * this Node; written beside it, then renamed, so a process never reads half a file. Returns its path.
 */
export async function bundleEntry(stateDir: string, entry: string): Promise<string> {
  const out = bundlePath(stateDir, entry);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.${++built}.tmp`;
  // Loaded when a bundle is built, not when this module is: esbuild checks its environment as it
  // loads, and a jsdom test that imports the stack's constants (forecast.itest) fails that check.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    // pg's optional native binding and its Cloudflare socket shim: never loaded on Node.
    external: ['pg-native', 'cloudflare:sockets'],
    logLevel: 'error',
    plugins: [sourcePaths],
  });
  fs.renameSync(tmp, out);
  return out;
}

/** The command line (after process.execPath) that runs `entry` bundled, with `args`. */
export async function nodeServiceArgs(stateDir: string, entry: string, args: string[]): Promise<string[]> {
  return [...NODE_SERVICE_FLAGS, await bundleEntry(stateDir, entry), ...args];
}
