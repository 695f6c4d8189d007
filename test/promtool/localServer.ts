// A throwaway Prometheus or Alertmanager (the Debian binaries that scripts/setup.sh installs) on a
// free loopback port with a temporary folder: started for one test file, stopped and removed after.
// Their own /metrics are real client_golang expositions (e.g. prometheus_http_request_duration_seconds).
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { httpGet, waitFor } from '../../stack/procs';

export type LocalServerKind = 'prometheus' | 'alertmanager';

/** The Debian package's binary for each kind. */
export const LOCAL_SERVER_BINARIES: Record<LocalServerKind, string> = {
  prometheus: 'prometheus',
  alertmanager: 'prometheus-alertmanager',
};

/** The absolute path of a binary in PATH, or null. */
export function findBinary(name: string): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$0"', name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export interface LocalServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function argsFor(kind: LocalServerKind, dir: string, address: string): string[] {
  if (kind === 'prometheus') {
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), 'scrape_configs: []\n');
    return [`--config.file=${dir}/prometheus.yml`, `--storage.tsdb.path=${dir}/data`, `--web.listen-address=${address}`];
  }
  fs.writeFileSync(path.join(dir, 'alertmanager.yml'), "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
  // An empty cluster address turns gossip off: no second port.
  return [`--config.file=${dir}/alertmanager.yml`, `--storage.path=${dir}/data`, `--web.listen-address=${address}`, '--cluster.listen-address='];
}

function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts one and waits (at most `timeoutMs`) until it answers /-/ready. */
export async function startLocalServer(kind: LocalServerKind, timeoutMs = 30_000): Promise<LocalServer> {
  const binary = findBinary(LOCAL_SERVER_BINARIES[kind]);
  if (!binary) throw new Error(`${LOCAL_SERVER_BINARIES[kind]} not found in PATH (run scripts/setup.sh)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `headroom-${kind}-`));
  const address = `127.0.0.1:${await freePort()}`;
  const log = fs.openSync(path.join(dir, 'log'), 'w');
  const child = spawn(binary, argsFor(kind, dir, address), { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://${address}`;
  const stop = async () => {
    await stopChild(child, 10_000);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const exited = () => (child.exitCode !== null || child.signalCode !== null ? `${kind} exited: ${fs.readFileSync(path.join(dir, 'log'), 'utf8').slice(-600)}` : null);
  try {
    await waitFor(`${kind} at ${url}`, async () => (await httpGet(`${url}/-/ready`)).status === 200, timeoutMs, exited);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}
