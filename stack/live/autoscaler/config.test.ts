/** @jest-environment node */
import * as path from 'node:path';
import { StackError } from '../../config';
import { DEFAULT_HPA } from '../../hpa';
import { DEFAULT_AUTOSCALER_PORT, DEFAULT_CPU_REQUEST, DEFAULT_LIVE_PORT, LiveOverride, resolveLiveConfig, ServiceCommand } from './config';

const node: ServiceCommand = { cmd: process.execPath, args: ['server.js'] };
const env = { PATH: process.env.PATH };
const resolve = (o: { serviceCommand?: ServiceCommand; override?: LiveOverride; env?: NodeJS.ProcessEnv } = {}) =>
  resolveLiveConfig({ stateDir: '/tmp/state-x', env: o.env ?? env, serviceCommand: o.serviceCommand ?? node, override: o.override });

describe('resolveLiveConfig', () => {
  test('defaults: the issue HPA with tolerance 0.1, a 15 s loop, 0.02 core per replica, ports 19080/19081', () => {
    const c = resolve();
    expect(c).toMatchObject({ livePort: DEFAULT_LIVE_PORT, autoscalerPort: DEFAULT_AUTOSCALER_PORT, loopSeconds: 15, cpuRequest: DEFAULT_CPU_REQUEST, stateDir: '/tmp/state-x' });
    expect(c.hpa).toEqual(DEFAULT_HPA);
    expect(c.service).toMatchObject({ cmd: process.execPath, args: ['server.js'], env: null }); // the supervisor's own
    expect(c.load).toBeNull();
    expect(c.manifestReplicas).toBeNull(); // no replicas field in the Deployment's manifest
  });
  test('the manifest\'s replicas are kept as given', () => {
    expect(resolve({ override: { manifestReplicas: 8 } }).manifestReplicas).toBe(8);
  });
  test('a background load is kept as given', () => {
    expect(resolve({ override: { load: { rps: 2, checkoutShare: 0.2, roundSeconds: 60 } } }).load).toEqual({ rps: 2, checkoutShare: 0.2, roundSeconds: 60 });
  });
  test('an env is the replicas\' whole environment, undefined values left out (as spawn does)', () => {
    const c = resolve({ serviceCommand: { ...node, env: { PATH: '/bin', PORT: '1', GONE: undefined } } });
    expect(c.service.env).toEqual({ PATH: '/bin', PORT: '1' }); // PORT: each replica's own wins (pods.replicaEnv)
  });
  test('ports from the environment, a command from PATH, overrides on top of the defaults', () => {
    const c = resolve({ env: { ...env, HEADROOM_LIVE_PORT: '32080', HEADROOM_AUTOSCALER_PORT: '32081' }, serviceCommand: { cmd: path.basename(process.execPath), args: [] }, override: { loopSeconds: 5, hpa: { upAfter: 30 } } });
    expect(c).toMatchObject({ livePort: 32080, autoscalerPort: 32081, loopSeconds: 5, service: { cmd: expect.stringMatching(/^\//) } });
    expect(c.hpa).toEqual({ ...DEFAULT_HPA, upAfter: 30 });
  });
  test.each<[string, Parameters<typeof resolve>[0], RegExp]>([
    ['a bad port', { env: { ...env, HEADROOM_LIVE_PORT: 'x' } }, /HEADROOM_LIVE_PORT=x is not a port number/],
    ['the same port twice', { env: { ...env, HEADROOM_LIVE_PORT: '30000', HEADROOM_AUTOSCALER_PORT: '30000' } }, /both 30000/],
    ['no command', { serviceCommand: { cmd: '', args: [] } }, /serviceCommand.cmd is missing/],
    ['a command that is not there', { serviceCommand: { cmd: 'no-such-service-binary', args: [] } }, /no-such-service-binary is not an executable file on PATH/],
    ['args that are not strings', { serviceCommand: { cmd: process.execPath, args: [1 as unknown as string] } }, /args .* array of strings/],
    ['an env value that is not a string', { serviceCommand: { ...node, env: { A: 1 as unknown as string } } }, /serviceCommand.env.A must be a string/],
    ['an env that is not an object', { serviceCommand: { ...node, env: null as unknown as Record<string, string> } }, /env of .* must be an object/],
    ['max below min', { override: { hpa: { maxReplicas: 3 } } }, /maxReplicas 3 must be .* >= minReplicas \(5\)/],
    ['an unknown HPA key', { override: { hpa: { upafter: 3 } as never } }, /unknown HPA setting upafter/],
    ['a zero loop', { override: { loopSeconds: 0 } }, /loopSeconds 0 must be a positive number/],
    ['a negative request', { override: { cpuRequest: -1 } }, /cpuRequest -1/],
    ['a load share above 1', { override: { load: { rps: 2, checkoutShare: 1.5, roundSeconds: 60 } } }, /^live autoscaler: its background load: the checkout share must be from 0 to 1 \(got 1\.5\)\.$/],
    ['manifest replicas above the maximum', { override: { manifestReplicas: 13 } }, /^live autoscaler: the manifest's replicas 13 must be null \(no replicas field\) or a whole number from 1 to the HPA's maxReplicas \(12\)/],
    ['a load round of 0 s', { override: { load: { rps: 2, checkoutShare: 0.2, roundSeconds: 0 } } }, /its background load: a round must last more than 0 and at most 3600 s \(got 0\)\.$/],
  ])('%s is one clear StackError', (_, o, why) => {
    expect(() => resolve(o)).toThrow(StackError);
    expect(() => resolve(o)).toThrow(why);
  });
});
