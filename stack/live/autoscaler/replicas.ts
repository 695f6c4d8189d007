// One replica of the service: a child process of the supervisor in a session of its own, on a free
// loopback port, with its cAdvisor and kube-state-metrics series and its CPU and memory as /proc
// gives them. Its own session because Linux schedules each session as one group (autogroup, on by
// default): replicas sharing the supervisor's would share one group's CPU, so on a busy machine ten
// replicas got no more CPU than five and scaling out added none. A pod has a cgroup of its own, its
// CPU weight from its request; equal requests, a group each, is that. The supervisor ends them on
// SIGTERM; stopLive finds the ones a killed supervisor left by their HEADROOM_LIVE_SUPERVISOR.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { HOST } from '../../config';
import { kubePod, KubePod, requestSeries } from '../../simulator/kube';
import { namespaceLabels, Series } from '../../simulator/series';
import { LiveConfig, livePaths } from './config';
import { CpuSample, LIVE_NAMESPACE, replicaEnv, replicaSetName } from './pods';
import { cpuTicksSince, ProcStat, processTree, readAllStats, readRss } from './procstat';

export const LIVE_LABELS = namespaceLabels(LIVE_NAMESPACE);
const IMAGE = 'headroom/live-web:local';

export interface Replica {
  pod: string;
  port: number;
  child: ChildProcess;
  pid: number;
  startedAt: number;
  ready: boolean;
  stopping: boolean;
  exitCode: number | null | undefined;
  kube: KubePod;
  requests: [Series, Series];
  rssBytes: number;
  /** pid -> clock ticks at the last reading (procstat.cpuTicksSince). */
  lastTicks: Map<number, number>;
  lastSampleAt: number | null;
}

/** A port nobody listens on now (the kernel's choice), for the replica to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startReplica(cfg: LiveConfig, template: string, pod: string): Promise<Replica> {
  const port = await freePort();
  const logs = path.join(livePaths(cfg.stateDir).dir, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const fd = fs.openSync(path.join(logs, `${pod}.log`), 'a');
  const s = cfg.service;
  const child = spawn(s.cmd, s.args, { cwd: s.cwd, env: replicaEnv(s.env, port, pod, process.pid), stdio: ['ignore', fd, fd], detached: true }); // setsid: its own session
  fs.closeSync(fd);
  const r: Replica = {
    pod,
    port,
    child,
    pid: child.pid ?? -1,
    startedAt: Date.now(),
    ready: false,
    stopping: false,
    exitCode: child.pid === undefined ? 127 : undefined,
    kube: kubePod(pod, replicaSetName(template), cfg.node, IMAGE, LIVE_LABELS),
    requests: requestSeries({ pod, container: 'web', node: cfg.node }, LIVE_LABELS),
    rssBytes: 0,
    lastTicks: new Map(),
    lastSampleAt: null,
  };
  child.on('exit', (code, sig) => (r.exitCode = code ?? (sig ? 128 : null)));
  child.on('error', () => (r.exitCode = 127));
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, HOST);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** Waits until the replica accepts connections (its readiness); false when it exited or `timeoutMs` passed. */
export async function waitReady(r: Replica, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (r.exitCode === undefined && Date.now() < deadline) {
    if (await accepts(r.port)) {
      r.ready = r.exitCode === undefined;
      return r.ready;
    }
    await sleep(100);
  }
  return false;
}

/** Reads the replica's CPU (adding to its counter) and memory; the interval since the last reading, or null for the first. */
export function sample(r: Replica, all: readonly ProcStat[], now: number, ticksPerSecond: number): CpuSample | null {
  const tree = processTree(all, r.pid);
  const cpuSeconds = cpuTicksSince(tree, r.lastTicks) / ticksPerSecond;
  r.kube.cpuSeconds = Math.round((r.kube.cpuSeconds + cpuSeconds) * 1e4) / 1e4;
  r.rssBytes = tree.reduce((sum, p) => sum + readRss(p.pid), 0);
  const interval = r.lastSampleAt === null ? null : { cpuSeconds, seconds: (now - r.lastSampleAt) / 1000 };
  r.lastSampleAt = now;
  return interval;
}

function signalTree(r: Replica, sig: NodeJS.Signals): number {
  const tree = processTree(readAllStats(), r.pid);
  for (const p of tree) {
    try {
      process.kill(p.pid, sig);
    } catch {
      /* ended meanwhile */
    }
  }
  return tree.length;
}

/** SIGTERM to the replica and its descendants; SIGKILL to what is left after `graceMs`. */
export async function stopReplica(r: Replica, graceMs = 5000): Promise<void> {
  r.stopping = true;
  r.ready = false;
  if (r.pid < 0) return;
  if (signalTree(r, 'SIGTERM') === 0) return;
  const deadline = Date.now() + graceMs;
  while (r.exitCode === undefined && Date.now() < deadline) await sleep(50);
  signalTree(r, 'SIGKILL'); // its children too, when the replica left them behind
  const killed = Date.now() + 2000;
  while (r.exitCode === undefined && Date.now() < killed) await sleep(20);
}
