// Process control of the stack, on a second, small stack of its own (own state folder, free
// ports, 1.2 h of history): start -> second start refused -> stop leaves nothing behind; Ctrl-C in
// the foreground does the same; a taken port and a missing binary each give one clear line.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { isOurs, readRecords } from './procs';
import { CLI_ENTRY, isolatedStackEnv, leftBehind, runCli, sleep } from './testing';
import { REPO_ROOT } from './config';
import { vmBins, VM_SERVICES } from './engines/victoriametrics';
import { TIER_STOP_ORDER } from './datatier/config';
import { LIVE_PARTS } from './live/stack';

let stateDir: string;
let env: NodeJS.ProcessEnv;
let ports: number[];

beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-stack-itest-'));
  ({ env, ports } = await isolatedStackEnv(stateDir, { HEADROOM_HISTORY_DAYS: '0.05' }));
});

afterAll(async () => {
  await runCli(['stop', '--clean'], env, 60000);
  fs.rmSync(stateDir, { recursive: true, force: true });
});

function expectOneLine(r: { code: number | null; stdout: string; stderr: string }, re: RegExp) {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toEqual([expect.stringMatching(re)]);
}

async function expectNothingLeft(pids: number[]) {
  expect(await leftBehind(stateDir, ports, pids)).toEqual([]);
}

// (start --detach -> stop leaving nothing behind is checked on the main stack by test/stages/40-stack.sh.)
test('foreground start: a second start is refused, Ctrl-C stops every process it started', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, 'start'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const deadline = Date.now() + 150_000;
  while (!out.includes('Ctrl-C stops everything') && Date.now() < deadline) await sleep(200);
  expect(out).toContain(`http://127.0.0.1:${ports[0]}`);
  expect(out).toContain('Ctrl-C stops everything');
  const records = readRecords(stateDir);
  const engines = vmBins() ? [...VM_SERVICES] : []; // second engine, when installed
  expect(records.map((r) => r.name).sort()).toEqual(['alertmanager', 'cli', 'forecast', 'keeper', 'prometheus', 'receiver', 'simulator', 'workload', ...LIVE_PARTS, ...engines, ...TIER_STOP_ORDER].sort());
  expect(records.find((r) => r.name === 'cli')!.pid).toBe(child.pid);
  expect(records.every((r) => isOurs(r))).toBe(true);

  expectOneLine(await runCli(['start', '--detach'], env, 60000), /^headroom stack: already running from .*stop it with `.*stack\/cli.ts stop` first/);
  expect(records.every((r) => isOurs(r))).toBe(true);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).toMatch(/stopped live-autoscaler, workload, prometheus, alertmanager, simulator, receiver, .*pg-primary-exporter, .*mariadb-replica, pg-replica, mariadb-primary, pg-primary, redis\./);
  await expectNothingLeft(records.map((r) => r.pid));
  expect((await runCli(['stop'], env, 60000)).stdout).toMatch(/not running/);
  // The start's own bound (150 s: beside phase 1's incidents and live load a start took over 120 s,
  // jest's default, once) plus the refused second start and the stop.
}, 150_000 + 3 * 60_000);

test('a port already taken gives one line naming its variable, and starts nothing', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(ports[1], '127.0.0.1', () => r()));
  try {
    expectOneLine(await runCli(['start', '--detach'], env, 60000), /^headroom stack: port \d+ for Alertmanager is already in use on 127\.0\.0\.1; .*HEADROOM_ALERTMANAGER_PORT/);
  } finally {
    await new Promise((r) => blocker.close(r));
  }
  expect(readRecords(stateDir)).toEqual([]);
});

test('a missing binary gives one line saying how to get it', async () => {
  const r = await runCli(['start', '--detach'], { ...env, HEADROOM_PROMETHEUS_BIN: '/nonexistent/prometheus' }, 60000);
  expectOneLine(r, /^headroom stack: Prometheus not found .*apt-get install prometheus.*HEADROOM_PROMETHEUS_BIN/);
  expect(readRecords(stateDir)).toEqual([]);
});

test('a missing data-tier binary gives one line naming the Debian package, and starts nothing', async () => {
  const r = await runCli(['start', '--detach'], { ...env, HEADROOM_PG_BIN_DIR: '/nonexistent/postgresql/15/bin' }, 60000);
  expectOneLine(r, /^headroom stack: PostgreSQL's postgres not found .*apt-get install --no-install-recommends postgresql-15/);
  expect(readRecords(stateDir)).toEqual([]);
});

test('a data-tier port already taken gives one line naming its variable, and starts nothing', async () => {
  const blocker = net.createServer();
  const redisPort = Number(env.HEADROOM_REDIS_PORT);
  await new Promise<void>((r) => blocker.listen(redisPort, '127.0.0.1', () => r()));
  try {
    expectOneLine(await runCli(['start', '--detach'], env, 60000), new RegExp(`^headroom stack: port ${redisPort} for Redis is already in use on 127\\.0\\.0\\.1; .*HEADROOM_REDIS_PORT`));
  } finally {
    await new Promise((r) => blocker.close(r));
  }
  expect(readRecords(stateDir)).toEqual([]);
});

test("the live autoscaler's port already taken gives one line naming its variable, and starts nothing", async () => {
  const blocker = net.createServer();
  const port = Number(env.HEADROOM_AUTOSCALER_PORT);
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  try {
    expectOneLine(await runCli(['start', '--detach'], env, 60000), new RegExp(`^headroom stack: port ${port} for the live autoscaler is already in use on 127\\.0\\.0\\.1; .*HEADROOM_AUTOSCALER_PORT`));
  } finally {
    await new Promise((r) => blocker.close(r));
  }
  expect(readRecords(stateDir)).toEqual([]);
});

test('unknown commands and options give the usage in one line', async () => {
  expectOneLine(await runCli(['launch'], env, 60000), /^headroom stack: unknown command launch; usage: /);
  expectOneLine(await runCli(['start', '--now'], env, 60000), /^headroom stack: unknown option --now; usage: /);
});
