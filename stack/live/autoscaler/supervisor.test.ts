/** @jest-environment node */
// The live exposition against the simulator's: the same families with the same label keys (the
// builders are shared), namespace "live", and the reason a scale event gives.
import { DAY, Simulator } from '../../simulator/model';
import { Series } from '../../simulator/series';
import { kubePod, requestSeries } from '../../simulator/kube';
import { LiveConfig, resolveLiveConfig } from './config';
import { LIVE_LABELS, Replica } from './replicas';
import { scaleReason, Supervisor } from './supervisor';

const cfg: LiveConfig = resolveLiveConfig({ stateDir: '/tmp/state-x', env: { PATH: process.env.PATH }, serviceCommand: { cmd: process.execPath, args: [] } });

function fakeReplica(pod: string): Replica {
  return {
    pod,
    port: 1,
    pid: -1,
    startedAt: 0,
    ready: true,
    stopping: false,
    exitCode: undefined,
    kube: { ...kubePod(pod, 'web-abc', 'vm', 'img', LIVE_LABELS), cpuSeconds: 1.5 },
    requests: requestSeries({ pod, container: 'web', node: 'vm' }, LIVE_LABELS),
    rssBytes: 42e6,
    lastTicks: new Map(),
    lastSampleAt: null,
  } as unknown as Replica;
}

const keysByName = (collect: (emit: (s: Series, v: number) => void) => void) => {
  const out = new Map<string, Set<string>>();
  collect((s) => {
    const set = out.get(s.name) ?? new Set<string>();
    set.add(Object.keys(s.labels).sort().join(','));
    out.set(s.name, set);
  });
  return out;
};

describe('the live exposition', () => {
  const sup = new Supervisor(cfg);
  (sup as unknown as { replicas: Replica[] }).replicas = [fakeReplica('web-abc-aaaaa'), fakeReplica('web-abc-bbbbb')];

  test('has the simulator\'s families and label keys, in namespace "live"', () => {
    const live = keysByName((e) => sup.collect(e));
    const sim = new Simulator({ seed: 1, anchor: 100 * DAY });
    const simKeys = keysByName((e) => sim.collect(e));
    expect([...live.keys()]).toEqual([
      'kube_horizontalpodautoscaler_status_current_replicas',
      'kube_horizontalpodautoscaler_status_desired_replicas',
      'kube_horizontalpodautoscaler_spec_min_replicas',
      'kube_horizontalpodautoscaler_spec_max_replicas',
      'kube_horizontalpodautoscaler_spec_target_metric',
      // No status metric before the first measurement (kube-state-metrics has none either).
      'kube_horizontalpodautoscaler_status_condition',
      'kube_horizontalpodautoscaler_info',
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'kube_pod_owner',
      'kube_replicaset_owner',
      'kube_pod_container_resource_requests',
    ]);
    for (const [name, keys] of live) expect([name, keys]).toEqual([name, simKeys.get(name)]);
    sup.collect((s) => expect(s.labels).toMatchObject({ cluster: 'demo', namespace: 'live' }));
  });

  test('values: the config\'s HPA, each replica\'s counter, memory and requests', () => {
    const got: string[] = [];
    sup.collect((s, v) => got.push(`${s.name} ${s.labels.condition ?? ''}${s.labels.status ?? ''}${s.labels.resource ?? ''} ${v}`));
    expect(got).toEqual(
      expect.arrayContaining([
        'kube_horizontalpodautoscaler_status_current_replicas  5',
        'kube_horizontalpodautoscaler_spec_max_replicas  12',
        'kube_horizontalpodautoscaler_spec_target_metric  75',
        'kube_horizontalpodautoscaler_status_condition AbleToScaletrue 1',
        'kube_horizontalpodautoscaler_status_condition ScalingActivetrue 1',
        'kube_horizontalpodautoscaler_status_condition ScalingLimitedfalse 1',
        'container_cpu_usage_seconds_total  1.5',
        'container_memory_working_set_bytes  42000000',
        'kube_pod_container_resource_requests cpu 0.02',
        'kube_pod_container_resource_requests memory 134217728',
      ]),
    );
  });
});

describe('scaleReason', () => {
  test('up, with the step limit named', () => {
    expect(scaleReason(cfg, 5, 10, 3.3)).toBe('CPU 330 % of requests above the 75 % target for 120 s: ceil(5 x 3.30 / 0.75) = 22 (step limited to 10)');
  });
  test('up to exactly the proposal, and clamped to max', () => {
    expect(scaleReason(cfg, 5, 6, 0.9)).toBe('CPU 90 % of requests above the 75 % target for 120 s: ceil(5 x 0.90 / 0.75) = 6');
    expect(scaleReason(cfg, 10, 12, 1.2)).toBe('CPU 120 % of requests above the 75 % target for 120 s: ceil(10 x 1.20 / 0.75) = 16 (limited to 12)');
  });
  test('down, clamped to min', () => {
    expect(scaleReason(cfg, 8, 5, 0.1)).toBe('CPU 10 % of requests below 50 % for 300 s: ceil(8 x 0.10 / 0.75) = 2 (limited to 5)');
  });
});
