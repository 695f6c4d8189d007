import { groupCandidates } from './grouping';
import type { SeriesCandidate } from './matchers';

const cand = (name: string, labels: Record<string, string>, v: number[]): SeriesCandidate => ({
  name,
  labels,
  t: v.map((_, i) => i * 1000),
  v,
});

describe('groupCandidates', () => {
  it('merges duplicate replica series (HA exporters) by max and notes it', () => {
    const g = groupCandidates([
      cand('kube_horizontalpodautoscaler_status_current_replicas', { horizontalpodautoscaler: 'x', instance: 'a' }, [1, 2]),
      cand('kube_horizontalpodautoscaler_status_current_replicas', { horizontalpodautoscaler: 'x', instance: 'b' }, [1, 2]),
    ]);
    expect(g.workloads).toHaveLength(1);
    expect(g.workloads[0].sources.current).toBe(2);
    expect(g.notes).toEqual(['"x": 2 current series merged (max per time)']);
  });

  it('attaches an unlabelled utilisation series to the only workload', () => {
    const g = groupCandidates([
      cand('replicas', { deployment: 'd' }, [1, 2]),
      cand('cpu_utilization', {}, [0.5, 0.9]),
    ]);
    expect(g.workloads).toHaveLength(1);
    expect(g.workloads[0].sources.utilisation).toBe(1);
  });

  it('drops series of a workload without replicas, with a note', () => {
    const g = groupCandidates([
      cand('replicas', { deployment: 'a' }, [1]),
      cand('replicas', { deployment: 'b' }, [1]),
      cand('cpu_utilization', { service: 'c' }, [0.5]),
    ]);
    expect(g.workloads.map((w) => w.key)).toEqual(['a', 'b']);
    expect(g.notes).toEqual(['1 series for "c" ignored: no replica series for that workload']);
  });

  it('uses a custom key and fallback role null', () => {
    const g = groupCandidates(
      [cand('foo', { team: 't1' }, [1]), cand('kube_horizontalpodautoscaler_status_current_replicas', { team: 't1' }, [2])],
      { workloadKey: (c) => c.labels.team ?? null, fallbackRole: null }
    );
    expect(g.workloads.map((w) => [w.key, w.sources.current])).toEqual([['t1', 1]]);
    expect(g.notes).toEqual(['1 series matched no role and were ignored']);
  });
});
