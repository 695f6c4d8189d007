/** @jest-environment node */
import * as fs from 'node:fs';
import { cpuTicksSince, parseGroup, processesWithEnv, parseStat, parseVmRss, ProcStat, processTree, readAllStats } from './procstat';

// A real line's shape: fields 14/15 are utime/stime (here 1234 and 56).
const line = (pid: number, comm: string, ppid: number, utime: number, stime: number) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 1000 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 12345 1000000 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`;

describe('parseStat', () => {
  test('pid, ppid and utime + stime', () => {
    expect(parseStat(line(42, 'node', 7, 1234, 56))).toEqual({ pid: 42, ppid: 7, ticks: 1290 });
  });
  test('a command name with spaces and parentheses is skipped whole', () => {
    expect(parseStat(line(43, 'we (ird) name', 1, 10, 5))).toEqual({ pid: 43, ppid: 1, ticks: 15 });
  });
  test('malformed lines are null', () => {
    expect(parseStat('')).toBeNull();
    expect(parseStat('12 node S 1')).toBeNull();
    expect(parseStat('12 (node) S')).toBeNull();
  });
  test('this process reads itself', () => {
    const me = readAllStats().find((p) => p.pid === process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid });
    expect(me!.ticks).toBeGreaterThan(0);
  });
});

test('parseGroup: field 5, after a command name with spaces', () => {
  expect(parseGroup(line(42, 'we (ird) name', 7, 1, 1))).toBe(42);
  expect(parseGroup('garbage')).toBeNaN();
});

test('processesWithEnv: this process by an entry of its starting environment, exactly, not by a part of one', () => {
  const first = fs.readFileSync('/proc/self/environ', 'latin1').split('\0')[0];
  expect(processesWithEnv(first)).toContain(process.pid);
  expect(processesWithEnv(first.slice(0, -1))).not.toContain(process.pid);
  expect(processesWithEnv('NO_SUCH_VARIABLE_HERE=1')).not.toContain(process.pid);
});

test('parseVmRss: kB to bytes, 0 when absent (zombie)', () => {
  expect(parseVmRss('Name:\tnode\nVmPeak:\t  900 kB\nVmRSS:\t   45012 kB\nRssAnon:\t 1 kB\n')).toBe(45012 * 1024);
  expect(parseVmRss('Name:\tnode\nState:\tZ (zombie)\n')).toBe(0);
});

describe('a replica process tree', () => {
  const procs: ProcStat[] = [
    { pid: 1, ppid: 0, ticks: 5 },
    { pid: 10, ppid: 1, ticks: 100 }, // the replica (a wrapper)
    { pid: 11, ppid: 10, ticks: 300 }, // the service it runs
    { pid: 12, ppid: 11, ticks: 7 }, // a helper of the service
    { pid: 20, ppid: 1, ticks: 999 }, // another replica
  ];
  test('is the root and all its descendants, nothing else', () => {
    expect(processTree(procs, 10).map((p) => p.pid).sort()).toEqual([10, 11, 12]);
    expect(processTree(procs, 99)).toEqual([]);
  });
  test('its CPU counter adds growth, new children whole, and never goes back when a child ends', () => {
    const last = new Map<number, number>();
    expect(cpuTicksSince(processTree(procs, 10), last)).toBe(407); // the first reading: all so far
    const later = [{ pid: 10, ppid: 1, ticks: 110 }, { pid: 11, ppid: 10, ticks: 350 }, { pid: 13, ppid: 11, ticks: 4 }]; // 12 ended, 13 new
    expect(cpuTicksSince(later, last)).toBe(10 + 50 + 4);
    expect(cpuTicksSince([{ pid: 10, ppid: 1, ticks: 110 }], last)).toBe(0);
  });
});
