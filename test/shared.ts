// ../shared, the folder beside the repository that CI provides: real data from public repositories
// (a client_golang scrape with promtool's quantiles, NAB series, Grafana's plugin.json schema) that
// must not be copied into this repository. A plain clone does not have it, so what compares
// against it runs when it is present and otherwise prints one line saying what it skipped and why.
import fs from 'node:fs';
import path from 'node:path';

/** The ../shared folder beside the repository root. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', 'shared');

/** A path inside ../shared, e.g. sharedPath('data', 'forecast', 'nab_nyc_taxi.csv'). */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/** Whether every given path inside ../shared exists. */
export function sharedHas(...files: string[][]): boolean {
  return files.every((parts) => fs.existsSync(sharedPath(...parts)));
}

/** The one line that says `what` was skipped because ../shared/<missing> is absent. */
export function sharedSkipLine(what: string, missing: string[]): string {
  return `skipped: ${what}: needs ../shared/${missing.join('/')}, which is not beside this clone (CI has it)`;
}

/**
 * `describe(what, fn)` when every file (paths inside ../shared) exists; otherwise one line on
 * stderr and the tests registered as skipped. fn runs either way to collect the tests, so it must
 * read the files inside its tests or hooks only.
 */
export function describeWithShared(what: string, files: string[][], fn: () => void): void {
  const missing = files.find((parts) => !fs.existsSync(sharedPath(...parts)));
  if (missing === undefined) {
    describe(what, fn);
    return;
  }
  process.stderr.write(`${sharedSkipLine(what, missing)}\n`);
  describe.skip(what, fn);
}
