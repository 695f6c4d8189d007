/** @jest-environment node */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { isCheckout, LoadTargetError, loopbackTarget, runLoad } from './generator';

describe('loopbackTarget', () => {
  it('accepts http on loopback and refuses anything else with one line', () => {
    expect(loopbackTarget('http://127.0.0.1:19080').port).toBe('19080');
    expect(loopbackTarget('http://localhost:19080/').hostname).toBe('localhost');
    expect(loopbackTarget('http://[::1]:19080').hostname).toBe('[::1]');
    expect(() => loopbackTarget('http://10.0.0.1:80')).toThrow(new LoadTargetError('http://10.0.0.1:80 is not on loopback: the load generator only sends to http://127.0.0.1, [::1] or localhost.'));
    expect(() => loopbackTarget('https://127.0.0.1')).toThrow(LoadTargetError);
    expect(() => loopbackTarget('nope')).toThrow(/is not a URL/);
  });
});

describe('isCheckout', () => {
  it('spreads the share evenly', () => {
    const picks = (share: number) => Array.from({ length: 100 }, (_, n) => isCheckout(n, share)).filter(Boolean).length;
    expect(picks(0)).toBe(0);
    expect(picks(0.2)).toBe(20);
    expect(picks(1)).toBe(100);
    expect([0, 1, 2, 3, 4].map((n) => isCheckout(n, 0.2))).toEqual([false, false, false, false, true]);
  });
});

describe('runLoad', () => {
  let server: http.Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const code = req.url === '/checkout' ? 503 : 200;
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(code).end('x'), 5));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends the planned count, the checkout share, counts answers, and stops by itself', async () => {
    seen.length = 0;
    const t0 = Date.now();
    const r = await runLoad({ target: url, checkoutShare: 0.25, profile: { durationS: 1, baseRps: 40, dayS: 10, amplitude: 0, growthPerDay: 0, spike: null } });
    expect(Date.now() - t0).toBeLessThan(10_000); // a 1 s run that stops by itself (generous: the suite runs loaded)
    expect(r.sent).toBe(40);
    expect(r.ok + r.errors + r.skipped).toBe(40);
    expect(r.byCode).toEqual({ '200': 30, '503': 10 });
    expect(seen.filter((s) => s === 'POST /checkout')).toHaveLength(10);
    expect(seen.filter((s) => s === 'GET /api')).toHaveLength(30);
  });

  it('asks each GET /api for apiWork units when given (checkouts unchanged)', async () => {
    seen.length = 0;
    await runLoad({ target: url, checkoutShare: 0.5, apiWork: 200, profile: { durationS: 0.2, baseRps: 20, dayS: 10, amplitude: 0, growthPerDay: 0, spike: null } });
    expect(seen.sort()).toEqual(['GET /api?work=200', 'GET /api?work=200', 'POST /checkout', 'POST /checkout']);
  });

  it('skips what is due while maxInFlight requests wait', async () => {
    const stall = http.createServer(() => undefined); // never answers
    await new Promise<void>((r) => stall.listen(0, '127.0.0.1', r));
    const r = await runLoad({
      target: `http://127.0.0.1:${(stall.address() as AddressInfo).port}`,
      checkoutShare: 0,
      maxInFlight: 3,
      timeoutMs: 1500,
      profile: { durationS: 0.5, baseRps: 40, dayS: 10, amplitude: 0, growthPerDay: 0, spike: null },
    });
    stall.closeAllConnections();
    stall.close();
    expect(r).toMatchObject({ sent: 3, ok: 0, errors: 3, skipped: 17, byCode: { timeout: 3 } });
  });
});
