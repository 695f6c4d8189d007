// The last net of a teardown: processes that name the state folder in their arguments (the data
// tier's servers and exporters, the workload's client tools) or write their output there (every
// service the stack spawns logs to <state>/logs) but have no pid file, because the
// start that spawned one was killed between the spawn and the record (tsx's signal relay SIGKILLs
// a start that does not acknowledge a signal within 30 ms). Zombies, this process and the recorded
// ones a teardown keeps (the keeper, which names the folder too) are left.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a process's working folder and standard output and error point (what of them it can read). */
function links(pid: number): string[] {
  const out: string[] = [];
  for (const l of ['cwd', 'fd/1', 'fd/2']) {
    try {
      out.push(fs.readlinkSync(`/proc/${pid}/${l}`));
    } catch {
      // gone, closed, or not ours to read
    }
  }
  return out;
}

/**
 * Pids of live processes with an argument inside `stateDir` (or the folder itself), or whose
 * working folder or output is there: every service the stack spawns writes to <state>/logs, so an
 * exporter whose arguments name no file (redis_exporter: an address and a port) is found too.
 */
export function processesNaming(stateDir: string): number[] {
  const dir = path.resolve(stateDir);
  const inside = (a: string) => a === dir || a.startsWith(`${dir}/`);
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args.some((a) => a === dir || a.includes(`${dir}/`)) && !links(pid).some(inside)) continue;
      const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
      if (state !== 'Z') out.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/** SIGKILLs every process naming the state folder but `keep`; returns their pids. Never throws. */
export function endUnrecorded(stateDir: string, keep: number[]): number[] {
  try {
    const pids = processesNaming(stateDir).filter((pid) => !keep.includes(pid));
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    return pids;
  } catch {
    return [];
  }
}
