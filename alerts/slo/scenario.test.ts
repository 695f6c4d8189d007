import { matches, outageFires, ResolvedSlo, sliOf, Tier, tierFires } from './scenario';

const fast: Tier = { name: 'fast', longWindow: '1h', shortWindow: '5m', factor: 14.4, severity: 'critical', for: '2m', history: true, minRequestRate: 0.1 };
const slow: Tier = { name: 'slow', longWindow: '1d', shortWindow: '2h', factor: 3, severity: 'warning', for: '1h', history: false, minRequestRate: 0.1 };
const slo: ResolvedSlo = {
  name: 'api',
  service: 'web',
  sli: { kind: 'availability', counter: 'http_requests_total', selector: 'handler="/api"', errorSelector: 'code=~"5.."' },
  objective: 0.999,
  period: '30d',
  le: null,
  buckets: null,
  tiers: [fast, slow],
  outage: { window: '3m', errorRatio: 0.9, minErrors: 5, severity: 'critical', for: '1m' },
};

describe('the SLO test model', () => {
  it('fires a history tier once the covered share times the burn passes the line, plus its for', () => {
    // burn 28.8 on a 1h window: over the line from 30 min (half the window), firing from 32 min.
    expect(tierFires(slo, fast, 10, 0.0288, 20 * 60)).toBe(false);
    expect(tierFires(slo, fast, 10, 0.0288, 32 * 60)).toBeNull();
    expect(tierFires(slo, fast, 10, 0.0288, 41 * 60)).toBe(true);
  });

  it('fires a tier without history once its long window holds the traffic floor, plus its for', () => {
    // 1 req/s over a 1d window reaches 0.1 req/s after 2.4 h; for 1h.
    expect(tierFires(slo, slow, 1, 0.01, 3 * 3600)).toBe(false);
    expect(tierFires(slo, slow, 1, 0.01, 3.4 * 3600)).toBeNull();
    expect(tierFires(slo, slow, 1, 0.01, 3.6 * 3600)).toBe(true);
  });

  it('never fires at or below the line or without traffic, and will not call a burn within 5 % of it', () => {
    expect(tierFires(slo, fast, 10, 0.0144, 10 * 3600)).toBe(false);
    expect(tierFires(slo, fast, 0, 1, 10 * 3600)).toBe(false);
    expect(tierFires(slo, fast, 10, 0.0148, 10 * 3600)).toBeNull();
  });

  it('fires the outage path on a near-total failure with enough failed requests only', () => {
    expect(outageFires(slo, 1, 1, 20 * 60)).toBe(true);
    expect(outageFires(slo, 0.02, 1, 20 * 60)).toBe(false); // 3.6 failures in 3m
    expect(outageFires(slo, 1, 0.5, 20 * 60)).toBe(false);
    expect(outageFires(slo, 1, 0.9, 20 * 60)).toBeNull();
  });

  it('reads the SLI from the series its selectors match, 0 slow without the threshold bucket', () => {
    const series = [
      { labels: { __name__: 'http_requests_total', service: 'web', handler: '/api', code: '200' }, perSecond: 9 },
      { labels: { __name__: 'http_requests_total', service: 'web', handler: '/api', code: '503' }, perSecond: 1 },
      { labels: { __name__: 'http_requests_total', service: 'web', handler: '/checkout', code: '500' }, perSecond: 5 },
    ];
    expect(sliOf(slo, series)).toEqual({ rps: 10, bad: 0.1 });
    const lat: ResolvedSlo = { ...slo, sli: { kind: 'latency', histogram: 'h', selector: '', thresholdSeconds: 0.5 }, le: '0.5', buckets: ['0.5'] };
    const inf = { labels: { __name__: 'h_bucket', service: 'web', le: '+Inf' }, perSecond: 10 };
    expect(sliOf(lat, [inf, { labels: { __name__: 'h_bucket', service: 'web', le: '0.5' }, perSecond: 8 }])).toEqual({ rps: 10, bad: 0.2 });
    expect(sliOf(lat, [inf])).toEqual({ rps: 10, bad: 0 });
    expect(matches({ code: '503' }, 'code=~"5..", handler!="/x"')).toBe(true);
    expect(matches({ code: '200' }, 'code=~"5.."')).toBe(false);
  });
});
