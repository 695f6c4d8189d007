import { costPerRequest, costPerRequestSeries, CumulativeCost } from './perRequest';

const H = 3_600_000;
const hours = (n: number) => Array.from({ length: n + 1 }, (_, i) => i * H);

describe('costPerRequest', () => {
  const window = { start: 0, end: 10 * H };

  it('divides the integrated cost by the increase of requests', () => {
    // $2/h for 10 h = $20; 40,000 requests → $0.0005 per request, $500 per million
    const t = hours(10);
    const cost = { t: Float64Array.from(t), rate: Float64Array.from(t.map(() => 2)) };
    const requests = { t, v: t.map((_, i) => i * 4000) };
    expect(costPerRequest(cost, requests, window)).toEqual({ status: 'ok', value: 0.0005, per: 1, cost: 20, requests: 40000, window });
    expect(costPerRequest(20, 40000, window, { per: 1e6 })).toMatchObject({ status: 'ok', value: 500 });
  });

  it('is not a ratio of instant rates: busy and quiet hours weigh by their requests', () => {
    // Constant $1/h over 2 h. Hour 1: 9,000 requests; hour 2: 1,000.
    // Integrated: $2 / 10,000 = $0.0002. Mean of hourly ratios would be (1/9000 + 1/1000)/2 = $0.000556.
    const t = hours(2);
    const cost = { t: Float64Array.from(t), rate: Float64Array.from([1, 1, 1]) };
    const r = costPerRequest(cost, { t, v: [0, 9000, 10000] }, { start: 0, end: 2 * H });
    expect(r.status === 'ok' && r.value).toBeCloseTo(0.0002, 12);
  });

  it('survives a counter reset inside the window', () => {
    const t = hours(3);
    const r = costPerRequest(30, { t, v: [1000, 3000, 500, 1500] }, { start: 0, end: 3 * H });
    // 2000 + 500 (restart) + 1000 = 3500 requests
    expect(r).toMatchObject({ status: 'ok', requests: 3500, value: 30 / 3500 });
  });

  it('sums several counter series, each reset-corrected on its own', () => {
    const t = hours(1);
    const r = costPerRequest(1, [{ t, v: [0, 600] }, { t, v: [50, 10] }], { start: 0, end: H });
    expect(r).toMatchObject({ status: 'ok', requests: 610 });
  });

  it('says "not enough traffic" for zero or near-zero requests, never Infinity', () => {
    for (const n of [0, 3, 99.5]) {
      const r = costPerRequest(20, n, window);
      expect(r.status).toBe('not_enough_traffic');
      expect(JSON.stringify(r)).not.toMatch(/Infinity|null/);
    }
    expect(costPerRequest(20, 3, window)).toMatchObject({
      message: 'not enough traffic: 3 requests in the window, at least 100 needed for a meaningful cost per request',
    });
    expect(costPerRequest(20, 5, window, { minRequests: 5 }).status).toBe('ok');
    expect(costPerRequest(20, NaN, window).status).toBe('not_enough_traffic');
  });

  it('reports missing cost data and empty windows', () => {
    const cost = { t: Float64Array.from([20 * H, 21 * H]), rate: Float64Array.from([1, 1]) };
    expect(costPerRequest(cost, 1000, window).status).toBe('no_cost_data');
    expect(costPerRequest({ t: new Float64Array(0), rate: new Float64Array(0) }, 1000, window).status).toBe('no_cost_data');
    expect(costPerRequest(1, 1000, { start: 5, end: 5 }).status).toBe('empty_window');
  });
});

describe('CumulativeCost', () => {
  it('answers ∫ rate dt up to any time', () => {
    const c = new CumulativeCost({ t: Float64Array.from(hours(2)), rate: Float64Array.from([1, 3, 5]) });
    expect(c.at(-1)).toBe(0);
    expect(c.at(0.5 * H)).toBeCloseTo(0.5, 12);
    expect(c.at(1.5 * H)).toBeCloseTo(1 + 1.5, 12);
    expect(c.at(99 * H)).toBeCloseTo(4, 12);
  });
});

describe('costPerRequestSeries', () => {
  it('gives the trailing-window cost per request at each time, NaN where traffic is too low', () => {
    const t = hours(4);
    const cost = { t: Float64Array.from(t), rate: Float64Array.from([2, 2, 2, 2, 2]) };
    // requests per hour: 0, 10 (too few), 2000, 4000
    const requests = { t, v: [0, 0, 10, 2010, 6010] };
    const s = costPerRequestSeries(cost, requests, H, { per: 1000 });
    expect(Array.from(s.requests)).toEqual([0, 0, 10, 2000, 4000]);
    expect(Array.from(s.value.slice(0, 3)).every(Number.isNaN)).toBe(true);
    expect(s.value[3]).toBeCloseTo(1, 12); // $2 per 2000 requests = $1 per 1000
    expect(s.value[4]).toBeCloseTo(0.5, 12);
    expect(s.notEnoughTraffic).toBe(3);
  });
});
