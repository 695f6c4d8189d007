// Builds the preview host bundle (preview/host/ → preview/.build/node_modules/host/) with esbuild: React,
// @grafana/data|ui|runtime and the other shared modules from the pinned packages, split so the
// rarely used shared modules load on first use. Skips the build when nothing it reads changed.
//   node_modules/.bin/tsx preview/build.ts [--force]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const previewDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(previewDir, '..');
// Under a node_modules/ folder so that eslint's and jest's default ignores skip the generated code.
export const hostOutDir = path.join(previewDir, '.build', 'node_modules', 'host');
const stampFile = path.join(hostOutDir, '.inputs-hash');

/** A hash of everything the bundle depends on: host sources, ui/, this script, the lockfile. */
function inputsHash(): string {
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else {
        files.push(full);
      }
    }
  };
  walk(path.join(previewDir, 'host'));
  walk(path.join(repoRoot, 'ui'));
  files.push(fileURLToPath(import.meta.url), path.join(repoRoot, 'package-lock.json'));
  for (const file of files.sort()) {
    hash.update(file);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

export interface BuildResult {
  built: boolean;
  ms: number;
}

// CommonJS packages (Babel output: `exports.default = …`) that @grafana/ui's .mjs files import by
// default. esbuild, in Node's ESM semantics for .mjs importers, gives them module.exports as the
// default (an object, so React throws "element type is invalid": @grafana/ui's Table crashed in
// CustomScrollbar); webpack, as in Grafana, gives exports.default. These get webpack's meaning.
const babelDefaultPackages = ['react-custom-scrollbars-2'];

const babelDefaultInterop: import('esbuild').Plugin = {
  name: 'babel-default-interop',
  setup(build) {
    const filter = new RegExp(`^(${babelDefaultPackages.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'babel-default' ? undefined : { path: args.path, namespace: 'babel-default' }
    );
    build.onLoad({ filter: /.*/, namespace: 'babel-default' }, (args) => ({
      // Imported from a .js file, a Babel module's namespace has `default` = exports.default.
      contents: `import * as m from '${args.path}/lib/index.js'; export default m.default; export * from '${args.path}/lib/index.js';`,
      resolveDir: repoRoot,
      loader: 'js',
    }));
  },
};

export async function buildHost({ force = false } = {}): Promise<BuildResult> {
  const started = Date.now();
  const hash = inputsHash();
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) {
    return { built: false, ms: Date.now() - started };
  }
  const esbuild = await import('esbuild');
  fs.rmSync(hostOutDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: { main: path.join(previewDir, 'host', 'main.tsx') },
    outdir: hostOutDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    logOverride: { 'package.json': 'silent' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.png': 'file' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [babelDefaultInterop],
  });
  fs.writeFileSync(stampFile, hash);
  return { built: true, ms: Date.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildHost({ force: process.argv.includes('--force') }).then(
    ({ built, ms }) => console.log(built ? `preview host built in ${ms} ms → ${path.relative(repoRoot, hostOutDir)}` : 'preview host up to date'),
    (err: unknown) => {
      console.error(`preview host build failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  );
}
