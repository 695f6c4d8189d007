// The live part as a service of the demo stack: the autoscaler (autoscaler/) running replicas of
// the real service (service/command.ts) on the real data tier, a steady light background load
// through its balancer (load/background.ts, in the autoscaler's process), and their scrape jobs for
// both engines. The numbers the stack runs them with are here, once; stack/live/README.md says why
// each is what it is.
//
//   await startStackLive(stateDir, env);   // after the data tier is up: 5 replicas ready, load running
//   scrape_configs: [...liveScrapeJobs(stateDir, env)]   (autoscaler/index.ts)
//   await stopStackLive(stateDir);         // the autoscaler, its load and its replicas (before the data tier)
import { Spawned } from '../procs';
import { LIVE_SERVICE, LiveOverride, startLive, stopLive } from './autoscaler';
import { BackgroundLoad } from './load/background';
import { serviceCommand } from './service/command';

/**
 * The demo stack's live autoscaler settings (the HPA algorithm's defaults otherwise: min 5, max
 * 12, target 75 %, tolerance 0.1, scale down below 50 %):
 * - cpuRequest 0.05 core: the capacity factor for the real service, whose idle replicas use ~10
 *   millicores each (GC, timers, pool keep-alives): 20 % of 0.05, well under the 50 % scale-down
 *   line (of 0.02 it would be 42-58 %, on it). 12 replicas at the target: 12 x 0.75 x 0.05 = 0.45 core.
 * - shorter windows than Kubernetes' (up after 120 s, down after 300 s, 15 s loop, 180 s
 *   cooldown): a 5 s loop, up after 60 s, down after 30 s, 30 s cooldown, so that a load step
 *   shows a scale-up and the way back within about a minute each. Not up after less than 60 s:
 *   the dashboards judge a pod's CPU as its rate over 1 min (the rules' cpuRateWindow), and after
 *   30 s of load that rate still said 71 % when the HPA scaled at 125 %, so the timeline explained
 *   the scale-up with "cpu 71 % < target 75 %". Written with the rest of the resolved config to
 *   <state>/live/autoscaler.json, which the tests read their bounds from.
 */
export const STACK_LIVE_OVERRIDE: LiveOverride = {
  cpuRequest: 0.05,
  loopSeconds: 5,
  hpa: { upAfter: 60, downAfter: 30, cooldown: 30 },
};

/**
 * CPU units per request of the stack's replicas (service/work.ts; the service's default is 4,
 * ~2.2 ms): 32, ~8 ms of CPU a request, so that a load step of a few dozen requests a second is
 * tenths of a core. With 4 the same CPU needed ~150 req/s, more than the balancer, the replicas'
 * pools and the data tier served on the shared 2-core machine (~25 req/s answered, the rest queued).
 */
export const STACK_LIVE_WORK = '32';

/**
 * Seconds an idle pool connection of a stack replica stays open (the service's default: for ever,
 * the pool kept full): 10, pg's own default. At rest (2 req/s over 5 replicas) each replica keeps
 * about one connection to the replica server and opens one to the primary for a checkout now and
 * then, instead of holding 2 + 2: 20 PostgreSQL backends of ~12-17 MiB of RSS each otherwise
 * (issue 19's budget). A load step fills the pools again; their metrics say so.
 */
export const STACK_LIVE_POOL_IDLE_SECONDS = '10';

/** The background load: 2 req/s (20 % checkouts), ~10 ms of replica CPU a second: the series move, the HPA stays at 5. */
export const STACK_LIVE_LOAD: BackgroundLoad = { rps: 2, checkoutShare: 0.2, roundSeconds: 60 };

/**
 * Starts the autoscaler with the real service and the background load (sent by the autoscaler's own
 * process through its balancer: load/background.ts); returns once 5 replicas are ready. Needs the
 * data tier up.
 */
export async function startStackLive(stateDir: string, env: NodeJS.ProcessEnv): Promise<Spawned[]> {
  const serviceEnv = { ...env, HEADROOM_LIVE_WORK: env.HEADROOM_LIVE_WORK ?? STACK_LIVE_WORK, HEADROOM_LIVE_POOL_IDLE_SECONDS: env.HEADROOM_LIVE_POOL_IDLE_SECONDS ?? STACK_LIVE_POOL_IDLE_SECONDS };
  return [await startLive({ stateDir, env, serviceCommand: serviceCommand(stateDir, serviceEnv), override: { ...STACK_LIVE_OVERRIDE, load: STACK_LIVE_LOAD } })];
}

/** The pid-file names of the live part, in stop order. */
export const LIVE_PARTS = [LIVE_SERVICE];

/** Stops the autoscaler (its load with it) and every replica; returns the names of those that ran. */
export async function stopStackLive(stateDir: string): Promise<string[]> {
  return (await stopLive(stateDir)) ? [LIVE_SERVICE] : [];
}
