// Fetches the @grafana/* packages of one Grafana version, keeping only their package.json and
// .d.ts files, into <cacheRoot>/<version>/node_modules/@grafana/<name>/ (with `npm pack`, once per
// version; a `.complete` file marks a finished download). The packages a plugin imports are
// fetched with the @grafana/* dependencies they pin to the same version (schema, e2e-selectors,
// i18n), so each version's declarations see their own siblings.
import { execFileSync } from 'node:child_process';
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

function packOne(name: string, version: string, into: string): string | null {
  try {
    const out = execFileSync('npm', ['pack', '--loglevel=error', '--fetch-retries=1', '--pack-destination', into, `${name}@${version}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: NPM_TIMEOUT_MS,
    });
    const file = out.trim().split('\n').pop() ?? '';
    return path.join(into, file);
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? (e as Error).message);
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
export function fetchVersion(cacheRoot: string, version: string, names: string[], download = true): FetchResult {
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
    const tarball = packOne(name, version, packs);
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
