// Memory and CPU of the stack's processes from /proc: each recorded process (pids/*.pid) with every
// process below it (PostgreSQL's backends, the workload's client tools, ...). One place for the
// stack's resource figures (stack/measure.ts, stack/resources.itest.ts, datatier/measure.ts).
import * as fs from 'node:fs';
import { readRecords } from './procs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
export const TICKS_PER_SECOND = 100;

export interface Usage {
  /** The processes of the tree when measured. */
  pids: number[];
  /** CPU time in ticks: user + system of each live process plus what its waited-for children used. */
  ticks: number;
  /** Resident set size in kB, summed (shared pages count once per process). */
  rss: number;
  /** Proportional set size in kB (shared pages divided among the processes that map them). */
  pss: number;
}

/** pid -> its children, from every /proc/<pid>/stat. */
function childrenOf(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(statFields(Number(d))[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
    } catch {
      /* ended meanwhile */
    }
  }
  return kids;
}

/** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... [11] utime. */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function tree(pid: number, kids: Map<number, number[]>): number[] {
  return [pid, ...(kids.get(pid) ?? []).flatMap((k) => tree(k, kids))];
}

/**
 * One process: utime + stime + cutime + cstime (the children it has reaped, so that a tool that
 * ran and ended between two snapshots is counted: the difference of two snapshots is the CPU of the
 * tree in between), RSS and PSS. Zero for a process gone meanwhile.
 */
function one(pid: number): Omit<Usage, 'pids'> {
  try {
    const f = statFields(pid);
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
    return { ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]), rss: kb('Rss'), pss: kb('Pss') };
  } catch {
    return { ticks: 0, rss: 0, pss: 0 };
  }
}

/** Usage of every recorded process of `stateDir` (with its tree), by pid-file name; `only` narrows the names. */
export function snapshot(stateDir: string, only?: (name: string) => boolean): Map<string, Usage> {
  const kids = childrenOf();
  const out = new Map<string, Usage>();
  for (const r of readRecords(stateDir).filter((x) => !only || only(x.name))) {
    const pids = tree(r.pid, kids);
    const u = pids.map(one);
    out.set(r.name, { pids, ticks: u.reduce((a, x) => a + x.ticks, 0), rss: u.reduce((a, x) => a + x.rss, 0), pss: u.reduce((a, x) => a + x.pss, 0) });
  }
  return out;
}

export interface Measured {
  name: string;
  processes: number;
  rssMiB: number;
  pssMiB: number;
  /** Average cores between the two snapshots. */
  cores: number;
}

/** Per process (tree) between snapshots `a` and `b` taken `seconds` apart; memory as of `b`. */
export function between(a: Map<string, Usage>, b: Map<string, Usage>, seconds: number): Measured[] {
  return [...b].map(([name, u]) => ({
    name,
    processes: u.pids.length,
    rssMiB: u.rss / 1024,
    pssMiB: u.pss / 1024,
    cores: Math.max(0, u.ticks - (a.get(name)?.ticks ?? u.ticks)) / TICKS_PER_SECOND / seconds,
  }));
}

export function total(rows: Measured[]): Measured {
  return rows.reduce((t, r) => ({ name: 'total', processes: t.processes + r.processes, rssMiB: t.rssMiB + r.rssMiB, pssMiB: t.pssMiB + r.pssMiB, cores: t.cores + r.cores }), {
    name: 'total',
    processes: 0,
    rssMiB: 0,
    pssMiB: 0,
    cores: 0,
  });
}

/** Measures the stack of `stateDir` over `seconds` (memory at the end). */
export async function measure(stateDir: string, seconds: number, only?: (name: string) => boolean): Promise<{ rows: Measured[]; total: Measured; seconds: number }> {
  const a = snapshot(stateDir, only);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const b = snapshot(stateDir, only);
  const rows = between(a, b, (Date.now() - t0) / 1000);
  return { rows, total: total(rows), seconds: (Date.now() - t0) / 1000 };
}

export function formatTable(m: { rows: Measured[]; total: Measured; seconds: number }): string {
  const line = (r: Measured) => `${r.name.padEnd(26)} ${String(r.processes).padStart(5)} ${r.rssMiB.toFixed(1).padStart(9)} ${r.pssMiB.toFixed(1).padStart(9)} ${r.cores.toFixed(3).padStart(9)}`;
  return [
    `${'process (with its tree)'.padEnd(26)} procs   RSS MiB   PSS MiB     cores`,
    ...m.rows.map(line),
    line(m.total),
    `(over ${m.seconds.toFixed(0)} s; memory at the end; RSS counts shared memory once per process, PSS shares it out)`,
  ].join('\n');
}
