// The host's CPU as the kernel counts it (/proc/stat's first line), read apart from node_exporter:
// an itest's independent measure of what HeadroomDatabaseCPUHigh reads.
import * as fs from 'node:fs';

/** Cumulative CPU time of all cores, in the kernel's ticks: idle and everything. */
export interface CpuTicks {
  idle: number;
  total: number;
}

/**
 * The `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal guest guest_nice.
 * guest and guest_nice are already inside user and nice, so they are not added again. `idle` is
 * the idle field alone, as node_exporter's mode="idle" is (iowait counts as busy, as in the rule).
 * Throws on text without a well-formed cpu line.
 */
export function parseCpuTicks(procStat: string): CpuTicks {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  const fields = line?.trim().split(/\s+/).slice(1, 9).map(Number) ?? [];
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`no well-formed "cpu" line in /proc/stat: ${line ?? '(none)'}`);
  return { idle: fields[3], total: fields.reduce((a, b) => a + b, 0) };
}

/**
 * The busy share of all cores between two readings: 1 - idle ticks / all ticks, in [0, 1].
 * NaN when no tick passed between them (the same reading twice), or the counters went back (a
 * reading from another boot).
 */
export function busyShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  const idle = after.idle - before.idle;
  if (!(total > 0) || idle < 0 || idle > total) return NaN;
  return 1 - idle / total;
}

export function readCpuTicks(): CpuTicks {
  return parseCpuTicks(fs.readFileSync('/proc/stat', 'utf8'));
}
