import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { endUnrecorded, processesNaming } from './orphans';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('ends a process that names the state folder in its arguments, and only that one, unless kept', async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-orphans-'));
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-orphans-other-'));
  const named = spawn('/bin/sh', ['-c', 'sleep 30', `${state}/etc/exporter.yaml`], { stdio: 'ignore' });
  const unrelated = spawn('/bin/sh', ['-c', 'sleep 30', `${other}/etc/exporter.yaml`], { stdio: 'ignore' });
  try {
    await sleep(200);
    expect(processesNaming(state)).toEqual([named.pid]);
    expect(endUnrecorded(state, [named.pid!])).toEqual([]);
    expect(processesNaming(state)).toEqual([named.pid]);
    const exited = new Promise((r) => named.on('exit', (_code, sig) => r(sig)));
    expect(endUnrecorded(state, [])).toEqual([named.pid]);
    expect(await exited).toBe('SIGKILL');
    expect(processesNaming(other)).toEqual([unrelated.pid]);
    expect(endUnrecorded(path.join(state, 'nothing-here'), [])).toEqual([]);
  } finally {
    unrelated.kill('SIGKILL');
    named.kill('SIGKILL');
    fs.rmSync(state, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  }
});

test('finds a process whose output goes to the state folder though its arguments name no file of it (an exporter given only an address)', async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-orphans-'));
  fs.mkdirSync(path.join(state, 'logs'));
  const fd = fs.openSync(path.join(state, 'logs', 'redis-exporter.log'), 'w');
  const logging = spawn('/bin/sh', ['-c', 'exec sleep 30', '--redis.addr=127.0.0.1:1'], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  try {
    await sleep(200);
    expect(processesNaming(state)).toEqual([logging.pid]);
    const exited = new Promise((r) => logging.on('exit', (_code, sig) => r(sig)));
    expect(endUnrecorded(state, [])).toEqual([logging.pid]);
    expect(await exited).toBe('SIGKILL');
  } finally {
    logging.kill('SIGKILL');
    fs.rmSync(state, { recursive: true, force: true });
  }
});
