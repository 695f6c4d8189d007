import { inDemo, withMatcher } from './scopeSelectors';

const NS = 'namespace="demo"';

describe('withMatcher', () => {
  test('adds the matcher to matching selectors with, without and with empty braces', () => {
    expect(withMatcher('sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(http_requests_total) + http_x{}', NS, /^http_/)).toBe(
      'sum(rate(http_requests_total{namespace="demo", code=~"5.."}[5m])) / sum(http_requests_total{namespace="demo"}) + http_x{namespace="demo"}'
    );
  });

  test('leaves other metrics, functions, label names and grouping labels alone', () => {
    const expr = 'sum by (namespace, pod) (kube_pod_owner) * on (node) group_left () node_total_hourly_cost offset 5m';
    expect(withMatcher(expr, NS, /^http_/)).toBe(expr);
    expect(withMatcher(expr, NS, /^kube_pod_/)).toBe('sum by (namespace, pod) (kube_pod_owner{namespace="demo"}) * on (node) group_left () node_total_hourly_cost offset 5m');
  });

  test('subqueries, offsets and label_replace keep their shape', () => {
    expect(inDemo('label_replace(avg_over_time(sum(container_cpu_usage_seconds_total{container!=""})[6h:15s] offset 1h), "a", "$1", "b", "(.+)")')).toBe(
      'label_replace(avg_over_time(sum(container_cpu_usage_seconds_total{namespace="demo", container!=""})[6h:15s] offset 1h), "a", "$1", "b", "(.+)")'
    );
  });

  test('a selector by __name__ alone is not touched; broken PromQL is an error', () => {
    expect(inDemo('{__name__=~"http_.+"}')).toBe('{__name__=~"http_.+"}');
    expect(() => inDemo('sum(rate(http_requests_total[5m])')).toThrow(/not PromQL/);
  });
});
