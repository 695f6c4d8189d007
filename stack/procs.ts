// Processes of the stack: spawned detached (own process group, output to a log file), recorded in
// one pid file each, and stopped by pid only after checking that the pid still runs our command.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { HOST, PortSpec, StackError, statePaths } from './config';

export interface ProcRecord {
  name: string;
  pid: number;
  /** A string the process' command line must contain for the pid to still be ours. */
  marker: string;
  url?: string;
  startedAt: string;
  /** The pid leads a process group of its own (spawned detached): stop signals the whole group. */
  group?: boolean;
}

export function pidFile(stateDir: string, name: string): string {
  return path.join(statePaths(stateDir).pids, `${name}.pid`);
}

export function readRecords(stateDir: string): ProcRecord[] {
  const dir = statePaths(stateDir).pids;
  if (!fs.existsSync(dir)) return [];
  const out: ProcRecord[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.pid')) continue;
    try {
      out.push(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ProcRecord);
    } catch {
      fs.rmSync(path.join(dir, f), { force: true }); // half-written by a killed start
    }
  }
  return out;
}

/** Writes a pid file; with `exclusive`, fails with EEXIST when it is there already (a start's lock). */
export function writeRecord(stateDir: string, r: ProcRecord, exclusive = false): void {
  fs.mkdirSync(statePaths(stateDir).pids, { recursive: true });
  fs.writeFileSync(pidFile(stateDir, r.name), JSON.stringify(r) + '\n', { flag: exclusive ? 'wx' : 'w' });
}

export function removeRecord(stateDir: string, name: string): void {
  fs.rmSync(pidFile(stateDir, name), { force: true });
}

/** True when `pid` runs and its command line contains `marker` (so a reused pid is not ours). */
export function isOurs(r: Pick<ProcRecord, 'pid' | 'marker'>): boolean {
  try {
    process.kill(r.pid, 0);
  } catch {
    return false;
  }
  try {
    const cmd = fs.readFileSync(`/proc/${r.pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmd.includes(r.marker);
  } catch {
    return false; // gone between the two checks, or no /proc: do not touch it
  }
}

export interface Spawned extends ProcRecord {
  log: string;
  exited: () => number | null | undefined;
}

/** Set once a start is being stopped: from then on nothing new may start (see refuseSpawns). */
let refusing = false;

/** Makes every later spawnService (and promtool run) of this process fail: the start is ending. */
export function refuseSpawns(): void {
  refusing = true;
}

/** Throws when spawns are refused (the start is being stopped), naming what was about to start. */
export function assertMayStart(name: string): void {
  if (refusing) throw new StackError(`not starting ${name}: the start is being stopped.`);
}

/**
 * Starts `cmd args` detached (its own process group, so a Ctrl-C in the terminal does not reach it:
 * the start stops it) with stdout/stderr to logs/<name>.log, and records its pid. With `pipe`, its
 * stdin is a pipe whose write end `stdin` holds (it closes when this process ends, however).
 */
export function spawnService(stateDir: string, name: string, cmd: string, args: string[], marker: string, url: string | undefined, cwd: string, pipe = false, env: NodeJS.ProcessEnv = process.env): Spawned & { stdin: Writable | null } {
  assertMayStart(name);
  const logs = statePaths(stateDir).logs;
  fs.mkdirSync(logs, { recursive: true });
  const log = path.join(logs, `${name}.log`);
  const fd = fs.openSync(log, 'w');
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: [pipe ? 'pipe' : 'ignore', fd, fd] });
  fs.closeSync(fd);
  if (child.pid === undefined) throw new StackError(`could not start ${name} (${cmd}); see ${log}.`);
  let exitCode: number | null | undefined;
  child.on('exit', (code, signal) => (exitCode = code ?? (signal ? 128 : null)));
  child.on('error', () => (exitCode = 127));
  child.unref();
  (child.stdin as (Writable & { unref?: () => void }) | null)?.unref?.();
  const r: ProcRecord = { name, pid: child.pid, marker, url, startedAt: new Date().toISOString(), group: true };
  writeRecord(stateDir, r);
  return { ...r, log, exited: () => exitCode, stdin: child.stdin };
}

/** Sends `signal` to the record's process group when it leads one, else to its pid; false when gone. */
export function signal(r: Pick<ProcRecord, 'pid' | 'group'>, sig: NodeJS.Signals): boolean {
  try {
    process.kill(r.group ? -r.pid : r.pid, sig);
    return true;
  } catch {
    try {
      process.kill(r.pid, sig); // a group already gone but for its leader
      return true;
    } catch {
      return false;
    }
  }
}

/** Removes the pid files of processes that are gone (or whose pid now runs something else). */
export function clearStale(stateDir: string): string[] {
  const stale = readRecords(stateDir).filter((r) => !isOurs(r));
  stale.forEach((r) => removeRecord(stateDir, r.name));
  return stale.map((r) => r.name);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends SIGTERM to every recorded process that is still ours (its whole group when it leads one),
 * waits, then SIGKILLs stragglers; removes their pid files. Leaves the caller itself and `except`.
 */
export async function stopAll(stateDir: string, order: string[], timeoutMs = 15000, except: string[] = []): Promise<{ stopped: string[]; killed: string[]; stale: string[] }> {
  const records = readRecords(stateDir)
    .filter((r) => !except.includes(r.name))
    .sort((a, b) => rank(order, a.name) - rank(order, b.name));
  const stopped: string[] = [];
  const killed: string[] = [];
  const stale: string[] = [];
  const live = records.filter((r) => {
    if (r.pid === process.pid) return false; // the caller itself (a foreground start)
    if (isOurs(r)) return true;
    stale.push(r.name);
    removeRecord(stateDir, r.name);
    return false;
  });
  for (const r of live) signal(r, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  for (const r of live) {
    if (await awaitEnd(stateDir, r, deadline)) killed.push(r.name);
    else stopped.push(r.name);
  }
  return { stopped, killed, stale };
}

/**
 * After a SIGTERM: waits for the record's process until `deadline`, then SIGKILLs it; ends what is
 * left of its group and removes its pid file. True when it had to be killed.
 */
export async function awaitEnd(stateDir: string, r: ProcRecord, deadline: number): Promise<boolean> {
  while (isOurs(r) && Date.now() < deadline) await sleep(100);
  const kill = isOurs(r);
  if (kill) {
    signal(r, 'SIGKILL');
    while (isOurs(r)) await sleep(50);
  }
  if (r.group) {
    try {
      process.kill(-r.pid, 'SIGKILL'); // what is left of its group (a helper it started)
    } catch {
      /* the group ended with its leader */
    }
  }
  removeRecord(stateDir, r.name);
  return kill;
}

function rank(order: string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** Throws a StackError naming the env var when a port cannot be bound on 127.0.0.1. */
export async function checkPortFree(p: Pick<PortSpec, 'port' | 'label' | 'env'> & { service?: string }): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') {
        reject(new StackError(`port ${p.port} for ${p.label} is already in use on ${HOST}; stop whatever listens there or set ${p.env} to a free port.`));
      } else if (e.code === 'EACCES') {
        reject(new StackError(`port ${p.port} for ${p.label} may not be bound here; set ${p.env} to a port above 1023.`));
      } else reject(e);
    });
    srv.listen(p.port, HOST, () => srv.close(() => resolve()));
  });
}

/** Polls `probe` until it returns true; throws with `what` after `timeoutMs`, or early via `abort`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, abort?: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = abort?.();
    if (why) throw new StackError(why);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new StackError(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}

/** GET returning the status and body, with a short timeout. */
export async function httpGet(url: string, timeoutMs = 3000): Promise<{ status: number; body: string }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: ctrl.signal });
    return { status: res.status, body: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

/** The most telling line of a log: the last one that reports an error, else the last line. */
export function lastError(file: string): string {
  let lines: string[];
  try {
    lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  } catch {
    return '(no log)';
  }
  const errors = lines.filter((l) => /level=(error|fatal)|\b\w*Error\b|\berror\b|cannot|failed|EADDRINUSE/i.test(l) && !/^at /.test(l));
  return (errors.pop() ?? lines.pop() ?? '(empty log)').slice(0, 300);
}
