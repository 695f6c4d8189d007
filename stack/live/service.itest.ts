// The live service against the running stack's real data tier (PostgreSQL primary + replica,
// Redis): replicas run exactly as the stack runs them (serviceCommand: the esbuild bundle under
// the small-memory flags), each on a free port, and are ended by the test. Checks: GET /api reads
// through the cache (replica on a miss, then a hit), POST /checkout writes on the primary, the
// request counters equal what the load generator sent, code by code, the pool metrics equal the
// configured size, a Redis that is stopped leaves /api answering from PostgreSQL (counted) and is
// used again once restarted, and a database that is down gives 503 with a body naming it, the
// process still alive. About 15 s.
//
// The Redis stopped is one of the test's own (the tier's binary), not the stack's, which the stack
// and its other tests share; a database "down" is a port where nothing listens.
import { ChildProcess, spawn } from 'node:child_process';
import { loadConfig } from '../config';
import { describeDataTier } from '../datatier';
import { psql } from '../datatier/postgres';
import { redisCli } from '../datatier/redis';
import { freePorts, sleep } from '../testing';
import { runLoad } from './load/generator';
import { serviceCommand } from './service/command';
import { ITEM_COUNT } from './service/store';
import { MAX_REQUEST_WORK, requestCpuSeconds } from './service/work';

const stateDir = loadConfig().stateDir;
const tier = describeDataTier(stateDir);
const POOL_SIZE = 3;
const children: ChildProcess[] = [];

interface Replica {
  url: string;
  proc: ChildProcess;
  log: () => string;
}

async function startReplica(pod: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const [port] = await freePorts(1);
  const c = serviceCommand(stateDir, { ...process.env, PORT: String(port), HEADROOM_POD: pod, HEADROOM_LIVE_POOL_SIZE: String(POOL_SIZE), ...env });
  const proc = spawn(c.cmd, c.args, { env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`replica ${pod} exited (${proc.exitCode}): ${out}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`replica ${pod} does not answer on ${url}: ${out}`);
    await sleep(100);
  }
  return { url, proc, log: () => out };
}

/** A Redis of the test's own (the stack's is shared): the tier's binary, no persistence. */
async function startOwnRedis(port: number): Promise<ChildProcess> {
  const proc = spawn(tier.bins.redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: 'ignore' });
  children.push(proc);
  for (let i = 0; (await redisCli(tier.bins, port, ['PING'], 1000).catch(() => '')).trim() !== 'PONG'; i++) {
    if (i > 50 || proc.exitCode !== null) throw new Error(`redis-server on ${port} did not start`);
    await sleep(100);
  }
  return proc;
}

function stopProc(proc: ChildProcess): Promise<unknown> {
  if (proc.exitCode !== null) return Promise.resolve();
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  return exited;
}

async function scrape(r: Replica): Promise<string> {
  return (await fetch(`${r.url}/metrics`)).text();
}

/** The value of one series in an exposition (0 when absent: a counter not yet incremented). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function poolSettled(r: Replica, pool: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const text = await scrape(r);
    const total = sample(text, `db_client_connection_count{db_client_connection_pool_name="${pool}",db_client_connection_state="idle"}`) + sample(text, `db_client_connection_count{db_client_connection_pool_name="${pool}",db_client_connection_state="used"}`);
    if (total === POOL_SIZE) return text;
    await sleep(100);
  }
  throw new Error(`the ${pool} pool never held ${POOL_SIZE} connections: ${await scrape(r)}`);
}

afterAll(() => Promise.all(children.map(stopProc)));

describe('the live service on the real data tier', () => {
  let live: Replica;
  beforeAll(async () => {
    live = await startReplica('itest-live', {});
    // The service creates its tables on the primary once it listens; they reach the replica by
    // streaming replication, which can trail by seconds (just after the data tier's lag incidents
    // resumed a paused replay): reads are tested once the replica has the catalogue.
    for (let i = 0; ; i++) {
      const rows = await psql(tier.bins, tier.ports.pgReplica.port, 'SELECT count(*) FROM live_items').catch(() => '0');
      if (Number(rows) === ITEM_COUNT) break;
      if (i > 120) throw new Error(`the replica never had the ${ITEM_COUNT} rows of live_items (last: ${rows.trim()}): ${live.log()}`);
      await sleep(500);
    }
  }, 90_000);

  it('reads through the cache from the replica, writes orders on the primary', async () => {
    const item = 1 + (Date.now() % 997);
    await redisCli(tier.bins, tier.ports.redis.port, ['DEL', `live:item:${item}`]); // cached by an earlier run, perhaps
    const first = await (await fetch(`${live.url}/api?item=${item}`)).json();
    expect(first).toMatchObject({ id: item, name: `item-${item}`, source: 'replica', pod: 'itest-live' });
    // The fill is not awaited by the response: the next read is a hit once it has landed.
    for (let i = 0; i < 20 && (await redisCli(tier.bins, tier.ports.redis.port, ['EXISTS', `live:item:${item}`])).trim() !== '1'; i++) await sleep(50);
    const second = await (await fetch(`${live.url}/api?item=${item}`)).json();
    expect(second).toEqual({ ...(first as object), source: 'cache' });

    const before = Number(await psql(tier.bins, tier.ports.pgPrimary.port, "SELECT count(*) FROM live_orders WHERE pod = 'itest-live'"));
    const res = await fetch(`${live.url}/checkout`, { method: 'POST', body: JSON.stringify({ item, quantity: 3 }) });
    expect(res.status).toBe(201);
    const order = (await res.json()) as { order: number };
    expect(await psql(tier.bins, tier.ports.pgPrimary.port, `SELECT item_id || ' ' || quantity || ' ' || pod FROM live_orders WHERE id = ${order.order}`)).toBe(`${item} 3 itest-live\n`);
    expect(Number(await psql(tier.bins, tier.ports.pgPrimary.port, "SELECT count(*) FROM live_orders WHERE pod = 'itest-live'"))).toBe(before + 1);

    const miss = await (await fetch(`${live.url}/api?item=0`)).json();
    expect(miss).toEqual({ error: 'item must be a whole number from 1 to 1000' });
  });

  it('GET /api?work=W spends W units of CPU (up to MAX_REQUEST_WORK); a W out of range is 400', async () => {
    const cpu = async () => sample(await scrape(live), 'process_cpu_seconds_total');
    const before = await cpu();
    for (let i = 0; i < 10; i++) expect((await fetch(`${live.url}/api?item=1&work=${MAX_REQUEST_WORK}`)).status).toBe(200);
    const spent = (await cpu()) - before;
    // At the replica's own level (4 units) ten requests are ~22 ms; asked for 400 each, at least ~0.8 s.
    expect(spent).toBeGreaterThan(0.8 * 10 * requestCpuSeconds(MAX_REQUEST_WORK));
    for (const w of [MAX_REQUEST_WORK + 1, -1, 1.5]) {
      const res = await fetch(`${live.url}/api?item=1&work=${w}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: `work must be a whole number of CPU units from 0 to ${MAX_REQUEST_WORK}` });
    }
  });

  it('counts exactly the requests served, by handler and code, and the pools at their configured size', async () => {
    const series = (h: string, code: number) => `http_requests_total{handler="${h}",code="${code}"}`;
    const before = await scrape(live);
    const r = await runLoad({ target: live.url, checkoutShare: 0.25, profile: { durationS: 2, baseRps: 40, dayS: 2, amplitude: 0, growthPerDay: 0, spike: null } });
    expect(r).toMatchObject({ sent: 80, ok: 80, errors: 0, skipped: 0, byCode: { '200': 60, '201': 20 } });
    const after = await scrape(live);
    expect(sample(after, series('/api', 200)) - sample(before, series('/api', 200))).toBe(60);
    expect(sample(after, series('/checkout', 201)) - sample(before, series('/checkout', 201))).toBe(20);
    const count = (t: string) => sample(t, 'http_request_duration_seconds_count{handler="/api",code="200"}');
    expect(count(after) - count(before)).toBe(60);
    expect(sample(after, 'http_request_duration_seconds_bucket{le="+Inf",handler="/api",code="200"}')).toBe(count(after));
    const hits = (t: string) => sample(t, 'app_cache_lookups_total{result="hit"}') + sample(t, 'app_cache_lookups_total{result="miss"}');
    expect(hits(after) - hits(before)).toBe(60);
    expect(after).not.toMatch(/[{,](service|job|instance)="/);

    for (const pool of ['primary', 'replica']) {
      const text = await poolSettled(live, pool);
      expect(sample(text, `db_client_connection_max{db_client_connection_pool_name="${pool}"}`)).toBe(POOL_SIZE);
      expect(sample(text, `db_client_connection_pending_requests{db_client_connection_pool_name="${pool}"}`)).toBe(0);
    }
    expect(Number(await psql(tier.bins, tier.ports.pgReplica.port, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'headroom-live itest-live replica'"))).toBe(POOL_SIZE);
  });

  it('answers /api from PostgreSQL while its Redis is stopped, counting the cache errors, and uses the cache again once it is back', async () => {
    const [redisPort] = await freePorts(1);
    const redis = await startOwnRedis(redisPort);
    const r = await startReplica('itest-cachedrop', { HEADROOM_REDIS_PORT: String(redisPort) });
    const read = async (item: number) => {
      const res = await fetch(`${r.url}/api?item=${item}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { source: string }).source;
    };
    expect(await read(1)).toBe('replica');
    for (let i = 0; i < 20 && (await redisCli(tier.bins, redisPort, ['EXISTS', 'live:item:1'])).trim() !== '1'; i++) await sleep(50); // the fill
    expect(await read(1)).toBe('cache');

    await stopProc(redis);
    for (let i = 0; i < 5; i++) expect(await read(1)).toBe('replica');
    const text = await scrape(r);
    expect(sample(text, 'app_cache_lookups_total{result="error"}')).toBe(5);
    expect(sample(text, 'app_dependency_errors_total{dependency="redis"}')).toBe(5);
    expect(sample(text, 'http_requests_total{handler="/api",code="200"}')).toBe(7);

    await startOwnRedis(redisPort); // empty: it kept nothing
    let source = '';
    for (let i = 0; i < 40 && source !== 'cache'; i++) {
      source = await read(2);
      await sleep(100);
    }
    expect(source).toBe('cache'); // reconnected (every second) and filled again
  });

  it('gives 503 naming the database when PostgreSQL is down, and keeps running', async () => {
    const [p1, p2, p3] = await freePorts(3);
    const down = await startReplica('itest-down', { HEADROOM_REDIS_PORT: String(p1), HEADROOM_PG_REPLICA_PORT: String(p2), HEADROOM_PG_PRIMARY_PORT: String(p3) });
    const api = await fetch(`${down.url}/api?item=7`);
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ dependency: 'postgresql-replica', error: expect.stringMatching(/^postgresql-replica is unavailable: /) });
    const checkout = await fetch(`${down.url}/checkout`, { method: 'POST' });
    expect(checkout.status).toBe(503);
    expect(await checkout.json()).toMatchObject({ dependency: 'postgresql-primary' });
    await sleep(300);
    expect(down.proc.exitCode).toBeNull();
    const text = await scrape(down);
    expect(sample(text, 'http_requests_total{handler="/api",code="503"}')).toBe(1);
    expect(sample(text, 'http_requests_total{handler="/checkout",code="503"}')).toBe(1);
    expect(sample(text, 'app_dependency_errors_total{dependency="postgresql-replica"}')).toBe(1);
    // and the primary: the checkout, and the start's attempts to create the tables (every 2 s)
    expect(sample(text, 'app_dependency_errors_total{dependency="postgresql-primary"}')).toBeGreaterThanOrEqual(1);
  });
});
