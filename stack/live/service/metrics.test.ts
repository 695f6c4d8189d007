/** @jest-environment node */
import { DURATION_BUCKETS, liveMetrics, PoolStats } from './metrics';
import { LE_LABELS } from '../../simulator/latency';

const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('liveMetrics', () => {
  it("has the seeds' thresholds among its buckets", () => {
    for (const le of [0.1, 0.2, 0.3, 0.475, 0.5]) expect(DURATION_BUCKETS).toContain(le);
    expect([...DURATION_BUCKETS].sort((a, b) => a - b)).toEqual(DURATION_BUCKETS);
    // The simulated history's own bounds, label for label.
    expect(DURATION_BUCKETS.map(String)).toEqual([...LE_LABELS]);
  });

  it('counts requests by handler and code, and the pools under the OpenTelemetry names, at each scrape', async () => {
    let pools: PoolStats[] = [{ name: 'primary', total: 2, idle: 2, waiting: 0, max: 2 }];
    const m = liveMetrics(() => pools);
    m.observe('/api', 200, 0.15);
    m.observe('/api', 200, 0.48);
    m.observe('/checkout', 503, 0.01);
    m.dependencyError('postgresql-primary');
    let text = await m.registry.metrics();
    expect(sample(text, 'http_requests_total{handler="/api",code="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{handler="/checkout",code="503"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="0.2",handler="/api",code="200"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="0.475",handler="/api",code="200"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="0.5",handler="/api",code="200"}')).toBe(2);
    expect(sample(text, 'app_dependency_errors_total{dependency="postgresql-primary"}')).toBe(1);
    expect(sample(text, 'app_dependency_errors_total{dependency="redis"}')).toBe(0);
    expect(sample(text, 'db_client_connection_count{db_client_connection_pool_name="primary",db_client_connection_state="idle"}')).toBe(2);
    expect(sample(text, 'db_client_connection_max{db_client_connection_pool_name="primary"}')).toBe(2);

    pools = [{ name: 'primary', total: 2, idle: 0, waiting: 3, max: 2 }];
    text = await m.registry.metrics();
    expect(sample(text, 'db_client_connection_count{db_client_connection_pool_name="primary",db_client_connection_state="used"}')).toBe(2);
    expect(sample(text, 'db_client_connection_count{db_client_connection_pool_name="primary",db_client_connection_state="idle"}')).toBe(0);
    expect(sample(text, 'db_client_connection_pending_requests{db_client_connection_pool_name="primary"}')).toBe(3);
  });

  it('has no service, job or instance label (the scrape adds them)', async () => {
    const m = liveMetrics(() => [{ name: 'replica', total: 1, idle: 1, waiting: 0, max: 2 }]);
    m.observe('/api', 200, 0.01);
    const text = await m.registry.metrics();
    expect(text).not.toMatch(/[{,](service|job|instance)="/);
  });
});
