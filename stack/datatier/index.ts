// The data tier of the demo stack: PostgreSQL 15 primary + replica, MariaDB 10.11 primary +
// replica, Redis 7, and their real exporters, all plain processes on 127.0.0.1 with their state in
// <state>/datatier and their pid files beside the stack's (stack/procs.ts).
import * as fs from 'node:fs';
import { StackError } from '../config';
import { checkPortFree, isOurs, readRecords, stopAll } from '../procs';
import { TIER_PROCS, TIER_STOP_ORDER, TierBins, tierBins, tierPaths, TierPorts, tierPorts } from './config';
import { startExporters, waitExporters } from './exporters';
import { startMariadbPrimary, startMariadbReplica } from './mariadb';
import { startPgPrimary, startPgReplica } from './postgres';
import { startRedis } from './redis';

export interface DataTier {
  stateDir: string;
  ports: TierPorts;
  bins: TierBins;
  paths: ReturnType<typeof tierPaths>;
  /** Exporters by pid-file name, with their /metrics URL. */
  exporters: { name: string; url: string }[];
  startMs: number;
}

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
  for (const p of Object.values(tier.ports)) await checkPortFree(p);
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

/** Ends the tier's processes by pid: exporters, then replicas, then primaries (so none waits on another). */
export async function stopDataTier(stateDir: string): Promise<string[]> {
  const stopped: string[] = [];
  for (const group of [TIER_PROCS.exporters, TIER_PROCS.replicas, TIER_PROCS.primaries]) {
    const r = await stopAll(stateDir, TIER_STOP_ORDER, 30000, group);
    stopped.push(...r.stopped, ...r.killed);
  }
  return stopped;
}

export * from './incidents';
export { runWorkload } from './workload';
export { TIER_PORTS, TIER_STOP_ORDER } from './config';
