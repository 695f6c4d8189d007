/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeRecord } from './procs';
import { between, snapshot, total, Usage } from './usage';

const u = (ticks: number, rssKb: number, pids = [1]): Usage => ({ pids, ticks, rss: rssKb, pss: rssKb / 2 });

test('between: cores from the tick difference over the seconds, memory from the second snapshot; a process new in it counts no CPU', () => {
  const a = new Map([['prometheus', u(1000, 1024)]]);
  const b = new Map([['prometheus', u(1300, 2048, [1, 2])], ['redis', u(50, 512)]]);
  const rows = between(a, b, 2);
  expect(rows).toEqual([
    { name: 'prometheus', processes: 2, rssMiB: 2, pssMiB: 1, cores: 1.5 },
    { name: 'redis', processes: 1, rssMiB: 0.5, pssMiB: 0.25, cores: 0 },
  ]);
  expect(total(rows)).toEqual({ name: 'total', processes: 3, rssMiB: 2.5, pssMiB: 1.25, cores: 1.5 });
  // A restarted process (fewer ticks than before) is not negative.
  expect(between(new Map([['x', u(500, 1)]]), new Map([['x', u(100, 1)]]), 1)[0].cores).toBe(0);
});

test('snapshot: a recorded process with its tree, and the CPU of a child it waited for', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-usage-'));
  try {
    writeRecord(dir, { name: 'self', pid: process.pid, marker: 'node', startedAt: '' });
    const before = snapshot(dir).get('self')!;
    // A child busy for 0.3 s of CPU (CPU time, not wall time: a loaded machine gives it less CPU per
    // second), waited for: its time moves into our cutime/cstime.
    const busy = 'const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if (u.user + u.system >= 300000) break; }';
    const child = spawnSync(process.execPath, ['-e', busy]);
    expect(child.status).toBe(0);
    const after = snapshot(dir).get('self')!;
    expect(after.pids[0]).toBe(process.pid);
    expect(after.rss).toBeGreaterThan(10 * 1024); // a node process: tens of MiB
    expect(after.ticks - before.ticks).toBeGreaterThanOrEqual(25);
    expect(snapshot(dir, (n) => n !== 'self').size).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
