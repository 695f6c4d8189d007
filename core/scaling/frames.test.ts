import type { DataFrame, FieldType } from '@grafana/data';
import { analyzeFrames, framesToCandidates, groupFrames } from './frames';
import { MIN, STEP, rep } from './testSupport';

const N = 120;
const times = Array.from({ length: N }, (_, i) => i * STEP);
const common = { namespace: 'demo', cluster: 'demo', job: 'ksm', instance: 'ksm:8080' };

/** One Prometheus-style frame per series: Time + Value with labels (incl. __name__). */
function promFrame(name: string, labels: Record<string, string>, values: (number | null)[], refId = 'A'): DataFrame {
  return {
    refId,
    length: values.length,
    fields: [
      { name: 'Time', type: 'time' as FieldType, config: {}, values: times.slice(0, values.length) },
      { name: 'Value', type: 'number' as FieldType, config: {}, labels: { __name__: name, ...labels }, values },
    ],
  };
}

const hpa = (name: string) => ({ ...common, horizontalpodautoscaler: name });
const ksm = 'kube_horizontalpodautoscaler_';

function demoFrames(): DataFrame[] {
  const replicas = [...rep(5, 24), ...rep(8, 6), ...rep(12, 60), ...rep(5, 30)];
  // Per-pod usage / requests, as a query such as sum by (pod) (rate(container_cpu_usage_seconds_total[5m]))
  // / sum by (pod) (kube_pod_container_resource_requests{resource="cpu"}) gives it (named by its legend).
  const pod = (p: string, base: number[]) => promFrame('cpu utilisation', { ...common, job: 'kubelet', pod: p, service: 'web' }, base, 'B');
  const cpu = [...rep(0.5, 20), ...rep(0.91, 40), ...rep(0.4, 60)] as number[];
  return [
    promFrame(`${ksm}status_current_replicas`, hpa('web'), replicas),
    promFrame(`${ksm}status_desired_replicas`, hpa('web'), replicas),
    promFrame(`${ksm}spec_min_replicas`, hpa('web'), rep(5, N)),
    promFrame(`${ksm}spec_max_replicas`, hpa('web'), rep(12, N)),
    promFrame(`${ksm}spec_target_metric`, { ...hpa('web'), metric_name: 'memory', metric_target_type: 'utilization' }, rep(80, N)),
    promFrame(`${ksm}spec_target_metric`, { ...hpa('web'), metric_name: 'cpu', metric_target_type: 'utilization' }, rep(75, N)),
    // two pods around the same mean, one pod appearing late
    pod('web-a', cpu.map((x) => x + 0.02)),
    pod('web-b', cpu.map((x) => x - 0.02)),
    promFrame('memory utilisation', { ...common, pod: 'web-a', service: 'web' }, rep(0.3, N), 'B'),
    promFrame(`${ksm}status_current_replicas`, hpa('api'), rep(3, 60)), // disappears half-way
  ];
}

describe('framesToCandidates', () => {
  it('reads one-frame-per-series and wide frames, naming by __name__, field or frame name', () => {
    const wide: DataFrame = {
      name: 'asg',
      length: 2,
      fields: [
        { name: 'time', type: 'time' as FieldType, config: {}, values: [0, STEP] },
        { name: 'GroupInServiceInstances', type: 'number' as FieldType, config: {}, values: [2, 3] },
        { name: 'Value', type: 'number' as FieldType, config: { unit: 'short' }, values: [4, 4] },
        { name: 'note', type: 'string' as FieldType, config: {}, values: ['a', 'b'] },
      ],
    };
    const noTime: DataFrame = { length: 1, fields: [{ name: 'x', type: 'number' as FieldType, config: {}, values: [1] }] };
    const c = framesToCandidates([promFrame('m', { a: 'b' }, [1]), wide, noTime]);
    expect(c.map((x) => x.name)).toEqual(['m', 'GroupInServiceInstances', 'asg']);
    expect(c[0].labels).toEqual({ __name__: 'm', a: 'b' });
    expect(framesToCandidates(undefined)).toEqual([]);
  });
});

describe('groupFrames on KSM HPA metrics', () => {
  const g = groupFrames(demoFrames());

  it('groups by namespace/hpa, attaches per-pod utilisation via service, picks the cpu target', () => {
    expect(g.workloads.map((w) => w.key)).toEqual(['demo/demo/web', 'demo/demo/api']);
    const web = g.workloads[0];
    expect(web.sources).toEqual({ current: 1, desired: 1, min: 1, max: 1, utilisation: 3, target: 2 });
    expect(web.metricName).toBe('cpu');
    expect(web.metricUnit).toBe('%');
    expect(web.metricScale).toBe(100);
    const metric = web.metric as { v: Float64Array };
    expect(metric.v[0]).toBeCloseTo(0.5, 10); // mean of the two cpu pods, memory ignored
    expect((web.target as { v: Float64Array }).v[0]).toBe(75);
    expect(g.notes.some((n) => n.includes('utilisation series'))).toBe(true);
  });
});

describe('analyzeFrames', () => {
  it('reproduces the spike story from frames, and spots the workload that disappeared', () => {
    const r = analyzeFrames(demoFrames());
    expect(r.total).toBe(2);
    expect(r.capped).toBe(false);
    const [web, api] = r.workloads;
    expect(web.name).toBe('web');
    expect(web.analysis.events.map((e) => `${e.from}→${e.to} ${e.reason.text}`)).toEqual([
      '5→8 cpu 91 % > target 75 % for 2m',
      '8→12 cpu 91 % > target 75 % for 5m',
      '12→5 cpu 40 % < target 75 % for 15m',
    ]);
    expect(web.analysis.summary.timeAtMaxMs).toBe(30 * MIN);
    expect(api.disappeared).toBe(true);
    expect(api.analysis.warnings.map((w) => w.code)).toContain('disappeared');
  });

  it('reads an arbitrary replicas series with constant limits from options', () => {
    const f = promFrame('my_asg_size', {}, [2, 2, 4, 4, 4]);
    const r = analyzeFrames([f], { defaults: { min: 2, max: 4 } });
    expect(r.workloads).toHaveLength(1);
    expect(r.workloads[0].key).toBe('my_asg_size');
    expect(r.workloads[0].analysis.events[0]).toMatchObject({ from: 2, to: 4, hitMax: true });
    expect(r.workloads[0].analysis.summary.timeAtMaxMs).toBe(3 * STEP);
  });

  it('caps thousands of workloads and says so', () => {
    const frames = Array.from({ length: 1500 }, (_, i) =>
      promFrame(`${ksm}status_current_replicas`, hpa(`w${i}`), i % 100 === 7 ? [1, 2, 1, 2] : [1, 1, 1, 1])
    );
    const r = analyzeFrames(frames, { cap: 10 });
    expect(r.capped).toBe(true);
    expect(r.shown).toBe(10);
    expect(r.message).toBe('capped at 10 of 1,500 workloads (most active kept)');
    expect(r.workloads.every((w) => w.analysis.events.length === 3)).toBe(true);
  });

  it('returns nothing (no throw) for no frames', () => {
    expect(analyzeFrames([])).toMatchObject({ total: 0, shown: 0, capped: false, message: null });
  });
});
