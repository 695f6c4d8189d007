// Helpers for the stack's integration tests (*.itest.ts): URLs of the running stack, PromQL
// queries, and running the CLI as a child process.
import { spawn, SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from './config';
import { TIER_PORTS } from './datatier/config';

const port = (env: string, def: number) => Number(process.env[env] || def);

export const PROMETHEUS_URL = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${port('HEADROOM_PROMETHEUS_PORT', 19090)}`;
export const ALERTMANAGER_URL = `http://127.0.0.1:${port('HEADROOM_ALERTMANAGER_PORT', 19093)}`;
export const SIMULATOR_URL = `http://127.0.0.1:${port('HEADROOM_SIMULATOR_PORT', 19100)}`;
export const RECEIVER_URL = `http://127.0.0.1:${port('HEADROOM_RECEIVER_PORT', 19101)}`;

export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
export interface Range {
  metric: Record<string, string>;
  values: [number, string][];
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body) as T;
}

export async function query(promql: string, time?: number): Promise<Sample[]> {
  const params = new URLSearchParams({ query: promql });
  if (time !== undefined) params.set('time', String(time));
  const r = await getJson<{ data: { resultType: string; result: Sample[] } }>(`${PROMETHEUS_URL}/api/v1/query`, { method: 'POST', body: params });
  return r.data.result;
}

/** Raw samples of a range selector (`expr` must be `selector[range]`). */
export async function rawSamples(selector: string, time?: number): Promise<Range[]> {
  const params = new URLSearchParams({ query: selector });
  if (time !== undefined) params.set('time', String(time));
  const r = await getJson<{ data: { result: Range[] } }>(`${PROMETHEUS_URL}/api/v1/query`, { method: 'POST', body: params });
  return r.data.result;
}

export async function queryRange(promql: string, start: number, end: number, step: number): Promise<Range[]> {
  const params = new URLSearchParams({ query: promql, start: String(start), end: String(end), step: String(step) });
  const r = await getJson<{ data: { result: Range[] } }>(`${PROMETHEUS_URL}/api/v1/query_range`, { method: 'POST', body: params });
  return r.data.result;
}

/** The single value of an instant query (NaN when empty). */
export async function scalar(promql: string): Promise<number> {
  const r = await query(promql);
  return r.length ? Number(r[0].value[1]) : NaN;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const CLI_ENTRY = path.join(REPO_ROOT, 'stack', 'cli.ts');

/** Runs `node --import tsx stack/cli.ts ...args` (one process, so its pid is the CLI's). */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 170000, opts: SpawnOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} did not finish in ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `n` ports that were free a moment ago on 127.0.0.1. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => resolve(s)); })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** The ports a test stack moves, in the order `isolatedStackEnv` hands them out. */
export const STACK_PORT_VARS = [
  'HEADROOM_PROMETHEUS_PORT',
  'HEADROOM_ALERTMANAGER_PORT',
  'HEADROOM_SIMULATOR_PORT',
  'HEADROOM_RECEIVER_PORT',
  'HEADROOM_VM_PORT', // second engine (stack/engines/victoriametrics.ts)
  'HEADROOM_VMALERT_PORT',
  'HEADROOM_FORECAST_PORT', // the forecast exporter (stack/forecast.ts)
  'HEADROOM_LIVE_PORT', // the live part's load balancer and autoscaler (stack/live)
  'HEADROOM_AUTOSCALER_PORT',
  ...TIER_PORTS.map(([, , env]) => env), // the data tier's servers and exporters (stack/datatier)
];

/**
 * An environment for a stack of a test's own: every port of STACK_PORT_VARS free, its own state
 * folder, so it never meets the stack under test (or a developer's) on a port.
 */
export async function isolatedStackEnv(stateDir: string, extra: NodeJS.ProcessEnv = {}): Promise<{ env: NodeJS.ProcessEnv; ports: number[] }> {
  const ports = await freePorts(STACK_PORT_VARS.length);
  const env: NodeJS.ProcessEnv = { ...process.env, HEADROOM_STATE_DIR: stateDir, ...extra };
  STACK_PORT_VARS.forEach((name, i) => (env[name] = String(ports[i])));
  return { env, ports };
}

/**
 * True when something accepts connections on 127.0.0.1:`port`: a service left behind. (Not "the
 * port cannot be bound": another program's outgoing connection may hold a port of the ephemeral
 * range as its local end, which no stop can free; seen with two test runs at once.)
 */
export function listening(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when `pid` no longer runs (gone, or a zombie that PID 1 has not reaped yet). */
export function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').startsWith('Z');
  } catch {
    return true;
  }
}

/** Processes whose command line names `dir` (the stack's processes all name their state folder). */
export function processesNaming(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid || gone(Number(entry))) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cmd.includes(dir)) out.push(`${entry}: ${cmd.slice(0, 160)}`);
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

/**
 * What a stack of `stateDir` has left behind: running pids of `pids`, processes naming the state
 * folder, ports in use, pid files, config/ or work/. Waits up to `timeoutMs` for it to become
 * nothing (the keeper of a killed start needs a moment), then returns what is left.
 */
export async function leftBehind(stateDir: string, ports: number[], pids: number[], timeoutMs = 30000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left: string[] = [];
    for (const pid of pids) if (!gone(pid)) left.push(`pid ${pid}`);
    left.push(...processesNaming(stateDir).map((p) => `process ${p}`));
    for (const p of ports) if (await listening(p)) left.push(`port ${p}`);
    const pidDir = path.join(stateDir, 'pids');
    if (fs.existsSync(pidDir)) left.push(...fs.readdirSync(pidDir).map((f) => `pid file ${f}`));
    for (const d of ['config', 'work']) if (fs.existsSync(path.join(stateDir, d))) left.push(`${d}/`);
    if (left.length === 0 || Date.now() > deadline) return left;
    await sleep(250);
  }
}

/**
 * Polls `probe` every `everyMs` (default 2 s) until it returns a value (not undefined). After `ms`
 * it throws one error naming `what`, the probe's last error and `context()` (e.g. a log's tail).
 * A probe that throws is polled again: a service still starting answers later.
 */
export async function pollFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>, opts: { everyMs?: number; context?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const context = opts.context ? `\n${opts.context()}` : '';
      throw new Error(`timed out after ${Math.round(ms / 1000)} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}${context}`);
    }
    await sleep(opts.everyMs ?? 2000);
  }
}

/** An alert as Prometheus' /api/v1/alerts lists it. */
export interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
  /** The expression's value when it was last evaluated, as text ("0e+00"). */
  value: string;
}

/** A notification the stack's receiver kept (its /notifications). */
export interface Received {
  receivedAt: string;
  receiver: string;
  payload: { alerts: { status: string; labels: Record<string, string> }[] };
}
