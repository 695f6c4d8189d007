// Fetches the @grafana/* packages of one Grafana version, keeping only their package.json and
// .d.ts files, into <cacheRoot>/<version>/node_modules/@grafana/<name>/ (each tarball straight from
// the registry, else with `npm pack`; once per version: a `.complete` file marks a finished
// download). The packages a plugin imports are
// fetched with the @grafana/* dependencies they pin to the same version (schema, e2e-selectors,
// i18n), so each version's declarations see their own siblings.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface FetchResult {
  /** The folder whose node_modules/@grafana holds the packages. */
  dir: string;
  /** Packages that do not exist in this version (npm has no such version). */
  absent: string[];
}

/** A download that failed for a reason other than "no such version" (offline, registry down). */
export class FetchError extends Error {}

const NPM_TIMEOUT_MS = 180_000;

export function versionDir(cacheRoot: string, version: string): string {
  return path.join(cacheRoot, version);
}

function packageDir(dir: string, name: string): string {
  return path.join(dir, 'node_modules', name);
}

/** "No such version/package" from npm, as opposed to a network failure. */
function isMissingVersion(stderr: string): boolean {
  return /\b(E404|ETARGET)\b|No matching version/.test(stderr);
}

function npmPack(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('npm', args, { encoding: 'utf8', timeout: NPM_TIMEOUT_MS }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
    ),
  );
}

let registry: Promise<string> | undefined;

/** The registry npm uses here (a user's mirror included), once. */
function npmRegistry(): Promise<string> {
  registry ??= npmPack(['config', 'get', 'registry']).then((r) => r.trim().replace(/\/?$/, '/'), () => 'https://registry.npmjs.org/');
  return registry;
}

/**
 * The tarball straight from the registry's conventional address (<registry><name>/-/<base>-<version>.tgz),
 * without npm: `npm pack` spends 7-10 s here reading @grafana/ui's package document of every version
 * (tens of MB) for one tarball. Undefined when that address does not answer with the tarball (a
 * registry laid out otherwise, a proxy only npm knows, no such version): `npm pack` decides then.
 */
async function fetchTarball(name: string, version: string, into: string): Promise<string | undefined> {
  const base = name.split('/').pop() as string;
  try {
    const r = await fetch(`${await npmRegistry()}${name}/-/${base}-${version}.tgz`, { signal: AbortSignal.timeout(NPM_TIMEOUT_MS) });
    if (!r.ok) return undefined;
    const file = path.join(into, `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`);
    fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    return file;
  } catch {
    return undefined;
  }
}

async function packOne(name: string, version: string, into: string): Promise<string | null> {
  const fetched = await fetchTarball(name, version, into);
  if (fetched) return fetched;
  try {
    const out = await npmPack(['pack', '--loglevel=error', '--fetch-retries=1', '--pack-destination', into, `${name}@${version}`]);
    const file = out.trim().split('\n').pop() ?? '';
    return path.join(into, file);
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr || (e as Error).message);
    if (isMissingVersion(stderr)) {
      return null;
    }
    const line = stderr.split('\n').find((l) => /npm (error|ERR!)/.test(l)) ?? stderr.split('\n')[0];
    throw new FetchError(`npm pack ${name}@${version} failed: ${line.trim()}`);
  }
}

/** Declaration files (.d.ts, .d.mts, .d.cts) and package.json; the rest of a package is not needed. */
export function isDeclarationMember(member: string): boolean {
  return member === 'package/package.json' || /\.d\.[cm]?ts$/.test(member);
}

function extractDeclarations(tarball: string, into: string): void {
  const members = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n')
    .filter(isDeclarationMember);
  fs.mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1', '-T', '-'], {
    input: members.join('\n') + '\n',
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

/** @grafana/* dependencies pinned to exactly this version (siblings released together). */
function pinnedSiblings(dir: string, name: string, version: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir(dir, name), 'package.json'), 'utf8'));
  return Object.entries<string>(manifest.dependencies ?? {})
    .filter(([dep, range]) => dep.startsWith('@grafana/') && range === version)
    .map(([dep]) => dep);
}

/**
 * Makes sure the named packages of `version` (and their pinned siblings) are in the cache.
 * Throws FetchError when npm cannot be reached (or, with `download` false, when they are not
 * cached); a package without this version is listed as absent.
 */
export async function fetchVersion(cacheRoot: string, version: string, names: string[], download = true): Promise<FetchResult> {
  const dir = versionDir(cacheRoot, version);
  const marker = path.join(dir, '.complete');
  const wanted = [...names].sort();
  if (fs.existsSync(marker)) {
    const done = JSON.parse(fs.readFileSync(marker, 'utf8')) as { requested: string[]; absent: string[] };
    if (wanted.every((n) => done.requested.includes(n))) {
      return { dir, absent: done.absent };
    }
  }
  if (!download) {
    throw new FetchError(`not in ${dir} and the registry did not answer before`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const packs = path.join(dir, '.packs');
  fs.mkdirSync(packs, { recursive: true });
  const queue = [...wanted];
  const seen = new Set<string>();
  const absent: string[] = [];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    const tarball = await packOne(name, version, packs);
    if (!tarball) {
      absent.push(name);
      continue;
    }
    extractDeclarations(tarball, packageDir(dir, name));
    queue.push(...pinnedSiblings(dir, name, version));
  }
  fs.rmSync(packs, { recursive: true, force: true });
  fs.writeFileSync(marker, JSON.stringify({ requested: wanted, absent: absent.sort() }) + '\n');
  return { dir, absent };
}
