// The data tier of the demo stack: PostgreSQL 15 primary + replica, MariaDB 10.11 primary +
// replica, Redis 7, and their real exporters, all plain processes on 127.0.0.1 with their state in
// <state>/datatier and their pid files beside the stack's (stack/procs.ts).
import * as fs from 'node:fs';
import { PortSpec, StackError } from '../config';
import { checkPortFree, isOurs, readRecords, removeRecord } from '../procs';
import { DataTier, TIER_PROCS, TIER_STOP_ORDER, tierBins, tierPaths, tierPorts } from './config';
import { startExporters, waitExporters } from './exporters';
import { startMariadbPrimary, startMariadbReplica } from './mariadb';
import { startPgPrimary, startPgReplica } from './postgres';
import { startRedis } from './redis';

export interface DataTierOptions {
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** The tier as configured by `env`, without starting anything (for incidents on a running tier). */
export function describeDataTier(stateDir: string, env: NodeJS.ProcessEnv = process.env): DataTier {
  const ports = tierPorts(env);
  return {
    stateDir,
    ports,
    bins: tierBins(env),
    paths: tierPaths(stateDir),
    exporters: [
      ['pg-primary-exporter', ports.pgPrimaryExporter],
      ['pg-replica-exporter', ports.pgReplicaExporter],
      ['mysqld-primary-exporter', ports.mysqldPrimaryExporter],
      ['mysqld-replica-exporter', ports.mysqldReplicaExporter],
      ['redis-exporter', ports.redisExporter],
      ['node-exporter', ports.nodeExporter],
    ].map(([name, p]) => ({ name: name as string, url: `http://127.0.0.1:${(p as { port: number }).port}/metrics` })),
    startMs: 0,
  };
}

/**
 * Starts the servers (primaries, then replicas from them), then the exporters, and returns once
 * every exporter reports its server up. A data folder already there is kept (a second start is
 * quick); on any failure what was started is stopped again and the error thrown.
 */
export async function startDataTier(opts: DataTierOptions): Promise<DataTier> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const tier = describeDataTier(opts.stateDir, opts.env);
  const running = readRecords(opts.stateDir).filter((r) => TIER_STOP_ORDER.includes(r.name) && isOurs(r));
  if (running.length) throw new StackError(`the data tier already runs from ${opts.stateDir} (${running.map((r) => `${r.name} pid ${r.pid}`).join(', ')}); stop it first.`);
  for (const p of Object.values(tier.ports)) await checkPortFree(p as PortSpec); // it reads port, label and env only
  fs.mkdirSync(tier.paths.root, { recursive: true, mode: 0o700 });
  const { ports, bins, paths } = tier;
  try {
    await Promise.all([
      startPgPrimary(bins, opts.stateDir, paths.pgPrimary, ports.pgPrimary.port),
      startMariadbPrimary(bins, opts.stateDir, paths.mariadbPrimary, ports.mariadbPrimary.port),
      (fs.mkdirSync(paths.redis, { recursive: true }), startRedis(bins, opts.stateDir, paths.redis, ports.redis.port)),
    ]);
    log(`primaries up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await Promise.all([
      startPgReplica(bins, opts.stateDir, paths.pgReplica, ports.pgReplica.port, ports.pgPrimary.port),
      startMariadbReplica(bins, opts.stateDir, paths.mariadbReplica, ports.mariadbReplica.port, ports.mariadbPrimary.port),
    ]);
    log(`replicas streaming after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { procs, specs } = startExporters(bins, opts.stateDir, paths.etc, ports);
    await waitExporters(procs, specs);
  } catch (e) {
    await stopDataTier(opts.stateDir);
    throw e;
  }
  tier.startMs = Date.now() - t0;
  log(`data tier healthy in ${(tier.startMs / 1000).toFixed(1)} s`);
  return tier;
}

/**
 * Ends the tier's processes by pid, exporters, then replicas, then primaries (so none waits on
 * another), each group waited for (then SIGKILLed, with what is left of its process group, after
 * 30 s). PostgreSQL gets SIGINT, its fast shutdown: SIGTERM (smart) would wait for every client
 * session to end by itself. Only the tier's pid files are read; a pid that no longer runs our
 * command is not signalled, its pid file just removed (`stale`).
 */
export async function stopDataTier(stateDir: string): Promise<{ stopped: string[]; killed: string[]; stale: string[] }> {
  const out = { stopped: [] as string[], killed: [] as string[], stale: [] as string[] };
  for (const group of [TIER_PROCS.exporters, TIER_PROCS.replicas, TIER_PROCS.primaries]) {
    const r = await stopTierProcs(stateDir, group);
    (Object.keys(out) as (keyof typeof out)[]).forEach((k) => out[k].push(...r[k]));
  }
  return out;
}

/** Ends these processes of the tier (names of TIER_PROCS) at once, as stopDataTier does, and waits for them. */
export async function stopTierProcs(stateDir: string, names: string[]): Promise<{ stopped: string[]; killed: string[]; stale: string[] }> {
  const out = { stopped: [] as string[], killed: [] as string[], stale: [] as string[] };
  const records = readRecords(stateDir).filter((r) => names.includes(r.name));
  const live = records.filter((r) => isOurs(r));
  records.filter((r) => !live.includes(r)).forEach((r) => (removeRecord(stateDir, r.name), out.stale.push(r.name)));
  live.forEach((r) => send(r.pid, TIER_PROCS.postgres.includes(r.name) ? 'SIGINT' : 'SIGTERM'));
  const deadline = Date.now() + 30000;
  for (const r of live) {
    while (isOurs(r) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    const kill = isOurs(r);
    if (kill) send(r.pid, 'SIGKILL');
    while (isOurs(r)) await new Promise((res) => setTimeout(res, 50));
    if (r.group) send(-r.pid, 'SIGKILL'); // what is left of its process group (a PostgreSQL backend)
    removeRecord(stateDir, r.name);
    (kill ? out.killed : out.stopped).push(r.name);
  }
  return out;
}

/**
 * Starts a replica of a running tier again exactly as startDataTier does (its pid file, its log,
 * the kept data folder): PostgreSQL streams from its slot again, MariaDB replicates by GTID from
 * where it stopped (slave_pos). Resolves once it replicates.
 */
export async function startTierReplica(tier: DataTier, name: 'pg-replica' | 'mariadb-replica'): Promise<void> {
  const { bins, stateDir, paths, ports } = tier;
  if (name === 'pg-replica') await startPgReplica(bins, stateDir, paths.pgReplica, ports.pgReplica.port, ports.pgPrimary.port);
  else await startMariadbReplica(bins, stateDir, paths.mariadbReplica, ports.mariadbReplica.port, ports.mariadbPrimary.port);
}

function send(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone meanwhile */
  }
}

export type { DataTier } from './config';
export * from './incidents';
export * from './hold';
export { runWorkload } from './workload';
export { TIER_PORTS, TIER_STOP_ORDER } from './config';
