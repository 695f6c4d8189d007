// The live autoscaler's configuration: its two ports (from the environment, like every stack port),
// the service command it runs as replicas, the HPA (stack/hpa.ts) and the per-replica requests.
// Resolved and checked once, in the caller (startLive), so bad input is one clear line before
// anything starts; the supervisor process reads the resolved JSON back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findBinary, REPO_ROOT, StackError } from '../../config';
import { DEFAULT_HPA, HpaConfig, hpaConfigProblem } from '../../hpa';
import { BackgroundLoad, checkBackgroundLoad } from '../load/background';
import { LoadProfileError } from '../load/profile';
import { manifestReplicasProblem } from './manifest';

export const LIVE_PORT_ENV = 'HEADROOM_LIVE_PORT';
export const AUTOSCALER_PORT_ENV = 'HEADROOM_AUTOSCALER_PORT';
export const DEFAULT_LIVE_PORT = 19080;
export const DEFAULT_AUTOSCALER_PORT = 19081;

/**
 * CPU request per replica, in cores: the capacity scaling factor. The HPA's utilisation is a
 * replica's CPU over this request, so 12 replicas at the 75 % target use 12 x 0.75 x 0.02 = 0.18
 * core: the whole 5 -> 12 range fits on a 2-core machine shared with the rest of the stack. A real
 * pod requesting 1.5 cores (the simulator's) is 75 times larger; utilisations compare one to one.
 */
export const DEFAULT_CPU_REQUEST = 0.02;
/** Memory request per replica (bytes): the target the dashboards draw memory against. */
export const DEFAULT_MEMORY_REQUEST = 128 * 2 ** 20;
export const DEFAULT_LOOP_SECONDS = 15;

/**
 * What one replica runs (stack/live/service/command.ts's serviceCommand gives one). `env` is the
 * replica's whole environment, as for spawn (without it, the supervisor's); each replica gets its
 * own PORT and HEADROOM_POD on top, whatever `env` says of them.
 */
export interface ServiceCommand {
  cmd: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** Working directory (default: the repository root). */
  cwd?: string;
}

/** A checked ServiceCommand: cmd an absolute path, env null for the supervisor's own. */
export interface ResolvedService {
  cmd: string;
  args: string[];
  env: Record<string, string> | null;
  cwd: string;
}

export interface LiveOverride {
  hpa?: Partial<HpaConfig>;
  /** Seconds between two control-loop steps (default 15, as the Kubernetes controller). */
  loopSeconds?: number;
  cpuRequest?: number;
  memoryRequest?: number;
  /** A steady load the process sends through its own balancer (load/background.ts); none by default. */
  load?: BackgroundLoad;
  /**
   * The Deployment manifest's spec.replicas, re-applied after every HPA step (manifest.ts: a second
   * writer of the count); null or absent: no replicas field (the default). `PUT /manifest/replicas` changes it.
   */
  manifestReplicas?: number | null;
}

export interface LiveConfig {
  stateDir: string;
  livePort: number;
  autoscalerPort: number;
  service: ResolvedService;
  hpa: HpaConfig;
  loopSeconds: number;
  cpuRequest: number;
  memoryRequest: number;
  /** The node label of the pods' series (this machine). */
  node: string;
  /** The background load it runs, or null. */
  load: BackgroundLoad | null;
  /** The manifest's replicas at the start (manifest.ts), or null. */
  manifestReplicas: number | null;
}

export function livePaths(stateDir: string) {
  const dir = path.join(stateDir, 'live');
  return { dir, config: path.join(dir, 'autoscaler.json'), replicas: path.join(dir, 'replicas.json') };
}

function port(env: NodeJS.ProcessEnv, name: string, def: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1024 || n > 65535) throw new StackError(`${name}=${raw} is not a port number; set it to a free port between 1024 and 65535.`);
  return n;
}

/** The two ports as the stack checks them before a start (label, variable, port). */
export function livePortSpecs(env: NodeJS.ProcessEnv = process.env): { label: string; env: string; port: number }[] {
  const { livePort, autoscalerPort } = livePorts(env);
  return [
    { label: 'the live load balancer', env: LIVE_PORT_ENV, port: livePort },
    { label: 'the live autoscaler', env: AUTOSCALER_PORT_ENV, port: autoscalerPort },
  ];
}

export function livePorts(env: NodeJS.ProcessEnv = process.env): { livePort: number; autoscalerPort: number } {
  const livePort = port(env, LIVE_PORT_ENV, DEFAULT_LIVE_PORT);
  const autoscalerPort = port(env, AUTOSCALER_PORT_ENV, DEFAULT_AUTOSCALER_PORT);
  if (livePort === autoscalerPort) throw new StackError(`${LIVE_PORT_ENV} and ${AUTOSCALER_PORT_ENV} are both ${livePort}; give each its own port.`);
  return { livePort, autoscalerPort };
}

function positive(what: string, v: number | undefined, def: number): number {
  const n = v ?? def;
  if (!(typeof n === 'number' && n > 0 && Number.isFinite(n))) throw new StackError(`live autoscaler: ${what} ${String(n)} must be a positive number.`);
  return n;
}

function checkService(s: ServiceCommand | undefined, env: NodeJS.ProcessEnv): ResolvedService {
  if (!s || typeof s.cmd !== 'string' || s.cmd === '') throw new StackError('live autoscaler: serviceCommand.cmd is missing; pass {cmd, args} of the service each replica runs.');
  if (!Array.isArray(s.args) || s.args.some((a) => typeof a !== 'string')) throw new StackError(`live autoscaler: serviceCommand.args of ${s.cmd} must be an array of strings.`);
  const bin = findBinary([s.cmd], env);
  if (!bin) throw new StackError(`live autoscaler: the service command ${s.cmd} is not an executable file${s.cmd.includes('/') ? '' : ' on PATH'}.`);
  const cwd = s.cwd ?? REPO_ROOT;
  if (!fs.existsSync(cwd)) throw new StackError(`live autoscaler: serviceCommand.cwd ${cwd} does not exist.`);
  let childEnv: Record<string, string> | null = null;
  if (s.env !== undefined) {
    if (s.env === null || typeof s.env !== 'object') throw new StackError(`live autoscaler: serviceCommand.env of ${s.cmd} must be an object of strings.`);
    childEnv = {};
    for (const [k, v] of Object.entries(s.env)) {
      if (v === undefined) continue; // as spawn leaves it out
      if (typeof v !== 'string') throw new StackError(`live autoscaler: serviceCommand.env.${k} must be a string.`);
      childEnv[k] = v;
    }
  }
  return { cmd: bin, args: [...s.args], env: childEnv, cwd };
}

function checkLoad(l: BackgroundLoad): BackgroundLoad {
  try {
    return checkBackgroundLoad(l);
  } catch (e) {
    if (e instanceof LoadProfileError) throw new StackError(`live autoscaler: its background load: ${e.message}.`);
    throw e;
  }
}

/** The whole configuration, or a StackError naming the one thing to fix. */
export function resolveLiveConfig(o: { stateDir: string; env?: NodeJS.ProcessEnv; serviceCommand: ServiceCommand; override?: LiveOverride }): LiveConfig {
  const env = o.env ?? process.env;
  if (!o.stateDir) throw new StackError('live autoscaler: stateDir is missing.');
  const unknown = Object.keys(o.override?.hpa ?? {}).filter((k) => !(k in DEFAULT_HPA));
  if (unknown.length > 0) throw new StackError(`live autoscaler: unknown HPA setting ${unknown.join(', ')} (known: ${Object.keys(DEFAULT_HPA).join(', ')}).`);
  const hpa: HpaConfig = { ...DEFAULT_HPA, ...(o.override?.hpa ?? {}) };
  const problem = hpaConfigProblem(hpa);
  if (problem) throw new StackError(`live autoscaler: ${problem}.`);
  const manifestReplicas = o.override?.manifestReplicas ?? null;
  const manifest = manifestReplicasProblem(manifestReplicas, hpa.maxReplicas);
  if (manifest) throw new StackError(`live autoscaler: ${manifest}.`);
  return {
    stateDir: path.resolve(o.stateDir),
    ...livePorts(env),
    service: checkService(o.serviceCommand, env),
    hpa,
    loopSeconds: positive('loopSeconds', o.override?.loopSeconds, DEFAULT_LOOP_SECONDS),
    cpuRequest: positive('cpuRequest', o.override?.cpuRequest, DEFAULT_CPU_REQUEST),
    memoryRequest: positive('memoryRequest', o.override?.memoryRequest, DEFAULT_MEMORY_REQUEST),
    node: os.hostname(),
    load: o.override?.load ? checkLoad(o.override.load) : null,
    manifestReplicas,
  };
}

/** The resolved config as the supervisor process reads it back (written by startLive). */
export function readLiveConfig(file: string): LiveConfig {
  let cfg: LiveConfig;
  try {
    cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as LiveConfig;
  } catch (e) {
    throw new StackError(`live autoscaler: cannot read its config ${file}: ${(e as Error).message}`);
  }
  const problem = hpaConfigProblem(cfg.hpa);
  if (problem) throw new StackError(`live autoscaler: ${file}: ${problem}.`);
  return cfg;
}
