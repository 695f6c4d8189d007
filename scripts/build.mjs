// npm run build: every plugin into dist/<id>/ (module.js, plugin.json, img/, README.md,
// CHANGELOG.md, LICENSE), the app with the others nested inside it, a zip per plugin laid out
// as Grafana's installer expects, and the `headroom` CLI into lib/cli.cjs.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import webpack from 'webpack';
import { zipSync } from 'fflate';
import { build as esbuild } from 'esbuild';
import makeConfig from '../build/webpack.config.mjs';
import { appPlugin, listNestedPlugins, repoRoot } from '../build/plugins.mjs';

const dist = path.join(repoRoot, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** The build date: the last commit's date when there is one, so rebuilds are reproducible. */
function buildDate() {
  try {
    return execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function runWebpack() {
  return new Promise((resolve, reject) => {
    webpack(makeConfig({ production: true }), (err, stats) => {
      if (err) {
        return reject(err);
      }
      if (stats.hasErrors()) {
        return reject(new Error(stats.toString({ all: false, errors: true, colors: false })));
      }
      resolve(stats);
    });
  });
}

function copyIfExists(from, to) {
  if (fs.existsSync(from)) {
    fs.cpSync(from, to, { recursive: true });
    return true;
  }
  return false;
}

/** Fills version and date into a plugin.json and writes it. */
function writeManifest(manifest, outDir, date, extraIncludes = []) {
  const filled = structuredClone(manifest);
  filled.info = { ...filled.info, version: pkg.version, updated: date };
  if (extraIncludes.length) {
    filled.includes = [...(filled.includes ?? []), ...extraIncludes];
  }
  fs.writeFileSync(path.join(outDir, 'plugin.json'), `${JSON.stringify(filled, null, 2)}\n`);
}

function assemblePlugin(plugin, date) {
  const outDir = path.join(dist, plugin.id);
  fs.mkdirSync(outDir, { recursive: true });
  writeManifest(plugin.manifest, outDir, date, plugin.extraIncludes);
  copyIfExists(path.join(plugin.dir, 'img'), path.join(outDir, 'img'));
  for (const doc of ['README.md', 'CHANGELOG.md']) {
    if (!copyIfExists(path.join(plugin.dir, doc), path.join(outDir, doc))) {
      fs.copyFileSync(path.join(repoRoot, doc), path.join(outDir, doc));
    }
  }
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(outDir, 'LICENSE'));
  return outDir;
}

/** Rendered dashboards become app includes (copied into the app's dashboards/ folder). */
function dashboardIncludes(appOut) {
  const outDir = path.join(repoRoot, 'dashboards', 'out');
  if (!fs.existsSync(outDir)) {
    return [];
  }
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith('.json')).sort();
  fs.mkdirSync(path.join(appOut, 'dashboards'), { recursive: true });
  return files.map((file) => {
    fs.copyFileSync(path.join(outDir, file), path.join(appOut, 'dashboards', file));
    const dashboard = JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8'));
    return { type: 'dashboard', name: dashboard.title, path: `dashboards/${file}`, uid: dashboard.uid };
  });
}

function readTree(dir, prefix, into) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      readTree(full, rel, into);
    } else if (!entry.name.endsWith('.map')) {
      into[rel] = [fs.readFileSync(full), { mtime: new Date('2000-01-01T00:00:00Z') }];
    }
  }
  return into;
}

function zipPlugin(id) {
  const zipPath = path.join(dist, `${id}-${pkg.version}.zip`);
  fs.writeFileSync(zipPath, zipSync(readTree(path.join(dist, id), id, {}), { level: 9 }));
  return zipPath;
}

async function buildCli() {
  if (!fs.existsSync(path.join(repoRoot, 'cli', 'main.ts'))) {
    return null;
  }
  const outfile = path.join(repoRoot, 'lib', 'cli.cjs');
  await esbuild({
    entryPoints: [path.join(repoRoot, 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
    define: { HEADROOM_VERSION: JSON.stringify(pkg.version) },
  });
  return outfile;
}

async function main() {
  const started = Date.now();
  fs.rmSync(dist, { recursive: true, force: true });
  await runWebpack();
  const date = buildDate();
  const nested = listNestedPlugins();
  const app = appPlugin();
  const built = nested.map((plugin) => assemblePlugin(plugin, date));

  const appOut = path.join(dist, app.id);
  fs.mkdirSync(appOut, { recursive: true });
  const includes = [
    ...nested.map((p) => ({ type: p.type, name: p.name })),
    ...dashboardIncludes(appOut),
  ];
  assemblePlugin({ ...app, extraIncludes: includes }, date);
  for (const dir of built) {
    fs.cpSync(dir, path.join(appOut, path.basename(dir)), { recursive: true });
  }

  const zips = [...nested, app].map((p) => zipPlugin(p.id));
  const cli = await buildCli();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Built ${nested.length + 1} plugins into dist/ in ${seconds} s:`);
  for (const p of [...nested, app]) {
    const size = fs.statSync(path.join(dist, p.id, 'module.js')).size;
    console.log(`  ${p.id.padEnd(34)} ${p.type.padEnd(10)} module.js ${(size / 1024).toFixed(1)} KiB`);
  }
  for (const zip of zips) {
    console.log(`  ${path.relative(repoRoot, zip)}`);
  }
  if (cli) {
    console.log(`  CLI: ${path.relative(repoRoot, cli)} (run: npx headroom --help)`);
  }
}

main().catch((error) => {
  console.error(`build failed: ${error.message}`);
  process.exit(1);
});
