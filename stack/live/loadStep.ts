// A load step on the running stack's live part, for its tests (stack.itest.ts, the browser test
// preview/tests/livescaling.itest.ts): GET /api through the balancer at a steady rate until the
// autoscaler's first scale event after the step (or a bound from its resolved config), then the
// load ends. Nothing here asserts: the callers do.
import * as fs from 'node:fs';
import { loadConfig } from '../config';
import { liveUrls } from './autoscaler';
import { LiveConfig, livePaths } from './autoscaler/config';
import { LoadResult, runLoad } from './load/generator';

/** 60 GET /api a second (~8 ms of CPU each at the stack's work level), at most 24 in flight: well over 120 % of five 0.05-core requests on a loaded machine. */
export const STEP = { rps: 60, maxInFlight: 24 };

export interface LiveStatus {
  hpa: { current: number; desired: number; utilization: number; lastScaleAt: number | null };
  replicas: { pod: string; ready: boolean }[];
  events: { at: string; from: number; to: number; utilization: number; reason: string }[];
  /** The Deployment manifest's replicas (autoscaler/manifest.ts), null: none. */
  manifest: { replicas: number | null };
}

export const liveStatus = async (): Promise<LiveStatus> => (await (await fetch(liveUrls().status)).json()) as LiveStatus;

/** Sets the Deployment manifest's replicas the autoscaler re-applies after every HPA step (null: none); taken at its next loop step. */
export async function setManifestReplicas(replicas: number | null): Promise<void> {
  const r = await fetch(liveUrls().manifestReplicas, { method: 'PUT', body: JSON.stringify(replicas) });
  if (!r.ok) throw new Error(`PUT ${liveUrls().manifestReplicas} ${String(replicas)}: ${r.status} ${await r.text()}`);
}

/** The stack's resolved live config (<state>/live/autoscaler.json). */
export function stackLiveConfig(): LiveConfig {
  return JSON.parse(fs.readFileSync(livePaths(loadConfig().stateDir).config, 'utf8')) as LiveConfig;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (at most a cooldown + downAfter + 3 loops + 10 s) for 5 ready replicas and no change within a cooldown. */
export async function awaitRest(cfg: LiveConfig): Promise<LiveStatus> {
  let now = await liveStatus();
  const deadline = Date.now() + (cfg.hpa.cooldown + cfg.hpa.downAfter + 3 * cfg.loopSeconds + 10) * 1000;
  const atRest = (s: LiveStatus) => s.hpa.current === cfg.hpa.minReplicas && s.replicas.filter((r) => r.ready).length === cfg.hpa.minReplicas && Date.now() / 1000 - (s.hpa.lastScaleAt ?? 0) > cfg.hpa.cooldown;
  while (!atRest(now) && Date.now() < deadline) {
    await sleep(1000);
    now = await liveStatus();
  }
  return now;
}

export interface StepResult {
  stepAt: number;
  /** 0 when no event came within the bound. */
  upAt: number;
  /** The first event after the step, if any. */
  event: LiveStatus['events'][number] | undefined;
  status: LiveStatus;
  load: LoadResult;
}

/** The step: load until the first new scale event or `boundS` seconds, then no more load. */
export async function loadStep(boundS: number, before: LiveStatus): Promise<StepResult> {
  const stop = new AbortController();
  const stepAt = Date.now();
  const load = runLoad({
    target: liveUrls().service,
    profile: { durationS: boundS + 5, baseRps: STEP.rps, dayS: boundS + 5, amplitude: 0, growthPerDay: 0, spike: null },
    checkoutShare: 0,
    maxInFlight: STEP.maxInFlight,
    timeoutMs: 5000,
    signal: stop.signal,
  });
  let upAt = 0;
  let now = before;
  try {
    while (Date.now() - stepAt < boundS * 1000) {
      await sleep(500);
      now = await liveStatus();
      if (now.events.length > before.events.length) {
        upAt = Date.now();
        break;
      }
    }
  } finally {
    stop.abort();
  }
  return { stepAt, upAt, event: now.events[before.events.length], status: now, load: await load };
}
