// Interrupting a start at each phase leaves nothing behind, and the next start works (and rebuilds
// a history cache that the interruption left incomplete). The start runs as users run it, through
// tsx's CLI (node_modules/.bin/tsx), whose signal relay SIGKILLs a child that does not acknowledge
// a signal within 30 ms; the signal goes either to the whole process group (Ctrl-C in a terminal)
// or to tsx alone (a relay such as npm's, or `kill`). A small stack of its own: temporary state
// folder, free ports, 1.5 days of history.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './config';
import { readRecords } from './procs';
import { isolatedStackEnv, leftBehind, runCli, sleep } from './testing';
import { vmBins, VM_SERVICES } from './engines/victoriametrics';
import { TIER_STOP_ORDER } from './datatier/config';
import { LIVE_PARTS } from './live/stack';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

let stateDir: string;
let env: NodeJS.ProcessEnv;
let ports: number[];

beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-stack-interrupt-'));
  ({ env, ports } = await isolatedStackEnv(stateDir, { HEADROOM_HISTORY_DAYS: '1.5' }));
});

afterAll(async () => {
  await runCli(['stop', '--clean'], env, 60000);
  fs.rmSync(stateDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
  /** Every pid a pid file named while the start ran. */
  pids: Set<number>;
}

/** `tsx stack/cli.ts start` in a process group of its own (as a terminal's foreground job). */
function startViaTsx(): Started {
  const child = spawn(TSX, ['stack/cli.ts', 'start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const pids = new Set<number>();
  const watch = setInterval(() => readRecords(stateDir).forEach((r) => pids.add(r.pid)), 100);
  const exited = new Promise<number | null>((r) =>
    child.on('exit', (code) => {
      clearInterval(watch);
      r(code);
    }),
  );
  return { child, out: () => out, exited, pids };
}

async function waitForLine(s: Started, text: string, timeoutMs = 150000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!s.out().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${timeoutMs} ms; output:\n${s.out()}`);
    if (s.child.exitCode !== null) throw new Error(`the start ended before "${text}"; output:\n${s.out()}`);
    await sleep(100);
  }
}

/** Sends `sig` to the start's whole process group (a terminal's Ctrl-C) or to tsx alone. */
function interrupt(s: Started, sig: NodeJS.Signals, to: 'group' | 'tsx') {
  process.kill(to === 'group' ? -s.child.pid! : s.child.pid!, sig);
}

async function expectNothingLeft(s: Started) {
  const code = await Promise.race([s.exited, sleep(60000).then(() => 'still running')]);
  expect(code).not.toBe('still running');
  expect(await leftBehind(stateDir, ports, [...s.pids])).toEqual([]);
}

/** `start --detach`, then `stop`: both work, nothing is left; returns the start's output. */
async function startAndStop(): Promise<string> {
  const r = await runCli(['start', '--detach'], env, 170000);
  const pids = readRecords(stateDir).map((x) => x.pid);
  const names = readRecords(stateDir).map((x) => x.name).sort();
  const stopped = await runCli(['stop'], env, 60000);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const engines = vmBins() ? [...VM_SERVICES] : []; // second engine, when installed
  expect(names).toEqual(['alertmanager', 'forecast', 'prometheus', 'receiver', 'simulator', 'workload', ...LIVE_PARTS, ...engines, ...TIER_STOP_ORDER].sort());
  expect(stopped.code).toBe(0);
  expect(await leftBehind(stateDir, ports, pids)).toEqual([]);
  return r.stdout;
}

// Before the history is complete (raw and recording-rule history written).
const early: [string, string, number, NodeJS.Signals, 'group' | 'tsx'][] = [
  ['Ctrl-C (SIGINT to the process group) while the history is backfilled', 'backfilling', 1500, 'SIGINT', 'group'],
  ['SIGINT to tsx alone while the history is backfilled', 'backfilling', 1500, 'SIGINT', 'tsx'],
  ['SIGTERM to tsx alone while the recording-rule history is computed', 'history ready', 300, 'SIGTERM', 'tsx'],
];

test.each(early)('%s leaves no process, port, pid file, config/ or work/', async (_name, line, delayMs, sig, to) => {
  const s = startViaTsx();
  await waitForLine(s, line);
  await sleep(delayMs);
  interrupt(s, sig, to);
  await expectNothingLeft(s);
});

test('after those interruptions the next start rebuilds the incomplete history and comes up; stop leaves nothing', async () => {
  expect(await startAndStop()).toContain('backfilling 1.5 days of history'); // not "reusing the cached history"
});

test('SIGINT to tsx alone while the services start leaves nothing; the history was complete and is reused', async () => {
  const s = startViaTsx();
  await waitForLine(s, 'history ready');
  // The gap since the last start is too short for a rule history: Prometheus is the next process.
  while (!readRecords(stateDir).some((r) => r.name === 'prometheus') && s.child.exitCode === null) await sleep(50);
  expect(s.out()).not.toContain('headroom stack: up in '); // the stack's own line, not the data tier's
  interrupt(s, 'SIGINT', 'tsx');
  await expectNothingLeft(s);
  expect(await startAndStop()).toContain('reusing the cached history');
});

test('Ctrl-C of a foreground stack that is up stops it with exit code 0 and leaves nothing', async () => {
  const s = startViaTsx();
  await waitForLine(s, 'Ctrl-C stops everything');
  interrupt(s, 'SIGINT', 'group');
  await expectNothingLeft(s);
  expect(await s.exited).toBe(0);
});
