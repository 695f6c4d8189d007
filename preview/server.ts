// The preview server: the host page, the host bundle, the built plugins (as Grafana serves them,
// under /public/plugins/<id>/), the dashboards, a small slice of Grafana's HTTP API (frontend
// settings, data source settings, dashboards, search) and Grafana's data source proxy to the local
// Prometheus, including plugin routes (plugin.json "routes", e.g. the cost data source's
// /prometheus route with its JsonData/SecureJsonData templates).
//
//   node_modules/.bin/tsx preview/server.ts [--no-build]
//   HEADROOM_PREVIEW_PORT (default 13000, 0 = any free port), HEADROOM_PROMETHEUS_URL
//   (default http://127.0.0.1:$HEADROOM_PROMETHEUS_PORT, port 19090)
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHost, hostOutDir, repoRoot } from './build';

const previewDir = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.join(repoRoot, 'dist');
const fixturesDir = path.join(previewDir, 'fixtures');
const uiIconsDir = path.join(repoRoot, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
const interFontDir = path.join(repoRoot, 'node_modules', 'inter-ui', 'web');
const monoFallbackFont = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

export interface PreviewServerOptions {
  port?: number;
  prometheusUrl?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  prometheusUrl: string;
  close(): Promise<void>;
}

interface PluginJson {
  id: string;
  type: 'panel' | 'datasource' | 'app';
  name: string;
  info: { logos?: { small?: string; large?: string }; version?: string; [key: string]: unknown };
  routes?: Array<{ path: string; url?: string; headers?: Array<{ name: string; content: string }> }>;
  [key: string]: unknown;
}

interface DataSourceRecord {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: 'proxy' | 'direct';
  url: string;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
  version: number;
}

const mimeTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

const prometheusLogo =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#e6522c"/></svg>';

function defaultPrometheusUrl(): string {
  return process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT || '19090'}`;
}

function initialDataSources(prometheusUrl: string): DataSourceRecord[] {
  return [
    {
      id: 1,
      uid: 'prometheus',
      name: 'Prometheus',
      type: 'prometheus',
      access: 'proxy',
      url: prometheusUrl,
      isDefault: true,
      jsonData: { httpMethod: 'POST', timeInterval: '15s' },
      secureJsonData: {},
      version: 1,
    },
    {
      id: 2,
      uid: 'headroom-cost',
      name: 'Headroom Cost',
      type: 'headroom-cost-datasource',
      access: 'proxy',
      url: '',
      isDefault: false,
      jsonData: { prometheusAccess: 'datasource', prometheusDatasourceUid: 'prometheus' },
      secureJsonData: {},
      version: 1,
    },
  ];
}

/** Plugin folders: the built plugins in dist/, then the test fixtures (never shadowing dist). */
function pluginDirs(): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const root of [distDir, path.join(fixturesDir, 'plugins')]) {
    if (!fs.existsSync(root)) {
      continue;
    }
    for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
      const file = path.join(root, entry.name, 'plugin.json');
      if (entry.isDirectory() && fs.existsSync(file) && !dirs.has(entry.name)) {
        dirs.set(entry.name, path.join(root, entry.name));
      }
    }
  }
  return dirs;
}

function readPlugins(): Map<string, { json: PluginJson; dir: string; fixture: boolean }> {
  const plugins = new Map<string, { json: PluginJson; dir: string; fixture: boolean }>();
  for (const [id, dir] of pluginDirs()) {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as PluginJson;
      plugins.set(json.id ?? id, { json, dir, fixture: dir.startsWith(fixturesDir) });
    } catch {
      // A half-written plugin.json (a build in progress) is skipped until the next request.
    }
  }
  return plugins;
}

/** The plugin meta Grafana's frontend settings carry for each plugin. */
function pluginMeta(json: PluginJson, fixture: boolean): Record<string, unknown> {
  const baseUrl = `public/plugins/${json.id}`;
  const logo = (p?: string) => (p ? `${baseUrl}/${p}` : 'public/img/icn-app.svg');
  return {
    ...json,
    routes: undefined,
    baseUrl,
    module: `${baseUrl}/module.js`,
    info: { ...json.info, logos: { small: logo(json.info?.logos?.small), large: logo(json.info?.logos?.large) } },
    signature: 'unsigned',
    loadingStrategy: 'script',
    angular: { detected: false },
    hideFromList: fixture,
    sort: 100,
    fixture,
  };
}

const prometheusMeta = {
  id: 'prometheus',
  type: 'datasource',
  name: 'Prometheus',
  module: 'core:plugin/prometheus',
  baseUrl: 'public/app/plugins/datasource/prometheus',
  info: {
    author: { name: 'Grafana Labs' },
    description: 'Open source time series database & alerting',
    logos: {
      small: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
      large: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
    },
    version: '',
    updated: '',
    links: [],
    screenshots: [],
  },
  metrics: true,
  alerting: true,
  annotations: true,
  backend: true,
};

function render(template: string | undefined, ds: DataSourceRecord): string {
  return (template ?? '').replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_m, scope: string, key: string) => {
    const value = scope === 'JsonData' ? ds.jsonData[key] : ds.secureJsonData[key];
    return value === undefined || value === null ? '' : String(value);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveFile(req: http.IncomingMessage, res: http.ServerResponse, root: string, relative: string, immutable = false): void {
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    sendJson(res, 404, { message: `Not found: ${relative}` });
    return;
  }
  const stat = fs.statSync(file);
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
}

interface DashboardFile {
  uid: string;
  title: string;
  tags: string[];
  file: string;
  fixture: boolean;
}

function listDashboards(): DashboardFile[] {
  const out: DashboardFile[] = [];
  const dirs: Array<[string, boolean]> = [
    [path.join(repoRoot, 'dashboards', 'out'), false],
    [path.join(fixturesDir, 'dashboards'), true],
  ];
  for (const [dir, fixture] of dirs) {
    if (!fs.existsSync(dir)) {
      continue;
    }
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      try {
        const json = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { uid?: string; title?: string; tags?: string[] };
        const uid = json.uid ?? path.basename(name, '.json');
        if (!out.some((d) => d.uid === uid)) {
          out.push({ uid, title: json.title ?? uid, tags: json.tags ?? [], file: path.join(dir, name), fixture });
        }
      } catch {
        // Skipped until it parses (a render in progress).
      }
    }
  }
  return out;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const prometheusUrl = (options.prometheusUrl ?? defaultPrometheusUrl()).replace(/\/$/, '');
  const requestedPort = options.port ?? Number(process.env.HEADROOM_PREVIEW_PORT ?? 13000);
  let datasources = initialDataSources(prometheusUrl);

  const instanceSettings = () => {
    const plugins = readPlugins();
    const out: Record<string, unknown> = {};
    for (const ds of datasources) {
      const plugin = plugins.get(ds.type);
      out[ds.name] = {
        id: ds.id,
        uid: ds.uid,
        type: ds.type,
        name: ds.name,
        meta: ds.type === 'prometheus' ? prometheusMeta : plugin ? pluginMeta(plugin.json, plugin.fixture) : { id: ds.type, name: ds.type, type: 'datasource', info: { logos: {} } },
        url: `/api/datasources/proxy/uid/${ds.uid}`,
        jsonData: ds.jsonData,
        access: ds.access,
        isDefault: ds.isDefault,
        readOnly: false,
      };
    }
    return out;
  };

  const frontendSettings = () => {
    const plugins = readPlugins();
    const panels: Record<string, unknown> = {};
    const apps: Record<string, unknown> = {};
    for (const { json, fixture } of plugins.values()) {
      if (json.type === 'panel') {
        panels[json.id] = pluginMeta(json, fixture);
      } else if (json.type === 'app') {
        apps[json.id] = { id: json.id, path: `public/plugins/${json.id}/module.js`, version: json.info?.version, preload: false };
      }
    }
    return {
      datasources: instanceSettings(),
      defaultDatasource: datasources.find((d) => d.isDefault)?.name ?? 'Prometheus',
      panels,
      apps,
      appSubUrl: '',
      appUrl: '',
      buildInfo: { version: '12.4.10', commit: 'preview', env: 'production', edition: 'Preview host' },
      featureToggles: {},
      minRefreshInterval: '5s',
      preview: {
        prometheusUrl,
        plugins: [...plugins.values()].map(({ json, fixture }) => pluginMeta(json, fixture)),
        dashboards: listDashboards().map(({ uid, title, tags, fixture }) => ({ uid, title, tags, fixture, url: `/d/${uid}/${slug(title)}` })),
      },
    };
  };

  const settingsView = (ds: DataSourceRecord) => ({
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    typeName: ds.type === 'prometheus' ? 'Prometheus' : (readPlugins().get(ds.type)?.json.name ?? ds.type),
    typeLogoUrl: '',
    access: ds.access,
    url: ds.url,
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    secureJsonFields: Object.fromEntries(Object.keys(ds.secureJsonData).map((k) => [k, true])),
    version: ds.version,
    readOnly: false,
  });

  const indexHtml = () => {
    const bootData = { settings: frontendSettings(), user: { theme: 'dark', lightTheme: false, timezone: 'browser', orgId: 1, isSignedIn: true, login: 'preview', orgRole: 'Admin' }, navTree: [] };
    const json = JSON.stringify(bootData).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<base href="/">
<meta name="viewport" content="width=device-width">
<title>Headroom preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/public/build/main.css">
<script>
window.grafanaBootData = ${json};
(function () {
  var theme = new URLSearchParams(location.search).get('theme');
  var user = window.grafanaBootData.user;
  user.theme = theme === 'light' ? 'light' : 'dark';
  user.lightTheme = user.theme === 'light';
  document.documentElement.dataset.theme = user.theme;
})();
</script>
<script type="module" src="/public/build/main.js"></script>
</head>
<body><div id="reactRoot"></div></body>
</html>`;
  };

  const proxy = async (req: http.IncomingMessage, res: http.ServerResponse, uid: string, rest: string, search: string) => {
    const ds = datasources.find((d) => d.uid === uid);
    if (!ds) {
      sendJson(res, 404, { message: `Data source not found: ${uid}` });
      return;
    }
    let target: string;
    const headers: Record<string, string> = {};
    if (ds.type === 'prometheus') {
      target = `${ds.url}/${rest}`;
    } else {
      const routes = readPlugins().get(ds.type)?.json.routes ?? [];
      const route = routes
        .filter((r) => rest === r.path || rest.startsWith(`${r.path}/`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (!route) {
        sendJson(res, 404, { message: `No route of ${ds.type} matches '${rest}'` });
        return;
      }
      const base = render(route.url, ds).replace(/\/$/, '');
      if (!base) {
        sendJson(res, 502, { message: `The ${route.path} route of ${ds.name} has an empty URL` });
        return;
      }
      target = `${base}${rest.slice(route.path.length)}`;
      for (const header of route.headers ?? []) {
        const value = render(header.content, ds);
        if (value) {
          headers[header.name] = value;
        }
      }
    }
    let url: URL;
    try {
      url = new URL(target + search);
    } catch {
      sendJson(res, 502, { message: `Invalid data source URL: ${target}` });
      return;
    }
    const body = await readBody(req);
    for (const name of ['content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') {
        headers[name] = value;
      }
    }
    if (body.length) {
      headers['content-length'] = String(body.length);
    }
    const client = url.protocol === 'https:' ? https : http;
    const upstream = client.request(url, { method: req.method, headers, timeout: 30000 }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        'Content-Type': answer.headers['content-type'] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`timeout after 30 s from ${url.origin}`)));
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!res.headersSent) {
        sendJson(res, 502, { message: 'Bad Gateway', error: `${err.message || err.code || 'connection failed'} (${url.origin})` });
      } else {
        res.destroy(err);
      }
    });
    upstream.end(body);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'http://preview');
    const pathname = decodeURIComponent(parsed.pathname);
    const method = req.method ?? 'GET';

    let m = pathname.match(/^\/api\/datasources\/proxy\/uid\/([^/]+)\/?(.*)$/);
    if (m) {
      await proxy(req, res, m[1], m[2], parsed.search);
      return;
    }
    if (pathname === '/api/frontend/settings') {
      sendJson(res, 200, frontendSettings());
      return;
    }
    if (pathname === '/api/health') {
      sendJson(res, 200, { database: 'ok', version: '12.4.10', commit: 'preview' });
      return;
    }
    if (pathname === '/api/preview/reset' && method === 'POST') {
      datasources = initialDataSources(prometheusUrl);
      sendJson(res, 200, { message: 'Data sources reset' });
      return;
    }
    if (pathname === '/api/datasources') {
      sendJson(res, 200, datasources.map(settingsView));
      return;
    }
    m = pathname.match(/^\/api\/datasources\/uid\/([^/]+)$/);
    if (m) {
      const ds = datasources.find((d) => d.uid === m![1]);
      if (!ds) {
        sendJson(res, 404, { message: 'Data source not found' });
        return;
      }
      if (method === 'GET') {
        sendJson(res, 200, settingsView(ds));
        return;
      }
      if (method === 'PUT') {
        let update: Record<string, unknown>;
        try {
          update = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          sendJson(res, 400, { message: 'bad request data' });
          return;
        }
        if (typeof update.name === 'string' && update.name) {
          ds.name = update.name;
        }
        if (typeof update.url === 'string' && ds.type !== 'prometheus') {
          ds.url = update.url;
        }
        if (update.jsonData && typeof update.jsonData === 'object') {
          ds.jsonData = update.jsonData as Record<string, unknown>;
        }
        const fields = (update.secureJsonFields ?? {}) as Record<string, boolean>;
        for (const [key, set] of Object.entries(fields)) {
          if (set === false) {
            delete ds.secureJsonData[key];
          }
        }
        for (const [key, value] of Object.entries((update.secureJsonData ?? {}) as Record<string, unknown>)) {
          if (typeof value === 'string' && value !== '') {
            ds.secureJsonData[key] = value;
          } else if (value === '' && fields[key] === false) {
            delete ds.secureJsonData[key];
          }
        }
        ds.version += 1;
        sendJson(res, 200, { datasource: settingsView(ds), id: ds.id, message: 'Datasource updated', name: ds.name });
        return;
      }
    }
    if (pathname === '/api/search') {
      sendJson(
        res,
        200,
        listDashboards().map(({ uid, title, tags }) => ({ uid, title, tags, type: 'dash-db', url: `/d/${uid}/${slug(title)}` }))
      );
      return;
    }
    m = pathname.match(/^\/api\/dashboards\/uid\/([^/]+)$/);
    if (m) {
      const found = listDashboards().find((d) => d.uid === m![1]);
      if (!found) {
        sendJson(res, 404, { message: 'Dashboard not found' });
        return;
      }
      const dashboard = JSON.parse(fs.readFileSync(found.file, 'utf8')) as Record<string, unknown>;
      sendJson(res, 200, { dashboard, meta: { slug: slug(found.title), url: `/d/${found.uid}/${slug(found.title)}`, canEdit: false, fixture: found.fixture } });
      return;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { message: `Not found: ${pathname}` });
      return;
    }
    if (pathname.startsWith('/public/build/img/icons/')) {
      // @grafana/ui's Icon fetches its SVGs from Grafana's public/build/img/icons/.
      const relative = pathname.slice('/public/build/img/icons/'.length);
      if (fs.existsSync(path.join(uiIconsDir, relative))) {
        serveFile(req, res, uiIconsDir, relative, true);
      } else {
        // Grafana ships more icons than @grafana/ui's package: a blank one of the same size.
        res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
        res.end('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>');
      }
      return;
    }
    if (pathname.startsWith('/public/fonts/inter/')) {
      serveFile(req, res, interFontDir, pathname.slice('/public/fonts/inter/'.length), true);
      return;
    }
    if (pathname.startsWith('/public/fonts/roboto/') && fs.existsSync(monoFallbackFont)) {
      // Grafana ships Roboto Mono; the preview stands in the system's DejaVu Sans Mono.
      serveFile(req, res, path.dirname(monoFallbackFont), path.basename(monoFallbackFont), true);
      return;
    }
    if (pathname.startsWith('/public/build/')) {
      const relative = pathname.slice('/public/build/'.length);
      serveFile(req, res, hostOutDir, relative, relative.startsWith('chunks/'));
      return;
    }
    m = pathname.match(/^\/public\/plugins\/([^/]+)\/(.+)$/);
    if (m) {
      const dir = pluginDirs().get(m[1]);
      if (!dir) {
        sendJson(res, 404, { message: `Plugin not found: ${m[1]}` });
        return;
      }
      serveFile(req, res, dir, m[2]);
      return;
    }
    if (pathname.endsWith('prometheus_logo.svg') || pathname === '/public/img/icn-app.svg') {
      res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=3600' });
      res.end(prometheusLogo);
      return;
    }
    if (pathname.startsWith('/public/')) {
      sendJson(res, 404, { message: `Not found: ${pathname}` });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(indexHtml());
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { message: err instanceof Error ? err.message : String(err) });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new Error(`port ${requestedPort} on 127.0.0.1 is already in use (set HEADROOM_PREVIEW_PORT to another port)`));
      } else if (err.code === 'EACCES') {
        reject(new Error(`port ${requestedPort} on 127.0.0.1 is not allowed (set HEADROOM_PREVIEW_PORT to a port above 1024)`));
      } else {
        reject(err);
      }
    });
    server.listen(requestedPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requestedPort;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    prometheusUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    const { built, ms } = await buildHost();
    if (built) {
      console.log(`preview: host bundle built in ${(ms / 1000).toFixed(1)} s`);
    }
  }
  const server = await startPreviewServer();
  console.log(`preview: ${server.url}/ (Prometheus ${server.prometheusUrl})`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a test harness: go away with it, even if it dies without stopping us.
  const parent = Number(process.env.HEADROOM_PREVIEW_PARENT_PID);
  if (parent) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        stop();
      }
    }, 2000).unref();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`preview: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
