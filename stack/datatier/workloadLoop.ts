// The data tier's workload while the stack runs: runWorkload (workload.ts) in one-minute rounds at
// a low rate, loopback only, until the stack stops it (SIGTERM to its process group, which ends the
// client tools of the round under way). It ends by itself when three rounds in a row fail in every
// part (the tier is gone: a stack that was not stopped properly), so it never outlives the tier for
// long; a round in which only some parts failed (one server stopped, or its connections taken, by
// an incident) is logged and does not count.
//
//   node --import tsx stack/datatier/workloadLoop.ts STATE_DIR     (started by stack/start.ts)
import { describeDataTier, runWorkload } from './index';
import { WorkloadError } from './workload';

/** The stack's rates: enough for every statistic to move, little enough for the resource budget. */
const STACK_WORKLOAD = { seconds: 60, pgTps: 5, mysqlPerSecond: 2, redisPerSecond: 100 };
const MAX_FAILED_ROUNDS = 3;

async function main(stateDir: string): Promise<void> {
  const tier = describeDataTier(stateDir);
  let failed = 0;
  for (;;) {
    const t0 = Date.now();
    try {
      await runWorkload(tier, STACK_WORKLOAD);
      failed = 0;
    } catch (e) {
      if (e instanceof WorkloadError && !e.allFailed) {
        failed = 0;
        console.log(`${new Date().toISOString()} workload round: a part failed, the others ran: ${e.message}`);
        continue;
      }
      failed++;
      console.log(`${new Date().toISOString()} workload round failed (${failed}/${MAX_FAILED_ROUNDS}): ${(e as Error).message}`);
      if (failed >= MAX_FAILED_ROUNDS) {
        console.log(`${new Date().toISOString()} the data tier does not answer; the workload ends.`);
        process.exit(1);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 10000 - (Date.now() - t0))));
    }
  }
}

const [stateDir] = process.argv.slice(2);
if (!stateDir) {
  console.error('usage: node --import tsx stack/datatier/workloadLoop.ts STATE_DIR');
  process.exit(2);
}
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
console.log(`${new Date().toISOString()} workload: rounds of ${JSON.stringify(STACK_WORKLOAD)} on the tier of ${stateDir}.`);
void main(stateDir);
