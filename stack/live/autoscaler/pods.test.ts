/** @jest-environment node */
import { averageUtilization, fileSdGroups, podName, replicaEnv, replicaSetName, templateHash } from './pods';
import { nextIndex } from './balancer';

describe('pod names', () => {
  const cmd = { cmd: '/usr/bin/node', args: ['server.js'] };
  test('web-<10-character template hash>-<5 characters>, as a Deployment names its pods', () => {
    const t = templateHash(cmd);
    expect(t).toMatch(/^[a-z0-9]{10}$/);
    expect(replicaSetName(t)).toBe(`web-${t}`);
    expect(podName(t, 1)).toMatch(new RegExp(`^web-${t}-[a-z0-9]{5}$`));
  });
  test('the template hash follows the command, the pod suffix the serial', () => {
    const t = templateHash(cmd);
    expect(templateHash({ ...cmd })).toBe(t);
    expect(templateHash({ ...cmd, args: ['other.js'] })).not.toBe(t);
    expect(templateHash({ ...cmd, env: { A: '1' } })).not.toBe(t);
    const names = new Set(Array.from({ length: 50 }, (_, i) => podName(t, i + 1)));
    expect(names.size).toBe(50);
  });
});

describe('averageUtilization', () => {
  test('sum of usage over sum of requests', () => {
    // 0.03 and 0.01 core over 10 s each against 0.02 core: (0.3 + 0.1) / (2 x 10 x 0.02) = 1.
    expect(averageUtilization([{ cpuSeconds: 0.3, seconds: 10 }, { cpuSeconds: 0.1, seconds: 10 }], 0.02)).toBeCloseTo(1, 12);
  });
  test('intervals of different length weigh by their length', () => {
    expect(averageUtilization([{ cpuSeconds: 0.2, seconds: 10 }, { cpuSeconds: 0, seconds: 30 }], 0.02)).toBeCloseTo(0.25, 12);
  });
  test('no measured replica (or only empty intervals) is NaN, "no metric"; idle is 0', () => {
    expect(averageUtilization([], 0.02)).toBeNaN();
    expect(averageUtilization([{ cpuSeconds: 1, seconds: 0 }], 0.02)).toBeNaN();
    expect(averageUtilization([{ cpuSeconds: 0, seconds: 15 }], 0.02)).toBe(0);
  });
});

test('fileSdGroups: one loopback target per replica, labelled like a pod scrape', () => {
  expect(fileSdGroups([{ pod: 'web-a-1', port: 40001 }])).toEqual([
    { targets: ['127.0.0.1:40001'], labels: { cluster: 'demo', namespace: 'live', pod: 'web-a-1', container: 'web' } },
  ]);
  expect(fileSdGroups([])).toEqual([]);
});

test('nextIndex: round robin that survives the list changing size', () => {
  expect([0, 1, 2].map((i) => nextIndex(i, 3))).toEqual([1, 2, 0]);
  expect(nextIndex(-1, 3)).toBe(0);
  expect(nextIndex(7, 3)).toBe(2); // the list shrank under the last index
  expect(nextIndex(0, 0)).toBe(-1);
});

test('replicaEnv: the command\'s environment or the inherited one, the replica\'s PORT, HEADROOM_POD and owner on top', () => {
  expect(replicaEnv({ PATH: '/bin', PORT: '1', HEADROOM_POD: 'x' }, 40001, 'web-a-b', 77, { HOME: '/root' })).toEqual({ PATH: '/bin', PORT: '40001', HEADROOM_POD: 'web-a-b', HEADROOM_LIVE_SUPERVISOR: '77' });
  expect(replicaEnv(null, 40002, 'web-a-c', 78, { HOME: '/root' })).toEqual({ HOME: '/root', PORT: '40002', HEADROOM_POD: 'web-a-c', HEADROOM_LIVE_SUPERVISOR: '78' });
});
