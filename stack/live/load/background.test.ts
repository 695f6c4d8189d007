/** @jest-environment node */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { checkBackgroundLoad, runBackgroundLoad } from './background';
import { LoadProfileError } from './profile';

describe('checkBackgroundLoad', () => {
  it('keeps good settings', () => {
    expect(checkBackgroundLoad({ rps: 2, checkoutShare: 0.2, roundSeconds: 60 })).toEqual({ rps: 2, checkoutShare: 0.2, roundSeconds: 60 });
  });
  it.each([
    [{ rps: 2, checkoutShare: -0.1, roundSeconds: 60 }, 'the checkout share must be from 0 to 1 (got -0.1)'],
    [{ rps: 2, checkoutShare: 0.2, roundSeconds: 0 }, 'a round must last more than 0 and at most 3600 s (got 0)'],
    [{ rps: -1, checkoutShare: 0.2, roundSeconds: 60 }, 'the base rate must be from 0 to 5000 req/s (got -1)'],
  ])('refuses %j with one message', (o, why) => {
    expect(() => checkBackgroundLoad(o)).toThrow(new LoadProfileError(why));
  });
});

test('runBackgroundLoad sends its rate in rounds, one log line each, until aborted', async () => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = new AbortController();
  const lines: string[] = [];
  const done = runBackgroundLoad(target, { rps: 10, checkoutShare: 0.5, roundSeconds: 1 }, stop.signal, (l) => lines.push(l));
  await new Promise((r) => setTimeout(r, 2500));
  stop.abort();
  await done;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  expect(lines[0]).toBe(`background load: {"rps":10,"checkoutShare":0.5,"roundSeconds":1} against ${target}.`);
  expect(lines.filter((l) => /^background load round: sent 10, ok 10, errors 0, skipped 0 in /.test(l)).length).toBeGreaterThanOrEqual(2);
  expect(seen.length).toBeGreaterThanOrEqual(20);
  expect(new Set(seen)).toEqual(new Set(['GET /api', 'POST /checkout']));
}, 15000);
