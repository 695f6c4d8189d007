// Redis 7 as the cache: a plain process on 127.0.0.1, no persistence, a small maxmemory with LRU
// eviction and a small maxclients, so evictions and rejected connections can happen for real.
import { HOST } from '../config';
import { spawnService, Spawned, waitFor } from '../procs';
import { TierBins } from './config';
import { run } from './run';

export const REDIS_MAXMEMORY = '24mb';
export const REDIS_MAXMEMORY_POLICY = 'allkeys-lru';
export const REDIS_MAXCLIENTS = 64;

export function redisCli(bins: TierBins, port: number, args: string[], timeoutMs = 15000): Promise<string> {
  return run(bins.redisCli, ['-h', HOST, '-p', String(port), ...args], { timeoutMs });
}

/** INFO as a map (all sections). */
export async function redisInfo(bins: TierBins, port: number): Promise<Record<string, string>> {
  const out = await redisCli(bins, port, ['INFO', 'all']);
  const info: Record<string, string> = {};
  for (const line of out.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) info[line.slice(0, i)] = line.slice(i + 1);
  }
  return info;
}

export async function startRedis(bins: TierBins, stateDir: string, dir: string, port: number): Promise<Spawned> {
  const args = [
    '--bind', HOST,
    '--port', String(port),
    '--dir', dir,
    '--save', '', // a cache: nothing on disk
    '--appendonly', 'no',
    '--daemonize', 'no',
    '--maxmemory', REDIS_MAXMEMORY,
    '--maxmemory-policy', REDIS_MAXMEMORY_POLICY,
    '--maxclients', String(REDIS_MAXCLIENTS),
    '--loglevel', 'warning',
  ];
  const proc = spawnService(stateDir, 'redis', bins.redisServer, args, `${HOST}:${port}`, `redis://${HOST}:${port}`, stateDir);
  await waitFor(`Redis (port ${port})`, async () => (await redisCli(bins, port, ['PING'], 3000)).trim() === 'PONG', 30000, () =>
    proc.exited() != null ? `Redis exited while starting; see ${proc.log}` : null,
  );
  return proc;
}
