// The slice of Grafana's HTTP API the preview stands in for: frontend settings (with the preview's
// own part: plugins, dashboards, URLs), health, data source settings GET/PUT (secrets only as
// secureJsonFields), dashboards by uid, search, and /api/preview/reset for the tests.
import fs from 'node:fs';
import { ALERTMANAGER_UID } from './dataSourceProxy';
import { DataSourceStore } from './dataSources';
import { dashboardUrl, listDashboards, slug } from './dashboards';
import { readBody, Route, sendJson } from './http';
import { pluginMeta, readPlugins } from './plugins';

export function frontendSettings(store: DataSourceStore): Record<string, unknown> {
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
    datasources: store.instanceSettings(),
    defaultDatasource: store.list.find((d) => d.isDefault)?.name ?? 'Prometheus',
    panels,
    apps,
    appSubUrl: '',
    appUrl: '',
    buildInfo: { version: '12.4.10', commit: 'preview', env: 'production', edition: 'Preview host' },
    featureToggles: {},
    minRefreshInterval: '5s',
    preview: {
      prometheusUrl: store.prometheusUrl,
      alertmanagerUrl: store.alertmanagerUrl,
      alertmanagerUid: ALERTMANAGER_UID,
      plugins: [...plugins.values()].map(({ json, fixture }) => pluginMeta(json, fixture)),
      dashboards: listDashboards().map((d) => ({ uid: d.uid, title: d.title, tags: d.tags, fixture: d.fixture, url: dashboardUrl(d) })),
    },
  };
}

export function grafanaApiRoute(store: DataSourceStore): Route {
  return async (req, res, pathname) => {
    const method = req.method ?? 'GET';
    if (pathname === '/api/frontend/settings') {
      sendJson(res, 200, frontendSettings(store));
      return true;
    }
    if (pathname === '/api/health') {
      sendJson(res, 200, { database: 'ok', version: '12.4.10', commit: 'preview' });
      return true;
    }
    if (pathname === '/api/preview/reset' && method === 'POST') {
      store.reset();
      sendJson(res, 200, { message: 'Data sources reset' });
      return true;
    }
    if (pathname === '/api/datasources') {
      sendJson(res, 200, store.list.map((ds) => store.settingsView(ds)));
      return true;
    }
    let m = pathname.match(/^\/api\/datasources\/uid\/([^/]+)$/);
    if (m) {
      const ds = store.byUid(m[1]);
      if (!ds) {
        sendJson(res, 404, { message: 'Data source not found' });
      } else if (method === 'GET') {
        sendJson(res, 200, store.settingsView(ds));
      } else if (method === 'PUT') {
        let update: Record<string, unknown>;
        try {
          update = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          sendJson(res, 400, { message: 'bad request data' });
          return true;
        }
        store.update(ds, update);
        sendJson(res, 200, { datasource: store.settingsView(ds), id: ds.id, message: 'Datasource updated', name: ds.name });
      } else {
        sendJson(res, 405, { message: `Method ${method} not allowed` });
      }
      return true;
    }
    if (pathname === '/api/search') {
      sendJson(
        res,
        200,
        listDashboards().map((d) => ({ uid: d.uid, title: d.title, tags: d.tags, type: 'dash-db', url: dashboardUrl(d) }))
      );
      return true;
    }
    m = pathname.match(/^\/api\/dashboards\/uid\/([^/]+)$/);
    if (m) {
      const found = listDashboards().find((d) => d.uid === m![1]);
      if (!found) {
        sendJson(res, 404, { message: 'Dashboard not found' });
        return true;
      }
      const dashboard = JSON.parse(fs.readFileSync(found.file, 'utf8')) as Record<string, unknown>;
      sendJson(res, 200, { dashboard, meta: { slug: slug(found.title), url: dashboardUrl(found), canEdit: false, fixture: found.fixture } });
      return true;
    }
    if (pathname.startsWith('/api/')) {
      sendJson(res, 404, { message: `Not found: ${pathname}` });
      return true;
    }
    return false;
  };
}
