// Checks of the built plugins in dist/ (run after `npm run build`, see jest.checks.config.js).
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { checkAmdBundle, grafanaProvidedModules } from './amdBundle';
import { PLUGIN_SCHEMA, builtPluginDirs, pluginJsonValidator } from './pluginManifest';
import { describeWithShared } from '../shared';

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const version: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const expectedIds = [
  'headroom-latency-panel',
  'headroom-costperrequest-panel',
  'headroom-scalingtimeline-panel',
  'headroom-capacityforecast-panel',
  'headroom-cost-datasource',
  'headroom-suite-app',
];

const dirs = builtPluginDirs(dist);
const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8'));

describe('dist/', () => {
  const provided = grafanaProvidedModules();

  it('holds the six plugins under their contract ids, and the app nests the other five', () => {
    const top = dirs.filter((d) => path.dirname(d) === dist).map((d) => path.basename(d));
    expect(top.sort()).toEqual([...expectedIds].sort());
    const nested = dirs.filter((d) => path.dirname(d) === path.join(dist, 'headroom-suite-app')).map((d) => path.basename(d));
    expect(nested.sort()).toEqual(expectedIds.filter((id) => id !== 'headroom-suite-app').sort());
  });

  describe.each(dirs.map((d) => [path.relative(dist, d), d]))('%s', (_name, dir) => {
    const manifest = readManifest(dir);

    it('has a plugin.json with its folder\'s id, the type, version and date filled in', () => {
      expect(manifest.id).toBe(path.basename(dir));
      expect(['panel', 'datasource', 'app']).toContain(manifest.type);
      expect(manifest.info.version).toBe(version);
      expect(manifest.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('ships module.js, its logos and screenshots, README.md, CHANGELOG.md and LICENSE', () => {
      const images = [manifest.info.logos.small, manifest.info.logos.large, ...(manifest.info.screenshots ?? []).map((s: { path: string }) => s.path)];
      for (const file of ['module.js', 'README.md', 'CHANGELOG.md', 'LICENSE', ...images]) {
        expect([file, fs.existsSync(path.join(dir, file))]).toEqual([file, true]);
      }
    });

    it('has a module.js that is AMD with only Grafana-provided dependencies and no eval', () => {
      const report = checkAmdBundle(fs.readFileSync(path.join(dir, 'module.js'), 'utf8'), provided);
      expect(report.problems).toEqual([]);
      expect(report.dependencies).toContain('@grafana/data');
    });
  });

  it.each(expectedIds)('has %s zipped as <id>/ with plugin.json inside', (id) => {
    const entries = Object.keys(unzipSync(fs.readFileSync(path.join(dist, `${id}-${version}.zip`))));
    expect(entries).toContain(`${id}/plugin.json`);
    expect(entries).toContain(`${id}/module.js`);
    expect(entries.every((name) => name.startsWith(`${id}/`))).toBe(true);
  });

  it('lists every nested plugin (and rendered dashboard) in the app\'s includes', () => {
    const app = JSON.parse(fs.readFileSync(path.join(dist, 'headroom-suite-app', 'plugin.json'), 'utf8'));
    const names = app.includes.map((i: { name: string }) => i.name);
    for (const id of expectedIds.filter((x) => x !== 'headroom-suite-app')) {
      const nested = JSON.parse(fs.readFileSync(path.join(dist, id, 'plugin.json'), 'utf8'));
      expect(names).toContain(nested.name);
    }
    const dashboardsDir = path.join(root, 'dashboards', 'out');
    const rendered = fs.existsSync(dashboardsDir) ? fs.readdirSync(dashboardsDir).filter((f) => f.endsWith('.json')) : [];
    for (const file of rendered) {
      expect(app.includes).toContainEqual(expect.objectContaining({ type: 'dashboard', path: `dashboards/${file}` }));
    }
  });
});

describeWithShared("dist/ plugin.json files against Grafana's plugin.json schema", [PLUGIN_SCHEMA], () => {
  let validate: (manifest: unknown) => string[];
  beforeAll(() => {
    validate = pluginJsonValidator();
  });

  it.each(dirs.map((d) => [path.relative(dist, d), d]))('%s/plugin.json is valid', (_name, dir) => {
    expect(validate(readManifest(dir))).toEqual([]);
  });
});
