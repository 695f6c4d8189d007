import { detectLabels, inventoryFromSeries, inventoryQuery, KUBE_NODE_LABELS } from './inventory';
import { parseInventoryFile } from './inventoryFile';

const f = (xs: number[]) => Float64Array.from(xs);

describe('inventory from Prometheus series', () => {
  it('builds the count-by query of the metric contract, escaping the selector', () => {
    expect(inventoryQuery()).toBe('count by (label_node_kubernetes_io_instance_type, label_headroom_component, label_topology_kubernetes_io_region) (kube_node_labels)');
    expect(inventoryQuery('kube_node_labels', KUBE_NODE_LABELS, { cluster: 'de"mo' })).toBe(
      'count by (label_node_kubernetes_io_instance_type, label_headroom_component, label_topology_kubernetes_io_region) (kube_node_labels{cluster="de\\"mo"})',
    );
  });

  it('reads type, component and region labels and keeps the rest', () => {
    const { inventory, unlabelled } = inventoryFromSeries([
      {
        labels: { label_node_kubernetes_io_instance_type: 't3.large', label_headroom_component: 'compute', label_topology_kubernetes_io_region: 'us-east-1', cluster: 'demo' },
        t: f([0]),
        v: f([5]),
      },
      { labels: { cluster: 'demo' }, t: f([0]), v: f([1]) },
    ]);
    expect(unlabelled).toBe(1);
    expect(inventory).toEqual([{ kind: 'instance', type: 't3.large', component: 'compute', region: 'us-east-1', labels: { cluster: 'demo' }, t: f([0]), v: f([5]) }]);
  });

  it("counts raw per-node OpenCost series as one instance each, whatever their value (money/h)", () => {
    const series = [{ labels: { node: 'n1', instance_type: 'm5.large', region: 'us-east-1' }, t: f([0, 60000]), v: f([0.096, NaN]) }];
    const labels = detectLabels(series);
    expect(labels).toEqual({ type: 'instance_type', region: 'region', presence: true });
    const { inventory } = inventoryFromSeries(series, labels);
    expect(Array.from(inventory[0].v)).toEqual([1, NaN]);
  });
});

describe('parseInventoryFile', () => {
  it('reads a static fleet', () => {
    expect(parseInventoryFile({ fleet: [{ type: 't3.large', count: 5, component: 'compute' }] })).toEqual({
      inventory: { kind: 'fleet', fleet: [{ type: 't3.large', count: 5, component: 'compute' }] },
      errors: [],
    });
  });

  it('reads series with samples in unix seconds', () => {
    const r = parseInventoryFile({ series: [{ type: 't3.large', samples: [[1700000000, 5], [1700000060, '6']] }] });
    expect(r.inventory).toEqual({ kind: 'series', inventory: [{ type: 't3.large', t: f([1700000000000, 1700000060000]), v: f([5, 6]) }] });
  });

  it('reads a saved Prometheus answer (matrix or vector)', () => {
    const metric = { label_node_kubernetes_io_instance_type: 'db.r5.large', label_headroom_component: 'database' };
    const m = parseInventoryFile({ status: 'success', data: { resultType: 'matrix', result: [{ metric, values: [[1700000000, '3']] }] } });
    expect(m.inventory?.kind).toBe('series');
    const v = parseInventoryFile({ status: 'success', data: { resultType: 'vector', result: [{ metric, value: [1700000000, '3'] }] } });
    expect(v.inventory).toEqual({ kind: 'fleet', fleet: [{ kind: 'instance', type: 'db.r5.large', component: 'database', region: undefined, count: 3 }] });
  });

  it('lists every problem with its place', () => {
    expect(parseInventoryFile({ fleet: [{ count: 1 }, { type: 'a', count: -2 }, { type: 'b', count: 1, kind: 'gpu' }] }).errors).toEqual([
      'fleet[0].type: instance type (or storage/network class) is missing',
      'fleet[1].count: must be a number from 0 to 1000000000, got -2',
      'fleet[2].kind: must be instance, storage or network',
    ]);
    expect(parseInventoryFile({ series: [{ type: 'a', samples: [[2, 1], [1, 1]] }, { type: 'b', samples: [[1, 'x']] }] }).errors).toEqual([
      'series[0].samples[1]: timestamps must increase',
      'series[1].samples[0]: must be [unix seconds, a number from -1000000000 to 1000000000]',
    ]);
    expect(parseInventoryFile([]).errors).toEqual(['an inventory must be a JSON object with "fleet", "series", or a Prometheus API answer']);
    expect(parseInventoryFile({ nodes: [] }).errors[0]).toMatch(/^unrecognised inventory/);
    expect(parseInventoryFile({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [] }] } }).errors).toEqual([
      'no series with an instance-type label (1 without one)',
    ]);
  });
});
