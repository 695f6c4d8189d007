// The live part's background load while the stack runs: runLoad (generator.ts) at a steady low
// rate in rounds of a few minutes through the autoscaler's balancer, until the stack stops it
// (SIGTERM). Bounded like every run of the generator (its rate, its requests in flight); it ends
// by itself after three rounds in a row in which nothing was answered (the balancer is gone: a
// stack that was not stopped properly), so it never outlives the stack for long.
//
//   node --import tsx stack/live/load/loop.ts http://127.0.0.1:19080 '{"rps":2,"checkoutShare":0.2,"roundSeconds":60}'
import { runLoad } from './generator';
import { checkProfile } from './profile';

const MAX_FAILED_ROUNDS = 3;

async function main(target: string, o: { rps: number; checkoutShare: number; roundSeconds: number }): Promise<void> {
  const profile = checkProfile({ durationS: o.roundSeconds, baseRps: o.rps, dayS: o.roundSeconds, amplitude: 0, growthPerDay: 0, spike: null });
  const stop = new AbortController();
  const end = () => stop.abort();
  process.on('SIGTERM', end);
  process.on('SIGINT', end);
  let failed = 0;
  while (!stop.signal.aborted) {
    const r = await runLoad({ target, profile, checkoutShare: o.checkoutShare, maxInFlight: 8, timeoutMs: 5000, signal: stop.signal });
    console.log(`${new Date().toISOString()} round: sent ${r.sent}, ok ${r.ok}, errors ${r.errors}, skipped ${r.skipped} in ${r.seconds.toFixed(1)} s`);
    failed = r.sent > 0 && r.ok === 0 ? failed + 1 : 0;
    if (failed >= MAX_FAILED_ROUNDS) {
      console.log(`${new Date().toISOString()} nothing answered in ${MAX_FAILED_ROUNDS} rounds; the load ends.`);
      process.exit(1);
    }
  }
  process.exit(0);
}

const [target, json] = process.argv.slice(2);
if (!target || !json) {
  console.error('usage: node --import tsx stack/live/load/loop.ts TARGET_URL \'{"rps":N,"checkoutShare":S,"roundSeconds":T}\'');
  process.exit(2);
}
console.log(`${new Date().toISOString()} live load: ${json} against ${target}.`);
main(target, JSON.parse(json) as { rps: number; checkoutShare: number; roundSeconds: number }).catch((e: Error) => {
  console.error(`${new Date().toISOString()} live load: ${e.message}`);
  process.exit(1);
});
