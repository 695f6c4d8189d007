// The HTTP side of `headroom forecast serve`: GET /metrics answers the text of the last refresh
// (Prometheus text format 0.0.4); refreshes run one after another, `interval` apart, never
// overlapping. Binds 127.0.0.1 unless told otherwise.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServeConfig } from './config';
import { refreshAll, ServeState, type RangeReader } from './refresh';

export interface RunningServer {
  /** The port bound (useful with port 0). */
  port: number;
  state: ServeState;
  /** Resolves when the first refresh has finished. */
  firstRefresh: Promise<void>;
  close(): Promise<void>;
}

/** Split "HOST:PORT" (or ":PORT", or "[::1]:PORT"). Edge cases: a bad port → null. */
export function parseListen(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65_535) return null;
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

export function startServer(
  config: ServeConfig,
  client: RangeReader,
  listen: { host: string; port: number },
  note: (line: string) => void,
  now: () => number = Date.now,
): Promise<RunningServer> {
  const state = new ServeState();
  state.text = '';
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    } else if (path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : state.text);
    } else if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('headroom forecast serve: the forecasts are at /metrics\n');
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
    }
  });
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const loop = async (): Promise<void> => {
    try {
      await refreshAll(config, client, now(), state, note);
    } catch (e) {
      note(`refresh failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!closed) timer = setTimeout(() => void loop(), config.interval * 1000);
  };
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'address already in use' : e.code === 'EACCES' ? 'permission denied' : e.message;
      reject(new Error(`cannot listen on ${listen.host}:${listen.port}: ${why}`));
    });
    server.listen(listen.port, listen.host, () => {
      const firstRefresh = loop();
      resolve({
        port: (server.address() as AddressInfo).port,
        state,
        firstRefresh,
        close: async () => {
          closed = true;
          if (timer) clearTimeout(timer);
          await firstRefresh;
          if (timer) clearTimeout(timer);
          server.closeAllConnections();
          await new Promise<void>((r) => server.close(() => r()));
        },
      });
    });
  });
}
