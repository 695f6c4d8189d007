// Pure verdicts of the Grafana API compatibility check: which versions pass, the lowest version
// from which every checked version passes, and how that compares with plugin.json's
// grafanaDependency (">=X.Y.Z").

export type Version = [number, number, number];

export function parseVersion(text: string): Version | null {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The X.Y.Z of a grafanaDependency of the form ">=X.Y.Z"; null for any other form. */
export function declaredFloor(grafanaDependency: string | undefined): Version | null {
  const m = /^>=\s*(\d+\.\d+\.\d+)$/.exec((grafanaDependency ?? '').trim());
  return m ? parseVersion(m[1]) : null;
}

/**
 * The floor a plugin can declare: the first checked version from which every later checked version
 * passes, as X.Y.0 (a minor's latest patch stands for the minor). Null when the newest fails.
 * `results` is in ascending version order; undefined means "not checked" (then no verdict: null).
 */
export function lowestPassing(versions: string[], passed: (boolean | undefined)[]): string | null {
  if (passed.some((p) => p === undefined)) {
    return null;
  }
  let lowest: string | null = null;
  for (let i = versions.length - 1; i >= 0 && passed[i]; i--) {
    lowest = versions[i];
  }
  if (lowest === null) {
    return null;
  }
  const [major, minor] = parseVersion(lowest) as Version;
  return `${major}.${minor}.0`;
}

/** Whether a version is at or above the declared floor (so it must pass). */
export function mustPass(version: string, floor: Version): boolean {
  const v = parseVersion(version);
  return v !== null && compareVersions(v, floor) >= 0;
}

/** The highest of several floors (the app needs what every nested plugin needs). */
export function highestFloor(floors: string[]): string | null {
  const parsed = floors.map(parseVersion).filter((v): v is Version => v !== null);
  if (parsed.length === 0 || parsed.length !== floors.length) {
    return null;
  }
  return parsed.sort(compareVersions)[parsed.length - 1].join('.');
}
