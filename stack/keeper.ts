// The keeper of a start: a small process that `start` spawns before anything else, in a process
// group of its own (a Ctrl-C in the terminal does not reach it), reading a pipe from the start.
// The pipe closes when the start ends, however it ends. A start that ends properly has removed its
// pid file first (handing a detached stack over, or after stopping what it started); a start that
// was killed (a signal relay such as tsx's SIGKILLs a child that does not acknowledge a Ctrl-C
// within 30 ms; an out-of-memory kill; a crash) has not, and then the keeper stops every recorded
// process and removes what the start wrote, so nothing is left running with a stale pid file.
//
//   node --import tsx stack/keeper.ts STATE_DIR START_PID      (run by start.ts; output in logs/keeper.log)
// SIGTERM: end the stack now (as if the start had been killed). SIGINT and SIGHUP are ignored.
import * as fs from 'node:fs';
import { pidFile, removeRecord } from './procs';
import { removeIfEmpty, teardown } from './teardown';
import { statePaths } from './config';

const [stateDir, startPid] = process.argv.slice(2);
const log = (line: string) => console.log(`${new Date().toISOString()} keeper: ${line}`);

/** True while the start's pid file still names the start this keeper keeps. */
function startRecorded(): boolean {
  try {
    return (JSON.parse(fs.readFileSync(pidFile(stateDir, 'cli'), 'utf8')) as { pid: number }).pid === Number(startPid);
  } catch {
    return false;
  }
}

let ending = false;
async function end(why: string, always: boolean): Promise<void> {
  if (ending) return;
  ending = true;
  if (always || startRecorded()) {
    log(`${why}; stopping what it started.`);
    const { stopped, killed, stale } = await teardown(stateDir, ['keeper']);
    log(`stopped ${stopped.join(', ') || 'nothing'}; killed ${killed.join(', ') || 'nothing'}; stale pid files ${stale.join(', ') || 'none'}.`);
  } else log('the start ended properly; nothing to do.');
  removeRecord(stateDir, 'keeper');
  removeIfEmpty(statePaths(stateDir).pids);
  process.exit(0);
}

if (!stateDir || !startPid) {
  console.error('usage: node --import tsx stack/keeper.ts STATE_DIR START_PID');
  process.exit(2);
}
process.on('SIGINT', () => log('SIGINT ignored (the start handles it).'));
process.on('SIGHUP', () => log('SIGHUP ignored.'));
process.on('SIGTERM', () => void end('asked to stop (SIGTERM)', true));
process.stdin.on('data', () => {
  /* nothing is said on the pipe: only its end counts */
});
process.stdin.on('end', () => void end(`the start (pid ${startPid}) ended`, false));
process.stdin.on('error', () => void end(`the start's pipe failed`, false));
log(`keeping the start pid ${startPid} (state ${stateDir}).`);
