// The load generator: requests on loopback at the profile's rate (profile.ts), over keep-alive
// connections (http.Agent), GET /api with a share of POST /checkout. Open loop, as real users are:
// requests start on schedule whatever the answers, up to `maxInFlight` at once; a request due
// while that many wait is skipped and counted, so a stalled service never makes the generator grow.
// It stops by itself at the profile's end (or when `signal` aborts) and waits for what is in flight.
import * as http from 'node:http';
import { LoadProfile, requestsPerTick } from './profile';

export interface LoadOptions {
  /** The service's base URL; loopback only (127.0.0.1, ::1 or localhost). */
  target: string;
  profile: LoadProfile;
  /** 0..1: the share of requests that are POST /checkout (the rest GET /api). */
  checkoutShare: number;
  /** CPU units each GET /api asks for (`/api?work=N`, service/work.ts); absent: the replica's own level. */
  apiWork?: number;
  maxInFlight?: number;
  timeoutMs?: number;
  tickS?: number;
  signal?: AbortSignal;
  /** Called about once a second with the counts so far. */
  onProgress?: (r: LoadResult, t: number) => void;
}

export interface LoadResult {
  /** Requests started. */
  sent: number;
  /** Answered 2xx. */
  ok: number;
  /** Answered otherwise, failed or timed out. */
  errors: number;
  /** Due while `maxInFlight` requests waited: never sent. */
  skipped: number;
  /** Answers by status code ("timeout" and "error" for none). */
  byCode: Record<string, number>;
  seconds: number;
}

export class LoadTargetError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The target as a URL, refused unless it is http on loopback. */
export function loopbackTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new LoadTargetError(`${target} is not a URL; give the service's address, e.g. http://127.0.0.1:19080`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) throw new LoadTargetError(`${target} is not on loopback: the load generator only sends to http://127.0.0.1, [::1] or localhost.`);
  return url;
}

/** Whether request number `n` (from 0) is a checkout: spread evenly, `share` of them. */
export function isCheckout(n: number, share: number): boolean {
  return Math.floor((n + 1) * share) > Math.floor(n * share);
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = loopbackTarget(opts.target);
  const tickS = opts.tickS ?? 0.1;
  const maxInFlight = opts.maxInFlight ?? 64;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const plan = requestsPerTick(opts.profile, tickS);
  const apiPath = opts.apiWork === undefined ? '/api' : `/api?work=${opts.apiWork}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const r: LoadResult = { sent: 0, ok: 0, errors: 0, skipped: 0, byCode: {}, seconds: 0 };
  const count = (code: string, ok: boolean) => {
    r.byCode[code] = (r.byCode[code] ?? 0) + 1;
    if (ok) r.ok++;
    else r.errors++;
  };
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const send = (n: number) => {
    const checkout = isCheckout(n, opts.checkoutShare);
    const req = http.request(new URL(checkout ? '/checkout' : apiPath, base), { method: checkout ? 'POST' : 'GET', agent, timeout: timeoutMs, headers: checkout ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode), (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on('error', () => done('error', false));
    });
    let finished = false;
    const done = (code: string, ok: boolean) => {
      if (finished) return;
      finished = true;
      count(code, ok);
      if (--inFlight === 0 && drained) drained();
    };
    req.on('timeout', () => {
      done('timeout', false);
      req.destroy();
    });
    req.on('error', () => done('error', false));
    req.end(checkout ? '{}' : undefined);
    inFlight++;
    r.sent++;
  };

  const t0 = Date.now();
  let n = 0;
  let lastProgress = 0;
  for (let i = 0; i < plan.length && !opts.signal?.aborted; i++) {
    const wait = t0 + i * tickS * 1000 - Date.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    if (opts.signal?.aborted) break;
    for (let k = 0; k < plan[i]; k++, n++) {
      if (inFlight >= maxInFlight) r.skipped++;
      else send(n);
    }
    const t = (Date.now() - t0) / 1000;
    if (opts.onProgress && t - lastProgress >= 1) {
      lastProgress = t;
      opts.onProgress({ ...r, seconds: t }, t);
    }
  }
  if (inFlight > 0) await new Promise<void>((res) => (drained = res));
  agent.destroy();
  r.seconds = (Date.now() - t0) / 1000;
  return r;
}
