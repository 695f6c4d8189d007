import { inferMetricUnits } from './units';

describe('inferMetricUnits', () => {
  it('scales a 0..1 ratio against a KSM utilization target to percent', () => {
    expect(
      inferMetricUnits({
        metricName: 'namespace_service:container_cpu_usage_ratio_requests:avg',
        metricMax: 0.95,
        targetType: 'utilization',
        targetMetricName: 'cpu',
        targetMax: 75,
      })
    ).toEqual({ scale: 100, unit: '%', name: 'cpu' });
  });
  it('keeps a percent metric as is, and an explicit scale wins', () => {
    expect(inferMetricUnits({ metricUnit: 'percent', metricMax: 91, targetMax: 75 }).scale).toBe(1);
    expect(inferMetricUnits({ metricMax: 0.9, targetMax: 75, scale: 2 }).scale).toBe(2);
  });
  it('uses the heuristic for an unknown unit only when values look like a ratio', () => {
    expect(inferMetricUnits({ metricName: 'load', metricMax: 0.9, targetMax: 75 }).scale).toBe(100);
    expect(inferMetricUnits({ metricName: 'rps', metricMax: 120, targetMax: 100, targetType: 'averagevalue' })).toEqual({
      scale: 1,
      unit: undefined,
      name: 'metric',
    });
  });
  it('shows a ratio without a target as percent and names memory', () => {
    expect(
      inferMetricUnits({ metricName: 'pod_memory_utilization_ratio', metricMax: 0.5, targetMax: NaN })
    ).toEqual({ scale: 100, unit: '%', name: 'memory' });
  });
  it('reads a recording rule of usage over requests (":avg", ":max") as a ratio', () => {
    expect(inferMetricUnits({ metricName: 'namespace_service:container_memory_working_set_ratio_requests:max', metricMax: 0.5, targetMax: NaN })).toEqual({
      scale: 100,
      unit: '%',
      name: 'memory',
    });
  });
});
