// Where the stack lives and listens: ports, state folder, binaries, seed. Everything from the
// environment (docs/CONVENTIONS.md), resolved once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSeed } from './simulator/model';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const HOST = '127.0.0.1';

/** A problem the user can fix: printed as one line, exit code 1. */
export class StackError extends Error {}

export type ServiceName = 'simulator' | 'receiver' | 'alertmanager' | 'prometheus';

export interface PortSpec {
  service: ServiceName;
  label: string;
  env: string;
  port: number;
}

export interface StackConfig {
  stateDir: string;
  ports: Record<ServiceName, PortSpec>;
  seed: number;
  /** Days of history to backfill (fractions allowed, for tests). */
  historyDays: number;
  /** Days of recording-rule history computed from the raw history (0: none). */
  ruleHistoryDays: number;
  bins: { prometheus: string; promtool: string; alertmanager: string; amtool: string };
  /** The environment it was read from (the data tier reads its ports and binaries from it too). */
  env: NodeJS.ProcessEnv;
}

const PORTS: [ServiceName, string, string, number][] = [
  ['prometheus', 'Prometheus', 'HEADROOM_PROMETHEUS_PORT', 19090],
  ['alertmanager', 'Alertmanager', 'HEADROOM_ALERTMANAGER_PORT', 19093],
  ['simulator', 'the simulator', 'HEADROOM_SIMULATOR_PORT', 19100],
  ['receiver', 'the webhook receiver', 'HEADROOM_RECEIVER_PORT', 19101],
];

/** First executable among `names` (absolute paths or names looked up on PATH). */
export function findBinary(names: string[], env: NodeJS.ProcessEnv): string | null {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    const candidates = name.includes('/') ? [name] : dirs.map((d) => path.join(d, name));
    for (const c of candidates) {
      try {
        fs.accessSync(c, fs.constants.X_OK);
        if (fs.statSync(c).isFile()) return c;
      } catch {
        /* not this one */
      }
    }
  }
  return null;
}

function binary(env: NodeJS.ProcessEnv, envVar: string, names: string[], what: string, pkg: string): string {
  const explicit = env[envVar];
  const found = findBinary(explicit ? [explicit] : names, env);
  if (!found) {
    const looked = explicit ? `${envVar}=${explicit}` : names.join(' or ') + ' on PATH';
    throw new StackError(`${what} not found (looked for ${looked}); install it with \`apt-get install ${pkg}\` or set ${envVar} to its path.`);
  }
  return found;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const ports = {} as Record<ServiceName, PortSpec>;
  const seen = new Map<number, string>();
  for (const [service, label, envVar, def] of PORTS) {
    const raw = env[envVar];
    const port = raw === undefined || raw === '' ? def : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new StackError(`${envVar}=${raw} is not a port number; set it to a free port between 1024 and 65535.`);
    }
    if (seen.has(port)) throw new StackError(`${envVar} and ${seen.get(port)} are both ${port}; give each service its own port.`);
    seen.set(port, envVar);
    ports[service] = { service, label, env: envVar, port };
  }
  const days = env.HEADROOM_HISTORY_DAYS ? Number(env.HEADROOM_HISTORY_DAYS) : 30;
  if (!(days > 0 && days <= 40)) throw new StackError(`HEADROOM_HISTORY_DAYS=${env.HEADROOM_HISTORY_DAYS} must be a number of days in (0, 40].`);
  const ruleDays = env.HEADROOM_RULE_HISTORY_DAYS ? Number(env.HEADROOM_RULE_HISTORY_DAYS) : 7;
  if (!(ruleDays >= 0 && ruleDays <= 40)) throw new StackError(`HEADROOM_RULE_HISTORY_DAYS=${env.HEADROOM_RULE_HISTORY_DAYS} must be a number of days in [0, 40].`);
  return {
    stateDir: path.resolve(env.HEADROOM_STATE_DIR || path.join(REPO_ROOT, '.headroom-stack')),
    ports,
    seed: parseSeed(env.HEADROOM_SEED),
    historyDays: days,
    ruleHistoryDays: ruleDays,
    env,
    get bins() {
      // Resolved on first use, so that `stop` and `status` work without the binaries.
      const value = {
        prometheus: binary(env, 'HEADROOM_PROMETHEUS_BIN', ['prometheus'], 'Prometheus', 'prometheus'),
        promtool: binary(env, 'HEADROOM_PROMTOOL_BIN', ['promtool'], 'promtool', 'prometheus'),
        alertmanager: binary(env, 'HEADROOM_ALERTMANAGER_BIN', ['prometheus-alertmanager', 'alertmanager'], 'Alertmanager', 'prometheus-alertmanager'),
        amtool: binary(env, 'HEADROOM_AMTOOL_BIN', ['amtool'], 'amtool', 'prometheus-alertmanager'),
      };
      Object.defineProperty(this, 'bins', { value });
      return value;
    },
  };
}

export function url(cfg: StackConfig, service: ServiceName): string {
  return `http://${HOST}:${cfg.ports[service].port}`;
}

/** Paths inside the state folder. */
export function statePaths(stateDir: string) {
  return {
    pids: path.join(stateDir, 'pids'),
    logs: path.join(stateDir, 'logs'),
    config: path.join(stateDir, 'config'),
    tsdbRoot: path.join(stateDir, 'tsdb'),
    alertmanager: path.join(stateDir, 'alertmanager'),
    work: path.join(stateDir, 'work'),
    notifications: path.join(stateDir, 'receiver', 'notifications.jsonl'),
  };
}
