/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPLICA_NODE_FLAGS, serviceCommand } from './command';

describe('serviceCommand', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-live-'));
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it('bundles the service into the state folder and runs it with the small-memory flags and only its own variables', () => {
    const c = serviceCommand(stateDir, { PATH: '/usr/bin', PORT: '18080', HEADROOM_POD: 'web-1', HEADROOM_REDIS_PORT: '28379', HEADROOM_PROMETHEUS_PORT: '19090', SECRET: 'x' });
    const bundle = path.join(stateDir, 'live', 'service.js');
    expect(c).toEqual({ cmd: process.execPath, args: [...REPLICA_NODE_FLAGS, bundle], env: { PATH: '/usr/bin', NODE_ENV: 'production', PORT: '18080', HEADROOM_POD: 'web-1', HEADROOM_REDIS_PORT: '28379' } });
    expect(fs.readFileSync(bundle, 'utf8')).toMatch(/^if \(typeof navigator === 'undefined'\)/);
    expect(fs.readdirSync(path.dirname(bundle))).toEqual(['service.js']); // no temporary file left
  });

  it('gives a bundle that starts under those flags and refuses a bad setting with one line', () => {
    const c = serviceCommand(stateDir, { PATH: process.env.PATH, PORT: 'nope' });
    const r = spawnSync(c.cmd, c.args, { env: c.env, encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('headroom live service: PORT=nope is not a port number for the live service to listen on; set it to a whole number from 1024 to 65535.\n');
  });
});
