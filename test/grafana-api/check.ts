// The Grafana API compatibility check (run by test/stages/15-grafana-api.sh): every plugin's own
// sources compiled against the @grafana/* declarations of each version in versions.json. Prints
// what each plugin imports, a case per plugin and version at or above its grafanaDependency (it
// must compile without a single diagnostic), a case per plugin that grafanaDependency is the
// lowest version from which every checked version passes, then "N passed, N failed".
// The declarations are downloaded once into .cache/grafana-api/ (gitignored); a version whose
// download fails (no registry) is skipped with one line. Results are cached per version under a
// key of every input (the plugins' sources, the checker, tsconfig.json, package-lock.json).
// Grafana's own @grafana/levitate (0.17.2) was tried first: it needs the registry too, takes about
// a minute per plugin and version, and reports textual changes of declarations (an `export`
// keyword gone from a re-exported interface) as incompatibilities; the compiler is exact here.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { listAllPlugins, repoRoot, type PluginInfo } from '../../build/plugins.mjs';
import { compileAgainst, compilerOptions, type Incompatibility } from './compile';
import { FetchError, fetchVersion, versionDir } from './packages';
import { grafanaImportsOf, importClosure, type GrafanaImport } from './sources';
import { declaredFloor, highestFloor, lowestPassing, mustPass } from './verdict';

const cacheRoot = process.env.HEADROOM_GRAFANA_API_CACHE ?? path.join(repoRoot, '.cache', 'grafana-api');
const { versions } = JSON.parse(fs.readFileSync(path.join(__dirname, 'versions.json'), 'utf8')) as { versions: string[] };
const MAX_SHOWN = 8;
const FETCHES_AT_ONCE = 6;
const SECOND_PROCESS_ENV = 'HEADROOM_GRAFANA_API_COMPILE_ONLY';

let passed = 0;
let failed = 0;
const pass = (name: string) => {
  passed++;
  console.log(`ok   ${name}`);
};
const fail = (name: string, details: string[] = []) => {
  failed++;
  console.log(`FAIL ${name}`);
  for (const d of details) {
    console.log(`     ${d}`);
  }
};

interface PluginSources {
  plugin: PluginInfo;
  files: string[];
  imports: GrafanaImport[];
}

function describeImports(imports: GrafanaImport[]): string[] {
  const byModule = new Map<string, Set<string>>();
  for (const i of imports) {
    const names = byModule.get(i.module) ?? new Set<string>();
    i.names.forEach((n) => names.add(n));
    byModule.set(i.module, names);
  }
  return [...byModule.keys()].sort().map((m) => `${m}: ${[...(byModule.get(m) as Set<string>)].sort().join(', ')}`);
}

function inputKey(all: PluginSources[]): string {
  const hash = crypto.createHash('sha256');
  const files = new Set<string>([
    ...all.flatMap((p) => p.files),
    ...fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(__dirname, f)),
    path.join(repoRoot, 'tsconfig.json'),
    path.join(repoRoot, 'package-lock.json'),
  ]);
  for (const file of [...files].sort()) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function cachedCompile(
  version: string,
  dir: string,
  key: string,
  all: PluginSources[],
  options: ts.CompilerOptions,
  parsed: Map<string, ts.SourceFile>
): { found: Incompatibility[]; cached: boolean } {
  const resultFile = path.join(dir, 'result.json');
  if (fs.existsSync(resultFile)) {
    const cached = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { key: string; incompatibilities: Incompatibility[] };
    if (cached.key === key) {
      return { found: cached.incompatibilities, cached: true };
    }
  }
  const found = compileAgainst(
    all.map((p) => p.plugin.entry),
    dir,
    repoRoot,
    options,
    parsed
  ).map((d) => ({ ...d, message: d.message.split(dir + path.sep).join('') }));
  fs.writeFileSync(resultFile, JSON.stringify({ key, incompatibilities: found }) + '\n');
  return { found, cached: false };
}

function hasCachedResult(dir: string, key: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'result.json'), 'utf8')) as { key: string }).key === key;
  } catch {
    return false;
  }
}

/** This checker again, compiling `share` into their cache; resolves when it ended (a failed one leaves its versions to this process). */
function compileInSecondProcess(share: string[]): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, [SECOND_PROCESS_ENV]: share.join(',') }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}

function show(d: Incompatibility): string {
  const message = d.message.length > 220 ? `${d.message.slice(0, 217)}...` : d.message;
  return `${d.file}:${d.line} TS${d.code} ${message}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = compilerOptions(path.join(repoRoot, 'tsconfig.json'));
  const all: PluginSources[] = listAllPlugins().map((plugin) => {
    const files = importClosure(plugin.entry, repoRoot, options);
    const imports = files.flatMap((f) => grafanaImportsOf(path.relative(repoRoot, f), fs.readFileSync(f, 'utf8')));
    return { plugin, files, imports };
  });
  const packages = [...new Set(all.flatMap((p) => p.imports.map((i) => i.module.split('/').slice(0, 2).join('/'))))].sort();
  console.log(`Grafana API compatibility: ${all.length} plugins against ${versions.length} versions (${versions[0]} to ${versions[versions.length - 1]}) of ${packages.join(', ')}`);
  for (const p of all) {
    console.log(`${p.plugin.id} (${p.files.length} files) imports`);
    describeImports(p.imports).forEach((line) => console.log(`  ${line}`));
  }

  const key = inputKey(all);
  const parsed = new Map<string, ts.SourceFile>();
  const share = process.env[SECOND_PROCESS_ENV];
  if (share !== undefined) {
    share.split(',').forEach((v) => cachedCompile(v, versionDir(cacheRoot, v), key, all, options, parsed));
    return;
  }
  // results[v] = incompatibilities by repository file, or undefined when the version was skipped.
  const results: (Map<string, Incompatibility[]> | undefined)[] = [];
  const fetchStarted = Date.now();
  const fetched = await fetchAll(packages);
  console.log(`declarations of ${fetched.filter((f) => typeof f === 'string').length} of ${versions.length} versions ready in ${((Date.now() - fetchStarted) / 1000).toFixed(1)} s`);
  // Two compilers at once (one per core): a second process takes every other version to compile
  // and leaves its results in their cache; this one compiles the rest meanwhile.
  const toCompile = versions.filter((v, i) => typeof fetched[i] === 'string' && !hasCachedResult(fetched[i] as string, key));
  const second = new Set(toCompile.filter((_, i) => i % 2 === 1));
  const secondDone = second.size > 0 ? compileInSecondProcess([...second]) : Promise.resolve();
  const compiledMs = new Map<string, number>();
  for (const version of toCompile.filter((v) => !second.has(v))) {
    const t0 = Date.now();
    cachedCompile(version, fetched[versions.indexOf(version)] as string, key, all, options, parsed);
    compiledMs.set(version, Date.now() - t0);
  }
  await secondDone;
  for (const [i, version] of versions.entries()) {
    const dir = fetched[i];
    if (dir instanceof FetchError) {
      console.log(`skip Grafana ${version}: ${dir.message}`);
      results.push(undefined);
      continue;
    }
    const t0 = Date.now();
    const { found, cached } = cachedCompile(version, dir, key, all, options, parsed);
    const how = compiledMs.has(version) ? `compiled in ${(compiledMs.get(version)! / 1000).toFixed(1)} s` : cached && second.has(version) ? 'compiled in the second process' : cached ? 'result cached' : `compiled in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    console.log(`Grafana ${version}: ${found.length} incompatible uses (${how})`);
    const byFile = new Map<string, Incompatibility[]>();
    for (const d of found) {
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    }
    results.push(byFile);
  }

  const floors: string[] = [];
  for (const p of all) {
    const own = new Set(p.files.map((f) => path.relative(repoRoot, f)));
    const found = results.map((r) => (r ? [...r.entries()].filter(([f]) => own.has(f)).flatMap(([, ds]) => ds) : undefined));
    const declared = p.plugin.manifest.dependencies?.grafanaDependency;
    const floor = declaredFloor(declared);
    if (!floor) {
      fail(`${p.plugin.id}: grafanaDependency "${declared}" is not of the form ">=X.Y.Z"`);
      continue;
    }
    versions.forEach((version, i) => {
      const ds = found[i];
      if (!ds) {
        return;
      }
      const name = `${p.plugin.id} on Grafana ${version}`;
      if (!mustPass(version, floor)) {
        console.log(`info ${name} (below grafanaDependency ${declared}): ${ds.length === 0 ? 'compiles' : `${ds.length} incompatible uses, e.g. ${show(ds[0])}`}`);
      } else if (ds.length === 0) {
        pass(name);
      } else {
        fail(name, [...ds.slice(0, MAX_SHOWN).map(show), ...(ds.length > MAX_SHOWN ? [`... and ${ds.length - MAX_SHOWN} more`] : [])]);
      }
    });
    const lowest = lowestPassing(versions, found.map((ds) => (ds ? ds.length === 0 : undefined)));
    if (p.plugin.type === 'app') {
      continue;
    }
    if (lowest) {
      floors.push(lowest);
    }
    checkFloor(p.plugin.id, declared as string, found.includes(undefined) ? undefined : lowest);
  }
  const app = all.find((p) => p.plugin.type === 'app');
  if (app && !results.includes(undefined)) {
    const appLowest = lowestPassing(versions, results.map((r) => {
      const own = new Set(app.files.map((f) => path.relative(repoRoot, f)));
      return r ? ![...r.keys()].some((f) => own.has(f)) : undefined;
    }));
    const need = highestFloor(appLowest ? [...floors, appLowest] : floors);
    checkFloor(`${app.plugin.id} (its own sources and every nested plugin)`, app.plugin.manifest.dependencies?.grafanaDependency as string, need);
  }
  console.log(`checked in ${((Date.now() - started) / 1000).toFixed(1)} s (declarations cached in ${path.relative(repoRoot, cacheRoot) || cacheRoot})`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

/**
 * Every version's declarations, FETCHES_AT_ONCE versions at a time (an `npm pack` here is mostly
 * waiting on the registry: 8-10 s each, one after the other 100 s of the stage's 168 s). After one
 * failed download, the versions not yet started are used only when cached.
 */
async function fetchAll(packages: string[]): Promise<(string | FetchError)[]> {
  const out: (string | FetchError)[] = new Array(versions.length);
  let registryAnswers = true;
  let next = 0;
  const worker = async () => {
    while (next < versions.length) {
      const i = next++;
      try {
        out[i] = (await fetchVersion(cacheRoot, versions[i], packages, registryAnswers)).dir;
      } catch (e) {
        if (!(e instanceof FetchError)) {
          throw e;
        }
        registryAnswers = false;
        out[i] = e;
      }
    }
  };
  await Promise.all(Array.from({ length: FETCHES_AT_ONCE }, worker));
  return out;
}

function checkFloor(name: string, declared: string, lowest: string | null | undefined): void {
  if (lowest === undefined) {
    console.log(`skip ${name}: the lowest passing version needs every version checked`);
  } else if (lowest === null) {
    fail(`${name}: the newest checked version ${versions[versions.length - 1]} does not pass`);
  } else if (declared === `>=${lowest}`) {
    pass(`${name}: grafanaDependency ${declared} is the lowest version from which every checked version passes`);
  } else {
    fail(`${name}: grafanaDependency is ${declared}, the lowest version from which every checked version passes is ${lowest} (set ">=${lowest}")`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 1;
});
