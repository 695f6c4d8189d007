import type { PrometheusClient } from '../prometheus/client';
import { KUBE_NODE_LABELS } from './inventory';
import { fetchInventory, requestCount } from './prometheusSource';

/** A client answering one range query and one instant query with what the test gives. */
function client(range: Array<{ labels: Record<string, string>; v: number[] }>, instant: unknown, seen: string[] = []): PrometheusClient {
  return {
    queryRangeSeries: async (q: string) => {
      seen.push(q);
      return { data: range.map((s) => ({ labels: s.labels, t: Float64Array.from(s.v, (_, i) => i * 60_000), v: Float64Array.from(s.v) })), warnings: ['w'] };
    },
    query: async (q: string) => {
      seen.push(q);
      return { data: instant, warnings: [] };
    },
  } as unknown as PrometheusClient;
}

describe('the one Prometheus loader of the cost model', () => {
  it('fetchInventory: series with a type become inventory, the others a warning', async () => {
    const spec = { metric: 'kube_node_labels' as const, labels: KUBE_NODE_LABELS, query: 'count by (…) (kube_node_labels)' };
    const seen: string[] = [];
    const c = client([{ labels: { label_node_kubernetes_io_instance_type: 't3.large', label_headroom_component: 'web' }, v: [2, 3] }, { labels: {}, v: [1, 1] }], null, seen);
    const loaded = await fetchInventory(c, spec, 0, 60_000, 60_000);
    expect(seen).toEqual([spec.query]);
    expect(loaded.spec).toBe(spec);
    expect(loaded.series).toHaveLength(1);
    expect(loaded.series[0]).toMatchObject({ type: 't3.large', component: 'web' });
    expect(Array.from(loaded.series[0].v)).toEqual([2, 3]);
    expect(loaded.unlabelled).toBe(1);
    expect(loaded.warnings).toEqual(['w', '1 kube_node_labels series without label_node_kubernetes_io_instance_type: not priced']);
  });

  it('requestCount: the finite values of the vector added up, a scalar, or 0 without series', async () => {
    const vector = (vs: string[]) => ({ resultType: 'vector', result: vs.map((v, i) => ({ metric: { i: String(i) }, value: [1, v] })) });
    expect((await requestCount(client([], vector(['10', '32.5', 'NaN'])), 'q', 1)).requests).toBe(42.5);
    expect((await requestCount(client([], vector([])), 'q', 1)).requests).toBe(0);
    expect((await requestCount(client([], { resultType: 'scalar', result: [1, '7'] }), 'q', 1)).requests).toBe(7);
    expect((await requestCount(client([], { resultType: 'scalar', result: [1, '+Inf'] }), 'q', 1)).requests).toBe(0);
  });
});
