// The preview server: one module per job in server/ (static files and the host page, the Grafana
// API stand-in, the data source and alerting proxies); this file routes requests to them, listens
// on 127.0.0.1 and is the command-line entry.
//
//   node_modules/.bin/tsx preview/server.ts [--no-build]
//   HEADROOM_PREVIEW_PORT (default 13000, 0 = any free port), HEADROOM_PROMETHEUS_URL
//   (default http://127.0.0.1:$HEADROOM_PROMETHEUS_PORT, port 19090), HEADROOM_ALERTMANAGER_URL
//   (default http://127.0.0.1:$HEADROOM_ALERTMANAGER_PORT, port 19093)
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHost } from './build';
import { dataSourceProxyRoute } from './server/dataSourceProxy';
import { DataSourceStore, defaultAlertmanagerUrl, defaultPrometheusUrl } from './server/dataSources';
import { frontendSettings, grafanaApiRoute } from './server/grafanaApi';
import { Route, sendJson } from './server/http';
import { staticFilesRoute } from './server/staticFiles';

export interface PreviewServerOptions {
  port?: number;
  prometheusUrl?: string;
  alertmanagerUrl?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  prometheusUrl: string;
  close(): Promise<void>;
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
  const prometheusUrl = (options.prometheusUrl ?? defaultPrometheusUrl()).replace(/\/$/, '');
  const alertmanagerUrl = (options.alertmanagerUrl ?? defaultAlertmanagerUrl()).replace(/\/$/, '');
  const requestedPort = options.port ?? Number(process.env.HEADROOM_PREVIEW_PORT ?? 13000);
  const store = new DataSourceStore(prometheusUrl, alertmanagerUrl);
  // In order: the proxies, the API (which answers every other /api/ path), then the files and page.
  const routes: Route[] = [dataSourceProxyRoute(store), grafanaApiRoute(store), staticFilesRoute(() => frontendSettings(store))];

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'http://preview');
    const pathname = decodeURIComponent(parsed.pathname);
    for (const route of routes) {
      if (await route(req, res, pathname, parsed.search)) {
        return;
      }
    }
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
