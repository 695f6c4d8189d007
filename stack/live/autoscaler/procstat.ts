// CPU and memory of a replica from /proc, as cAdvisor reads them from the container's cgroup: the
// replica is its process and every descendant (a wrapper such as `tsx` runs the service as a child).
// CPU is utime + stime (/proc/<pid>/stat fields 14 and 15, in clock ticks); memory is VmRSS
// (/proc/<pid>/status), the closest a process has to the cgroup's working set.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

/**
 * One /proc/<pid>/stat line. The command name (field 2) is in parentheses and may hold spaces or
 * parentheses itself, so the fields are counted from the last ')'. Null for anything malformed.
 */
export function parseStat(line: string): ProcStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  const f = line.slice(close + 2).trim().split(/\s+/); // f[0] is field 3 (state)
  const ppid = Number(f[1]);
  const ticks = Number(f[11]) + Number(f[12]);
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isFinite(ticks)) return null;
  return { pid, ppid, ticks };
}

/** VmRSS of a /proc/<pid>/status text, in bytes; 0 when absent (a zombie, a kernel thread). */
export function parseVmRss(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

/** `root` and its descendants among `procs` (by ppid). */
export function processTree(procs: readonly ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of procs) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const out: ProcStat[] = [];
  const self = procs.find((p) => p.pid === root);
  if (!self) return out;
  const queue = [self];
  while (queue.length > 0) {
    const p = queue.shift() as ProcStat;
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/**
 * Adds what a tree used since the last reading to a counter: a pid seen before adds its growth, a
 * new pid (a child started since) all it used; a pid gone takes its last interval with it, so the
 * counter never goes back. `last` (pid -> ticks) is replaced by this reading.
 */
export function cpuTicksSince(tree: readonly ProcStat[], last: Map<number, number>): number {
  let used = 0;
  for (const p of tree) used += Math.max(0, p.ticks - (last.get(p.pid) ?? 0));
  last.clear();
  for (const p of tree) last.set(p.pid, p.ticks);
  return used;
}

/** The process group of a /proc/<pid>/stat line (field 5), NaN when malformed. */
export function parseGroup(line: string): number {
  return Number(line.slice(line.lastIndexOf(')') + 2).split(' ')[2]);
}

/** Pids whose environment has the entry `entry` exactly (e.g. HEADROOM_LIVE_SUPERVISOR=1234: that supervisor's replicas). A zombie has none. */
export function processesWithEnv(entry: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(entry)) out.push(Number(name));
    } catch {
      /* ended meanwhile, or not ours to read */
    }
  }
  return out;
}

/** Every process' stat line now (processes that end while being read are skipped). */
export function readAllStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = parseStat(fs.readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (s) out.push(s);
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

export function readRss(pid: number): number {
  try {
    return parseVmRss(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return 0;
  }
}

/** Clock ticks per second (USER_HZ): getconf's answer, 100 where it cannot be asked. */
export function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return n > 0 ? n : 100;
  } catch {
    return 100;
  }
}
