// The live simulator: replays the model from its anchor to now, then serves the current tick on
// GET /metrics (Prometheus text format). Run by stack/cli.ts as
//   node --import tsx stack/simulator/server.ts --seed N --anchor T --port P --state DIR
import * as http from 'node:http';
import { renderLive } from './exposition';
import { schedule } from './incidents';
import { Simulator, TICK } from './model';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing --${name}`);
  return process.argv[i + 1];
}

const seed = Number(arg('seed'));
const anchor = Number(arg('anchor'));
const port = Number(arg('port'));
const host = '127.0.0.1';

const nowSec = () => Date.now() / 1000;
const sim = new Simulator({ seed, anchor });
const t0 = Date.now();
sim.advanceToTime(nowSec());
console.log(`simulator: replayed ${sim.k + 1} ticks from ${new Date(anchor * 1000).toISOString()} in ${Date.now() - t0} ms`);

// Keep up with the clock even when nobody scrapes, so a late scrape never waits for a long replay.
const timer = setInterval(() => sim.advanceToTime(nowSec()), TICK * 1000);

const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', `http://${host}`);
  if (req.method !== 'GET') {
    res.writeHead(405).end();
    return;
  }
  if (u.pathname === '/metrics') {
    sim.advanceToTime(nowSec());
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(renderLive(sim));
  } else if (u.pathname === '/-/healthy') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
  } else if (u.pathname === '/schedule') {
    // Incident windows around now: ?from=&to= (unix seconds), default the last 30 and next 1 days.
    const now = nowSec();
    const from = Number(u.searchParams.get('from') ?? now - 30 * 86400);
    const to = Number(u.searchParams.get('to') ?? now + 86400);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ seed, anchor, tick: sim.k, incidents: schedule(seed, from, to) }));
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('try /metrics, /schedule or /-/healthy\n');
  }
});

server.on('error', (e: NodeJS.ErrnoException) => {
  console.error(`simulator: cannot listen on ${host}:${port}: ${e.code ?? e.message}`);
  process.exit(1);
});
server.listen(port, host, () => console.log(`simulator: serving http://${host}:${port}/metrics (seed ${seed})`));

const shutdown = () => {
  clearInterval(timer);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
