// Grafana's data source proxy: /api/datasources/proxy/uid/<uid>/<path> to the data source's URL
// (Prometheus) or to a plugin route of its plugin.json ("routes", with {{ .JsonData.x }} and
// {{ .SecureJsonData.x }} filled in URLs and headers). And Grafana's alerting proxies the alert
// list reads: /api/prometheus/<uid>/api/v1/alerts (a Prometheus data source's alerts) and
// /api/alertmanager/<name>/api/v2/alerts (the Alertmanager's).
import http from 'node:http';
import https from 'node:https';
import { DataSourceRecord, DataSourceStore } from './dataSources';
import { readBody, Route, sendJson } from './http';
import { readPlugins } from './plugins';

function render(template: string | undefined, ds: DataSourceRecord): string {
  return (template ?? '').replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_m, scope: string, key: string) => {
    const value = scope === 'JsonData' ? ds.jsonData[key] : ds.secureJsonData[key];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** Forwards the request (method, body, content-type/accept and the extra headers) and pipes the answer back. */
async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: string, headers: Record<string, string>): Promise<void> {
  let url: URL;
  try {
    url = new URL(target);
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
}

async function proxy(req: http.IncomingMessage, res: http.ServerResponse, store: DataSourceStore, uid: string, rest: string, search: string) {
  const ds = store.byUid(uid);
  if (!ds) {
    sendJson(res, 404, { message: `Data source not found: ${uid}` });
    return;
  }
  const headers: Record<string, string> = {};
  if (ds.type === 'prometheus') {
    await forward(req, res, `${ds.url}/${rest}${search}`, headers);
    return;
  }
  const routes = readPlugins().get(ds.type)?.json.routes ?? [];
  const route = routes.filter((r) => rest === r.path || rest.startsWith(`${r.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!route) {
    sendJson(res, 404, { message: `No route of ${ds.type} matches '${rest}'` });
    return;
  }
  const base = render(route.url, ds).replace(/\/$/, '');
  if (!base) {
    sendJson(res, 502, { message: `The ${route.path} route of ${ds.name} has an empty URL` });
    return;
  }
  for (const header of route.headers ?? []) {
    const value = render(header.content, ds);
    if (value) {
      headers[header.name] = value;
    }
  }
  await forward(req, res, `${base}${rest.slice(route.path.length)}${search}`, headers);
}

/** The name the preview's Alertmanager has in /api/alertmanager/<name>/ (Grafana's data source uid). */
export const ALERTMANAGER_UID = 'alertmanager';

export function dataSourceProxyRoute(store: DataSourceStore): Route {
  return async (req, res, pathname, search) => {
    let m = pathname.match(/^\/api\/datasources\/proxy\/uid\/([^/]+)\/?(.*)$/);
    if (m) {
      await proxy(req, res, store, m[1], m[2], search);
      return true;
    }
    m = pathname.match(/^\/api\/prometheus\/([^/]+)\/api\/v1\/(alerts|rules)$/);
    if (m) {
      const ds = store.byUid(m[1]);
      if (!ds || ds.type !== 'prometheus') {
        sendJson(res, 404, { message: `Prometheus data source not found: ${m[1]}` });
      } else {
        await forward(req, res, `${ds.url}/api/v1/${m[2]}${search}`, {});
      }
      return true;
    }
    m = pathname.match(/^\/api\/alertmanager\/([^/]+)\/api\/v2\/(alerts|alerts\/groups|silences|status)$/);
    if (m) {
      if (m[1] !== ALERTMANAGER_UID) {
        sendJson(res, 404, { message: `Alertmanager not found: ${m[1]}` });
      } else {
        await forward(req, res, `${store.alertmanagerUrl}/api/v2/${m[2]}${search}`, {});
      }
      return true;
    }
    return false;
  };
}
