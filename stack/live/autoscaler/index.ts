// The live autoscaler as a stack service: real replicas of a service command behind a round-robin
// load balancer, scaled by the Kubernetes HPA algorithm (stack/hpa.ts) on their CPU from /proc.
// Its process runs main.ts from a bundle (stack/bundle.ts).
//
//   const s = await startLive({ stateDir, serviceCommand: { cmd, args } });   // pid file "live-autoscaler"
//   prometheus.yml scrape_configs: [...liveScrapeJobs(stateDir)]
//   await stopLive(stateDir);                                               // ends every replica too
//
// The stack's own stop ends it as well (its pid file and process group; the supervisor ends its
// replicas, each in a session of its own, on SIGTERM).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeServiceArgs } from '../../bundle';
import { HOST, REPO_ROOT, StackError } from '../../config';
import { awaitEnd, checkPortFree, httpGet, isOurs, lastError, readRecords, removeRecord, signal, spawnService, Spawned, waitFor } from '../../procs';
import { processesWithEnv } from './procstat';
import { OWNER_ENV } from './pods';
import { AUTOSCALER_PORT_ENV, LIVE_PORT_ENV, LiveOverride, livePaths, livePorts, resolveLiveConfig, ServiceCommand } from './config';

export type { LiveOverride, ServiceCommand } from './config';

export const LIVE_SERVICE = 'live-autoscaler';
export const LIVE_AUTOSCALER_JOB = 'headroom-live-autoscaler';
export const LIVE_WEB_JOB = 'headroom-live-web';
const MAIN = path.join(__dirname, 'main.ts');
const START_TIMEOUT_MS = 60000;
const STOP_TIMEOUT_MS = 15000;

export function liveUrls(env: NodeJS.ProcessEnv = process.env) {
  const { livePort, autoscalerPort } = livePorts(env);
  const autoscaler = `http://${HOST}:${autoscalerPort}`;
  return { service: `http://${HOST}:${livePort}`, metrics: `${autoscaler}/metrics`, status: `${autoscaler}/status`, manifestReplicas: `${autoscaler}/manifest/replicas` };
}

/**
 * Starts the supervisor detached (pid file `live-autoscaler`, log logs/live-autoscaler.log) and
 * returns once its first minReplicas replicas are ready. Bad config or a busy port: one StackError.
 */
export async function startLive(o: { stateDir: string; env?: NodeJS.ProcessEnv; serviceCommand: ServiceCommand; override?: LiveOverride }): Promise<Spawned> {
  const cfg = resolveLiveConfig(o);
  const running = readRecords(cfg.stateDir).find((r) => r.name === LIVE_SERVICE && isOurs(r));
  if (running) throw new StackError(`the live autoscaler already runs (pid ${running.pid}); stop it first.`);
  await checkPortFree({ label: 'the live load balancer', env: LIVE_PORT_ENV, port: cfg.livePort });
  await checkPortFree({ label: 'the live autoscaler', env: AUTOSCALER_PORT_ENV, port: cfg.autoscalerPort });
  const paths = livePaths(cfg.stateDir);
  fs.mkdirSync(paths.dir, { recursive: true });
  fs.writeFileSync(paths.config, JSON.stringify(cfg, null, 2) + '\n');
  const urls = liveUrls(o.env);
  const s = spawnService(cfg.stateDir, LIVE_SERVICE, process.execPath, await nodeServiceArgs(cfg.stateDir, MAIN, [paths.config]), paths.config, urls.metrics, REPO_ROOT);
  const crashed = () => (s.exited() !== undefined ? `the live autoscaler exited during start-up (code ${s.exited()}): ${lastError(s.log)} (log: ${s.log})` : null);
  const ready = async () => {
    const st = JSON.parse((await httpGet(urls.status)).body) as { replicas: { ready: boolean }[] };
    return st.replicas.filter((r) => r.ready).length >= cfg.hpa.minReplicas;
  };
  try {
    await waitFor(`the live autoscaler's ${cfg.hpa.minReplicas} replicas (${urls.status})`, ready, START_TIMEOUT_MS, crashed);
  } catch (e) {
    await stopLive(cfg.stateDir);
    throw e;
  }
  return s;
}

/** Stops the supervisor (it ends its replicas; its process group is killed after it); false when it was not running. */
export async function stopLive(stateDir: string): Promise<boolean> {
  const r = readRecords(stateDir).find((x) => x.name === LIVE_SERVICE);
  if (!r) return false;
  const ours = isOurs(r);
  if (ours) {
    signal(r, 'SIGTERM');
    await awaitEnd(stateDir, r, Date.now() + STOP_TIMEOUT_MS);
  } else removeRecord(stateDir, r.name);
  // Replicas a crashed supervisor left behind: each in a session of its own, with its supervisor's pid.
  const orphans = () => processesWithEnv(`${OWNER_ENV}=${r.pid}`); // a zombie has no environment: not counted
  for (const pid of orphans()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* ended meanwhile */
    }
  }
  const deadline = Date.now() + 3000;
  while (orphans().length > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  const targets = livePaths(stateDir).replicas;
  if (fs.existsSync(targets)) fs.writeFileSync(targets, '[]\n'); // nothing left to scrape, even after a kill
  return ours;
}

/** The service the replicas are, as the scrape labels their own series (http_*, db_client_*): the simulator's web tier's name. */
export const LIVE_SERVICE_LABEL = 'web';

/**
 * Prometheus' scrape jobs: the autoscaler's kube-state-metrics and cAdvisor series (honor_labels:
 * they carry their own cluster and namespace), and every ready replica through file_sd (its
 * cluster, namespace, pod and container from the file) with `service="web"` added by the scrape,
 * as the rules and dashboards select the web tier (the service itself sets no such label).
 */
export function liveScrapeJobs(stateDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, unknown>[] {
  const { autoscalerPort } = livePorts(env);
  return [
    {
      job_name: LIVE_AUTOSCALER_JOB,
      honor_labels: true,
      static_configs: [{ targets: [`${HOST}:${autoscalerPort}`], labels: { cluster: 'demo', instance: 'live-autoscaler' } }],
    },
    {
      job_name: LIVE_WEB_JOB,
      file_sd_configs: [{ files: [livePaths(path.resolve(stateDir)).replicas], refresh_interval: '5s' }],
      relabel_configs: [{ target_label: 'service', replacement: LIVE_SERVICE_LABEL }],
    },
  ];
}
