// The running stack's resource figures: RSS, PSS and CPU of every process a start recorded (with
// every process below it) over a while at rest, from /proc (stack/usage.ts).
//
//   HEADROOM_STATE_DIR=... node_modules/.bin/tsx stack/measure.ts [seconds, default 60]
import { loadConfig } from './config';
import { formatTable, measure } from './usage';

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 60);
  if (!(seconds >= 1)) throw new Error(`seconds must be a number >= 1, not ${process.argv[2]}`);
  const stateDir = loadConfig().stateDir;
  const m = await measure(stateDir, seconds);
  if (m.rows.length === 0) throw new Error(`no process of a stack is recorded in ${stateDir}/pids; start one first.`);
  console.log(formatTable(m));
}

main().catch((e: Error) => {
  console.error(`headroom stack: ${e.message}`);
  process.exit(1);
});
