// The live service's HTTP endpoints:
//   GET  /api?item=N&work=W  an item (1..1000; default: a popular one, itemForTurn), from the Redis
//                     cache or, on a miss or a cache that is down, from the PostgreSQL replica; `work`
//                     (0..MAX_REQUEST_WORK, default HEADROOM_LIVE_WORK) is this request's CPU units
//   POST /checkout    an order ({"item": N, "quantity": Q}, both optional) written on the primary
//   GET  /healthz     200 and who this replica is (no dependency checked: a live process answers)
//   GET  /metrics     the Prometheus exposition
// /api and /checkout cost HEADROOM_LIVE_WORK units of CPU each (work.ts; /api?work=W asks for W
// instead, so that a load test needs few requests for a lot of CPU) and are measured by handler
// and code; /healthz and /metrics, the infrastructure's own calls, are not counted as traffic. A
// dependency that fails gives 503 with a body naming it (and counts it), never a crash.
import * as http from 'node:http';
import type { LiveServiceConfig } from './config';
import type { LiveMetrics } from './metrics';
import { DependencyError, ITEM_COUNT, LiveStore } from './store';
import { burnCpu, MAX_REQUEST_WORK } from './work';

const MAX_BODY = 8192;

type Reply = { code: number; body: unknown; contentType?: string };

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY) reject(new Error(`a body over ${MAX_BODY} bytes`));
      else parts.push(b);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** A whole number in [min, max] from `raw`, `def` when absent; null when it is not one. */
export function wholeIn(raw: unknown, min: number, max: number, def: number): number | null {
  if (raw === undefined || raw === null || raw === '') return def;
  const n = Number(raw);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/**
 * The item of the `turn`-th request that names none: skewed as a catalogue's traffic is (u^3 of an
 * evenly spread u: the first 10 % of the items get 46 % of the requests), so the cache has hot
 * keys and a realistic hit ratio. u is the golden-ratio sequence: deterministic, evenly spread.
 */
export function itemForTurn(turn: number): number {
  const u = (turn * 0.6180339887498949) % 1;
  return 1 + Math.min(ITEM_COUNT - 1, Math.floor(ITEM_COUNT * u * u * u));
}

export function createLiveServer(cfg: LiveServiceConfig, store: LiveStore, metrics: LiveMetrics): http.Server {
  let turn = 0;
  const nextItem = () => itemForTurn(turn++);

  async function api(url: URL): Promise<Reply> {
    const id = wholeIn(url.searchParams.get('item') ?? undefined, 1, ITEM_COUNT, nextItem());
    if (id === null) return { code: 400, body: { error: `item must be a whole number from 1 to ${ITEM_COUNT}` } };
    const work = wholeIn(url.searchParams.get('work') ?? undefined, 0, MAX_REQUEST_WORK, cfg.work);
    if (work === null) return { code: 400, body: { error: `work must be a whole number of CPU units from 0 to ${MAX_REQUEST_WORK}` } };
    burnCpu(work, `${cfg.pod}:${id}`);
    const { item, source } = await store.readItem(id);
    return item ? { code: 200, body: { ...item, source, pod: cfg.pod } } : { code: 404, body: { error: `no item ${id}` } };
  }

  async function checkout(req: http.IncomingMessage): Promise<Reply> {
    let order: { item?: unknown; quantity?: unknown } = {};
    try {
      const text = await readBody(req);
      const parsed: unknown = text.trim() ? JSON.parse(text) : {};
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${text.trim().slice(0, 40)} is not an object`);
      order = parsed as typeof order;
    } catch (e) {
      return { code: 400, body: { error: `the body is not a JSON order: ${(e as Error).message}` } };
    }
    const item = wholeIn(order.item, 1, ITEM_COUNT, nextItem());
    const quantity = wholeIn(order.quantity, 1, 100, 1);
    if (item === null || quantity === null) return { code: 400, body: { error: `an order is {"item": 1..${ITEM_COUNT}, "quantity": 1..100}` } };
    burnCpu(cfg.work, `${cfg.pod}:checkout:${item}`);
    if (!(await store.ensureSchema())) throw new DependencyError('postgresql-primary', new Error('its tables cannot be created'));
    const id = await store.writeOrder(item, quantity);
    return { code: 201, body: { order: id, item, quantity, pod: cfg.pod } };
  }

  async function route(req: http.IncomingMessage, url: URL): Promise<[string | null, Reply]> {
    const m = req.method ?? 'GET';
    switch (url.pathname) {
      case '/api':
        return ['/api', m === 'GET' ? await api(url) : { code: 405, body: { error: 'GET /api' } }];
      case '/checkout':
        return ['/checkout', m === 'POST' ? await checkout(req) : { code: 405, body: { error: 'POST /checkout' } }];
      case '/healthz':
        return [null, { code: 200, body: { ok: true, pod: cfg.pod } }];
      case '/metrics':
        return [null, { code: 200, body: await metrics.registry.metrics(), contentType: metrics.registry.contentType }];
      default:
        return ['other', { code: 404, body: { error: `no ${url.pathname} here: GET /api, POST /checkout, /healthz, /metrics` } }];
    }
  }

  return http.createServer((req, res) => {
    const t0 = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://live');
    const handlerOf = url.pathname === '/api' || url.pathname === '/checkout' ? url.pathname : null;
    route(req, url)
      .catch((e): [string | null, Reply] => {
        const body = e instanceof DependencyError ? { error: e.message, dependency: e.dependency } : { error: `internal error: ${(e as Error).message}` };
        return [handlerOf ?? 'other', { code: e instanceof DependencyError ? 503 : 500, body }];
      })
      .then(([handler, reply]) => {
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body) + '\n';
        res.writeHead(reply.code, { 'content-type': reply.contentType ?? 'application/json', 'x-headroom-pod': cfg.pod });
        res.end(text);
        if (handler) metrics.observe(handler, reply.code, Number(process.hrtime.bigint() - t0) / 1e9);
      });
  });
}
