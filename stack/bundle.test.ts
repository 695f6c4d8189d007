/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleEntry, bundlePath, nodeServiceArgs } from './bundle';
import { REPO_ROOT } from './config';

const entry = path.join(__dirname, 'fixtures', 'whereAmI.ts');
let stateDir: string;
beforeEach(() => (stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bundle-'))));
afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

describe('bundlePath', () => {
  it('mirrors the repository path under <state>/bundles, .ts -> .js', () => {
    expect(bundlePath(stateDir, entry)).toBe(path.join(stateDir, 'bundles', 'stack', 'fixtures', 'whereAmI.js'));
  });
  it('refuses a file outside the repository or not .ts, naming it', () => {
    expect(() => bundlePath(stateDir, '/etc/passwd.ts')).toThrow(`/etc/passwd.ts is not a .ts file of the repository (${REPO_ROOT}); only those are bundled.`);
    expect(() => bundlePath(stateDir, path.join(REPO_ROOT, 'package.json'))).toThrow(/package\.json is not a \.ts file/);
  });
});

describe('bundleEntry', () => {
  it('writes one plain JavaScript file that runs without the TypeScript loader and keeps each module where its source is', async () => {
    const out = await bundleEntry(stateDir, entry);
    expect(out).toBe(bundlePath(stateDir, entry));
    expect(fs.readdirSync(path.dirname(out))).toEqual(['whereAmI.js']); // no temporary file left
    const args = await nodeServiceArgs(stateDir, entry, []);
    expect(args).toEqual(['--max-semi-space-size=1', out]);
    const printed = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH } }));
    expect(printed).toEqual({ repoRoot: REPO_ROOT, dirname: path.dirname(entry), filename: entry });
  }, 30000);
});
