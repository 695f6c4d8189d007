/**
 * @jest-environment node
 */
// Checks of the Grafana provisioning files and the compose file. There is no Grafana or Docker
// here, so this test holds them to what Grafana's provisioning format requires
// (https://grafana.com/docs/grafana/latest/administration/provisioning/) and to the rest of the
// repository: plugin ids, the cost data source's settings, the dashboards' data source names,
// files that exist. Secrets may only be environment references.
import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';

const here = __dirname;
const repo = path.join(here, '..');

type Doc = Record<string, unknown>;
const load = (rel: string) => yaml.load(fs.readFileSync(path.join(here, rel), 'utf8')) as Doc;
const pluginJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(repo, dir, 'plugin.json'), 'utf8')) as { id: string; type: string };

// Every plugin of the suite, from the plugin.json files (the build discovers them the same way).
const pluginIds = ['panels', 'datasources']
  .flatMap((top) => fs.readdirSync(path.join(repo, top)).map((d) => path.join(top, d)))
  .filter((dir) => fs.existsSync(path.join(repo, dir, 'plugin.json')))
  .concat(['app'])
  .map((dir) => pluginJson(dir));
const appId = pluginIds.find((p) => p.type === 'app')!.id;
const costDatasourceId = pluginJson('datasources/cost').id;

const yamlFiles = (function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.ya?ml$/.test(e.name) ? [path.relative(here, p)] : [];
  });
})(here).sort();

const datasourcesDoc = load('datasources/headroom.yaml');
const datasources = datasourcesDoc.datasources as Array<Doc & { jsonData?: Doc; secureJsonData?: Doc }>;
const dashboardsDoc = load('dashboards/headroom.yaml');
const providers = dashboardsDoc.providers as Array<Doc & { options: Doc }>;
const pluginsDoc = load('plugins/headroom.yaml');
const compose = load('docker-compose.yaml') as { services: Record<string, Doc & { volumes?: string[]; environment?: Record<string, string>; ports?: string[] }> };
const grafana = compose.services.grafana;

/** Bind mounts of a compose service: source resolved against provisioning/, target. */
function mounts(service: Doc & { volumes?: string[] }) {
  return (service.volumes ?? [])
    .map((v) => v.split(':'))
    .filter(([source]) => source.startsWith('.') || source.startsWith('/'))
    .map(([source, target]) => ({ source, abs: path.resolve(here, source), target }));
}

/** `${VAR:-default}` → default; a plain value stays. */
const composeDefault = (value: string) => /^\$\{[A-Z0-9_]+:-(.*)\}$/.exec(value)?.[1] ?? value;

const envRef = /^\$\{?([A-Z_][A-Z0-9_]*)\}?$/;

test('every YAML file parses', () => {
  expect(yamlFiles).toEqual(
    expect.arrayContaining(['dashboards/headroom.yaml', 'datasources/headroom.yaml', 'docker-compose.yaml', 'plugins/headroom.yaml', 'prometheus/prometheus.yml']),
  );
  for (const f of yamlFiles) expect(() => load(f)).not.toThrow();
});

describe('datasources/headroom.yaml', () => {
  test('has apiVersion 1 and the fields Grafana requires for each data source', () => {
    expect(datasourcesDoc.apiVersion).toBe(1);
    expect(datasources.length).toBeGreaterThan(0);
    for (const ds of datasources) {
      expect(typeof ds.name).toBe('string');
      expect(typeof ds.type).toBe('string');
      expect(['proxy', 'direct']).toContain(ds.access);
      expect(String(ds.uid)).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
      if (ds.type === 'prometheus' || ds.type === 'alertmanager') expect(String(ds.url)).toMatch(/^https?:\/\/[^/]+/);
    }
    expect(new Set(datasources.map((d) => d.name)).size).toBe(datasources.length);
    expect(new Set(datasources.map((d) => d.uid)).size).toBe(datasources.length);
    expect(datasources.filter((d) => d.isDefault === true).length).toBeLessThanOrEqual(1);
  });

  test('provisions Prometheus, Alertmanager and the Headroom cost data source', () => {
    expect(datasources.map((d) => d.type).sort()).toEqual(['alertmanager', costDatasourceId, 'prometheus'].sort());
  });

  test('secrets are environment references only, and only in secureJsonData', () => {
    for (const ds of datasources) {
      for (const [key, value] of Object.entries(ds.secureJsonData ?? {})) {
        expect({ datasource: ds.name, key, value: envRef.test(String(value)) }).toEqual({ datasource: ds.name, key, value: true });
      }
      for (const key of ['password', 'basicAuthPassword']) expect(ds[key]).toBeUndefined();
      for (const key of Object.keys(ds.jsonData ?? {})) {
        if (/^httpHeaderName\d+$/.test(key)) continue;
        expect({ datasource: ds.name, key, secretLike: /password|secret|token|authorization|apikey/i.test(key) }).toEqual({ datasource: ds.name, key, secretLike: false });
      }
    }
    // Nothing in any provisioning file looks like a literal credential.
    for (const f of yamlFiles) {
      const text = fs.readFileSync(path.join(here, f), 'utf8');
      expect({ file: f, literal: /(Bearer|Basic)\s+[A-Za-z0-9+/=_-]{8,}/.test(text) }).toEqual({ file: f, literal: false });
    }
  });

  test('the compose Grafana passes every referenced secret through from the environment, without a value of its own', () => {
    const referenced = datasources.flatMap((ds) => Object.values(ds.secureJsonData ?? {}).map((v) => envRef.exec(String(v))![1]));
    for (const name of new Set(referenced)) {
      expect({ name, value: grafana.environment?.[name] }).toEqual({ name, value: `\${${name}:-}` });
    }
  });

  test('the cost data source settings are ones datasources/cost/types.ts declares', () => {
    const types = fs.readFileSync(path.join(repo, 'datasources/cost/types.ts'), 'utf8');
    const body = /interface CostDataSourceOptions[^{]*\{([\s\S]*?)\n\}/.exec(types)![1];
    const keys = [...body.matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]);
    const union = (name: string) => [...(new RegExp(`type ${name} = ([^;]+);`).exec(types)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const secureBody = /interface CostSecureJsonData[^{]*\{([\s\S]*?)\n\}/.exec(types)![1];
    const secureKeys = [...secureBody.matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]);

    const cost = datasources.find((d) => d.type === costDatasourceId)!;
    for (const key of Object.keys(cost.jsonData ?? {})) expect(keys).toContain(key);
    for (const key of Object.keys(cost.secureJsonData ?? {})) expect(secureKeys).toContain(key);
    const json = cost.jsonData ?? {};
    expect(union('PrometheusAccess')).toContain(json.prometheusAccess);
    if (json.inventorySource !== undefined) expect(union('InventorySource')).toContain(json.inventorySource);
    if (json.priceBookSource !== undefined) expect(union('PriceBookSource')).toContain(json.priceBookSource);
    if (json.prometheusAccess === 'datasource') {
      expect(datasources.filter((d) => d.type === 'prometheus').map((d) => d.uid)).toContain(json.prometheusDatasourceUid);
    } else {
      expect(String(json.prometheusUrl)).toMatch(/^https?:\/\//);
    }
  });

  test('names are the ones the dashboards preselect', () => {
    const dir = path.join(repo, 'dashboards', 'out');
    const names = new Map(datasources.map((d) => [d.type, d.name]));
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const d = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { templating: { list: Array<{ type: string; query: string; current?: { text?: string } }> } };
      for (const v of d.templating.list.filter((x) => x.type === 'datasource' && x.current?.text)) {
        expect({ dashboard: f, type: v.query, name: v.current!.text }).toEqual({ dashboard: f, type: v.query, name: names.get(v.query) });
      }
    }
  });

  test('URLs point at compose services', () => {
    for (const ds of datasources.filter((d) => typeof d.url === 'string')) {
      const host = new URL(String(ds.url)).hostname;
      expect(Object.keys(compose.services)).toContain(host);
    }
  });
});

describe('dashboards/headroom.yaml', () => {
  test('has apiVersion 1 and a file provider with name, type and options.path, in folder "Headroom"', () => {
    expect(dashboardsDoc.apiVersion).toBe(1);
    expect(providers).toHaveLength(1);
    const [p] = providers;
    expect(typeof p.name).toBe('string');
    expect(p.type).toBe('file');
    expect(p.folder).toBe('Headroom');
    expect(typeof p.options.path).toBe('string');
  });

  test('its path is where compose mounts the rendered dashboards', () => {
    const m = mounts(grafana).find((x) => x.target === providers[0].options.path);
    expect(m?.abs).toBe(path.join(repo, 'dashboards', 'out'));
    expect(fs.readdirSync(m!.abs).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
  });
});

describe('plugins/headroom.yaml', () => {
  test('has apiVersion 1 and enables the app by type', () => {
    expect(pluginsDoc.apiVersion).toBe(1);
    const apps = pluginsDoc.apps as Doc[];
    expect(apps.map((a) => a.type)).toEqual([appId]);
    for (const a of apps) {
      expect(a.org_id !== undefined || a.org_name !== undefined).toBe(true);
      expect(a.disabled).toBe(false);
    }
  });
});

describe('docker-compose.yaml', () => {
  test('runs the official Grafana image with Prometheus and Alertmanager', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['grafana', 'prometheus', 'alertmanager']));
    expect(composeDefault(String(grafana.image))).toMatch(/^grafana\/grafana:\d+\.\d+\.\d+$/);
    expect(composeDefault(String(compose.services.prometheus.image))).toMatch(/^prom\/prometheus:v/);
    expect(composeDefault(String(compose.services.alertmanager.image))).toMatch(/^prom\/alertmanager:v/);
  });

  test('allows exactly the six Headroom plugins unsigned', () => {
    const allowed = String(grafana.environment?.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',').sort();
    expect(allowed).toEqual(pluginIds.map((p) => p.id).sort());
    expect(allowed).toHaveLength(6);
  });

  test('every bind mount points at a file or folder that exists (dist/ once built)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const m of mounts(service)) {
        const dist = /^\.\.\/dist\/([^/]+)$/.exec(m.source);
        if (dist) {
          // Built by `npm run build`: a plugin of this repository; there when dist/ is.
          expect(pluginIds.map((p) => p.id)).toContain(dist[1]);
          if (fs.existsSync(path.join(repo, 'dist'))) expect({ service: name, mount: m.source, exists: fs.existsSync(path.join(m.abs, 'plugin.json')) }).toEqual({ service: name, mount: m.source, exists: true });
        } else {
          expect({ service: name, mount: m.source, exists: fs.existsSync(m.abs) }).toEqual({ service: name, mount: m.source, exists: true });
        }
      }
    }
  });

  test('Grafana gets the app plugin and this folder\'s provisioning files', () => {
    const targets = new Map(mounts(grafana).map((m) => [m.target, m.abs]));
    expect(targets.get(`/var/lib/grafana/plugins/${appId}`)).toBe(path.join(repo, 'dist', appId));
    for (const kind of ['datasources', 'dashboards', 'plugins']) {
      expect(targets.get(`/etc/grafana/provisioning/${kind}`)).toBe(path.join(here, kind));
    }
  });

  test('Prometheus loads the rules pack and sends to the compose Alertmanager; Alertmanager uses the example routing', () => {
    const prom = compose.services.prometheus;
    const configMount = mounts(prom).find((m) => m.target === '/etc/prometheus/prometheus.yml')!;
    const config = yaml.load(fs.readFileSync(configMount.abs, 'utf8')) as {
      rule_files: string[];
      alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
    };
    const ruleMounts = mounts(prom).filter((m) => m.source.startsWith('../alerts/'));
    expect(ruleMounts.map((m) => path.basename(m.source)).sort()).toEqual(['prometheus_alerts.yaml', 'prometheus_rules.yaml']);
    for (const m of ruleMounts) {
      const covered = config.rule_files.some((glob) => new RegExp(`^${glob.replace(/[.+]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(m.target));
      expect({ rules: m.target, loaded: covered }).toEqual({ rules: m.target, loaded: true });
    }
    const targets = config.alerting.alertmanagers.flatMap((a) => a.static_configs.flatMap((s) => s.targets));
    expect(targets).toContain('alertmanager:9093');
    const am = mounts(compose.services.alertmanager).find((m) => m.target === '/etc/alertmanager/alertmanager.yml');
    expect(am?.abs).toBe(path.join(repo, 'alerts', 'alertmanager.yml'));
  });

  test('published ports bind 127.0.0.1 only', () => {
    for (const service of Object.values(compose.services)) {
      for (const p of service.ports ?? []) expect(String(p)).toMatch(/^127\.0\.0\.1:/);
    }
  });
});
