// Helpers for the stack's integration tests (*.itest.ts): URLs of the running stack, PromQL
// queries, and running the CLI as a child process.
import { spawn, SpawnOptions } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from './config';

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
