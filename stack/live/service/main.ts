// The live service's process: settings from the environment, the store, the metrics, the server.
// SIGTERM/SIGINT close the server and the pools and exit 0; a bad setting is one line and exit 2.
//
//   PORT=18080 node --import tsx stack/live/service/main.ts     (the stack runs the bundle: command.ts)
import { LiveConfigError, liveServiceConfig } from './config';
import { liveMetrics } from './metrics';
import { createLiveServer } from './server';
import { LiveStore } from './store';

const SCHEMA_RETRY_MS = 2000;

function start(): void {
  let cfg;
  try {
    cfg = liveServiceConfig(process.env);
  } catch (e) {
    if (!(e instanceof LiveConfigError)) throw e;
    console.error(`headroom live service: ${e.message}`);
    process.exit(2);
  }
  // The pools are read at each scrape, once the store exists.
  const metrics = liveMetrics(() => store.poolStats());
  const store = new LiveStore(cfg, metrics);
  const server = createLiveServer(cfg, store, metrics);
  server.keepAliveTimeout = 30_000;
  server.on('error', (e) => {
    console.error(`headroom live service: cannot listen on ${cfg.host}:${cfg.port}: ${e.message}`);
    process.exit(1);
  });
  server.listen(cfg.port, cfg.host, () => console.log(`${new Date().toISOString()} ${cfg.pod} listens on http://${cfg.host}:${cfg.port} (pool ${cfg.poolSize} per server, work ${cfg.work})`));

  // The tables, then the pools filled; retried while the primary is not there yet.
  let stopping = false;
  const prepare = async () => {
    if (stopping) return;
    if (await store.ensureSchema()) await store.warm();
    else setTimeout(() => void prepare(), SCHEMA_RETRY_MS).unref();
  };
  void prepare();

  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void store.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

start();
