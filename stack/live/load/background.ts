// The live part's background load while the stack runs: runLoad (generator.ts) at a steady low rate
// in rounds of a few minutes until `signal` aborts, one log line a round. The stack runs it inside
// the live autoscaler's process (autoscaler/main.ts), against that process's own balancer: a Node
// process of its own cost ~45 MiB of RSS for 2 req/s (issue 19's budget).
import { runLoad } from './generator';
import { checkProfile, LoadProfileError } from './profile';

export interface BackgroundLoad {
  /** Requests a second. */
  rps: number;
  /** 0..1: the share of POST /checkout (the rest GET /api). */
  checkoutShare: number;
  /** Seconds of one round (one runLoad, one log line). */
  roundSeconds: number;
}

/** A flat profile of one round. */
function roundProfile(o: BackgroundLoad) {
  return checkProfile({ durationS: o.roundSeconds, baseRps: o.rps, dayS: o.roundSeconds, amplitude: 0, growthPerDay: 0, spike: null });
}

/** The settings checked (LoadProfileError naming the first bad one). */
export function checkBackgroundLoad(o: BackgroundLoad): BackgroundLoad {
  if (!(o.checkoutShare >= 0 && o.checkoutShare <= 1)) throw new LoadProfileError(`the checkout share must be from 0 to 1 (got ${o.checkoutShare})`);
  if (!(o.roundSeconds > 0 && o.roundSeconds <= 3600)) throw new LoadProfileError(`a round must last more than 0 and at most 3600 s (got ${o.roundSeconds})`);
  roundProfile(o);
  return { rps: o.rps, checkoutShare: o.checkoutShare, roundSeconds: o.roundSeconds };
}

/** Rounds of load on `target` until `signal` aborts (then it returns once what is in flight ended). */
export async function runBackgroundLoad(target: string, o: BackgroundLoad, signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const profile = roundProfile(o);
  log(`background load: ${JSON.stringify(o)} against ${target}.`);
  while (!signal.aborted) {
    const r = await runLoad({ target, profile, checkoutShare: o.checkoutShare, maxInFlight: 8, timeoutMs: 5000, signal });
    log(`background load round: sent ${r.sent}, ok ${r.ok}, errors ${r.errors}, skipped ${r.skipped} in ${r.seconds.toFixed(1)} s`);
  }
}
