// The live service's settings, all from the environment: where it listens, where the data tier
// is (the stack's own port variables, stack/datatier/config.ts), its pool size and its CPU work
// per request. Bad input is one clear message (LiveConfigError), never a half-started service.
import { HOST } from '../../config';
import { CREDS, TIER_PORTS } from '../../datatier/config';

export class LiveConfigError extends Error {}

export interface LiveServiceConfig {
  host: string;
  port: number;
  pgPrimaryPort: number;
  pgReplicaPort: number;
  redisPort: number;
  pgUser: string;
  pgDatabase: string;
  /** Connections of each PostgreSQL pool (primary and replica): the pool metrics' max. */
  poolSize: number;
  /** Seconds a pool's connection may stay idle before the pool closes it; 0: never (the pool stays full once warm). */
  poolIdleSeconds: number;
  /** CPU work units per served request (see work.ts); 0 for none. */
  work: number;
  /** Who this replica is (HEADROOM_POD): in responses, /healthz and orders; never a metric label. */
  pod: string;
}

export const LIVE_DEFAULTS = { poolSize: 2, poolIdleSeconds: 0, work: 4 } as const;

function int(env: NodeJS.ProcessEnv, name: string, def: number | undefined, min: number, max: number, what: string): number {
  const raw = env[name];
  if ((raw === undefined || raw === '') && def !== undefined) return def;
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new LiveConfigError(`${name}=${raw ?? ''} is not ${what}; set it to a whole number from ${min} to ${max}.`);
  }
  return n;
}

function tierPort(env: NodeJS.ProcessEnv, name: string): number {
  const def = TIER_PORTS.find(([, , e]) => e === name)?.[3];
  return int(env, name, def, 1024, 65535, 'a port number');
}

/** The settings of `env`; PORT is required (each replica gets its own). */
export function liveServiceConfig(env: NodeJS.ProcessEnv): LiveServiceConfig {
  return {
    host: HOST,
    port: int(env, 'PORT', undefined, 1024, 65535, 'a port number for the live service to listen on'),
    pgPrimaryPort: tierPort(env, 'HEADROOM_PG_PRIMARY_PORT'),
    pgReplicaPort: tierPort(env, 'HEADROOM_PG_REPLICA_PORT'),
    redisPort: tierPort(env, 'HEADROOM_REDIS_PORT'),
    pgUser: CREDS.pgUser,
    pgDatabase: CREDS.pgDb,
    poolSize: int(env, 'HEADROOM_LIVE_POOL_SIZE', LIVE_DEFAULTS.poolSize, 1, 20, 'a pool size'),
    poolIdleSeconds: int(env, 'HEADROOM_LIVE_POOL_IDLE_SECONDS', LIVE_DEFAULTS.poolIdleSeconds, 0, 3600, 'a number of seconds'),
    work: int(env, 'HEADROOM_LIVE_WORK', LIVE_DEFAULTS.work, 0, 1000, 'a work factor'),
    pod: env.HEADROOM_POD || `live-${env.PORT}`,
  };
}
