/** @jest-environment node */
// The web pods and HPA as cAdvisor and kube-state-metrics give them, checked on the exposed series
// alone (the way the rules read them).
import { HPA } from './autoscaler';
import { schedule } from './incidents';
import { WEB_MEMORY_LIMIT, WEB_REQUESTS } from './inventory';
import { DAY, Simulator, TICK } from './model';
import { Series } from './series';

const ANCHOR = 1_700_000_100 - (1_700_000_100 % DAY);
const SEED = 7;

type Sample = { s: Series; v: number };
function samples(sim: Simulator, name: string): Sample[] {
  const out: Sample[] = [];
  sim.collect((s, v) => {
    if (s.name === name) out.push({ s, v });
  });
  return out;
}
const one = (sim: Simulator, name: string, labels: Record<string, string>): number => {
  const hit = samples(sim, name).filter(({ s }) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(hit).toHaveLength(1);
  return hit[0].v;
};
/** Container-level cAdvisor samples (what the rules keep with container!=""), by pod. */
const byPod = (xs: Sample[]): Map<string, number> => new Map(xs.filter(({ s }) => s.labels.container).map(({ s, v }) => [s.labels.pod, v]));

describe('cAdvisor and kube-state-metrics series of the web pods', () => {
  test('label sets are the exporters\': no `service`, the pod cgroup without container/image/name', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    sim.advanceTo(40);
    const keys = (name: string) => new Set(samples(sim, name).map(({ s }) => Object.keys(s.labels).sort().join(',')));
    const common = ['cluster', 'namespace'];
    const set = (...l: string[]) => [...l, ...common].sort().join(',');
    expect(keys('container_cpu_usage_seconds_total')).toEqual(new Set([set('container', 'cpu', 'id', 'image', 'name', 'pod'), set('cpu', 'id', 'pod')]));
    expect(keys('container_memory_working_set_bytes')).toEqual(new Set([set('container', 'id', 'image', 'name', 'pod'), set('id', 'pod')]));
    expect(keys('kube_pod_owner')).toEqual(new Set([set('owner_is_controller', 'owner_kind', 'owner_name', 'pod', 'uid')]));
    expect(keys('kube_replicaset_owner')).toEqual(new Set([set('owner_is_controller', 'owner_kind', 'owner_name', 'replicaset')]));
    expect(keys('kube_pod_container_resource_limits')).toEqual(new Set([set('container', 'node', 'pod', 'resource', 'uid', 'unit')]));
    expect(keys('kube_horizontalpodautoscaler_status_condition')).toEqual(new Set([set('condition', 'horizontalpodautoscaler', 'status')]));
    expect(keys('kube_horizontalpodautoscaler_info')).toEqual(
      new Set([set('horizontalpodautoscaler', 'scaletargetref_api_version', 'scaletargetref_kind', 'scaletargetref_name')]),
    );
    sim.collect((s) => {
      if (!s.name.startsWith('http_')) expect(s.labels.service).toBeUndefined();
    });
  });

  test('every pod maps to the Deployment the HPA scales, through its ReplicaSet', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    sim.advanceTo(40);
    const rs = samples(sim, 'kube_replicaset_owner');
    expect(rs).toHaveLength(1);
    expect(rs[0].s.labels).toMatchObject({ owner_kind: 'Deployment', owner_name: 'web' });
    const owners = samples(sim, 'kube_pod_owner');
    expect(owners.map(({ s }) => s.labels.pod).sort()).toEqual(sim.podNames().sort());
    for (const { s } of owners) expect(s.labels).toMatchObject({ owner_kind: 'ReplicaSet', owner_name: rs[0].s.labels.replicaset });
    expect(one(sim, 'kube_horizontalpodautoscaler_info', { scaletargetref_kind: 'Deployment', scaletargetref_name: 'web' })).toBe(1);
    const cpu = byPod(samples(sim, 'container_cpu_usage_seconds_total'));
    expect([...cpu.keys()].sort()).toEqual(sim.podNames().sort());
  });

  test('usage / requests is the utilisation the HPA judges: its status metric, from the counters alone', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    let checked = 0;
    for (let k = 1; k < 2000; k += 7) {
      sim.advanceTo(k);
      const before = byPod(samples(sim, 'container_cpu_usage_seconds_total'));
      sim.advanceTo(k + 1);
      const after = byPod(samples(sim, 'container_cpu_usage_seconds_total'));
      sim.advanceTo(k + 2); // the HPA judges the previous tick's CPU
      const pods = [...after.keys()];
      if (pods.some((p) => !before.has(p)) || before.size !== after.size) continue;
      const ratios = pods.map((p) => (after.get(p)! - before.get(p)!) / (TICK * WEB_REQUESTS.cpu));
      for (const r of ratios) expect(r).toBeGreaterThanOrEqual(0.01 - 1e-6);
      for (const r of ratios) expect(r).toBeLessThanOrEqual(1 + 1e-6);
      const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
      expect(one(sim, 'kube_horizontalpodautoscaler_status_target_metric', { metric_target_type: 'utilization' })).toBe(Math.round(mean * 100));
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
    const ws = samples(sim, 'container_memory_working_set_bytes').map(({ v }) => v / WEB_MEMORY_LIMIT);
    for (const r of ws) expect(r).toBeGreaterThanOrEqual(0.05 - 1e-9);
    for (const r of ws) expect(r).toBeLessThanOrEqual(0.98 + 1e-9);
  });

  test('ScalingLimited is true in a spike at the maximum, only ever with desired at a limit; the others stay true', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    const spikes = schedule(SEED, ANCHOR, ANCHOR + DAY).filter((o) => o.kind === 'traffic-spike');
    let limitedAtMaxInSpike = 0;
    let limitedOffLimits = 0;
    for (let k = 1; k <= DAY / TICK; k++) {
      sim.advanceTo(k);
      const cond = (condition: string, status: string) => one(sim, 'kube_horizontalpodautoscaler_status_condition', { condition, status });
      expect([cond('AbleToScale', 'true'), cond('ScalingActive', 'true'), cond('ScalingActive', 'false')]).toEqual([1, 1, 0]);
      const limited = cond('ScalingLimited', 'true');
      expect(limited + cond('ScalingLimited', 'false') + cond('ScalingLimited', 'unknown')).toBe(1);
      const inSpike = spikes.some((s) => sim.t >= s.start && sim.t < s.end);
      if (limited && sim.replicas === HPA.maxReplicas && inSpike) limitedAtMaxInSpike++;
      const desired = one(sim, 'kube_horizontalpodautoscaler_status_desired_replicas', {});
      if (limited && desired !== HPA.minReplicas && desired !== HPA.maxReplicas) limitedOffLimits++;
    }
    expect(limitedAtMaxInSpike).toBeGreaterThan(0);
    expect(limitedOffLimits).toBe(0);
  });

  test('desired equals current at every tick (no second writer in the simulation: Kubernetes reports the stabilised count), across scale-ups and -downs', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    let apart = 0;
    let changes = 0;
    let last = sim.replicas;
    for (let k = 1; k <= (3 * DAY) / TICK; k++) {
      sim.advanceTo(k);
      if (one(sim, 'kube_horizontalpodautoscaler_status_desired_replicas', {}) !== sim.replicas) apart++;
      if (sim.replicas !== last) changes++;
      last = sim.replicas;
    }
    expect(changes).toBeGreaterThan(6);
    expect(apart).toBe(0);
  });
});
