import { inferMetricUnits, ratioValueLimit } from './units';

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
    ).toEqual({ scale: 100, unit: '%', name: 'cpu', guessedFromValues: false });
  });
  it('keeps a percent metric as is, and an explicit scale wins', () => {
    expect(inferMetricUnits({ metricUnit: 'percent', metricMax: 91, targetMax: 75 }).scale).toBe(1);
    expect(inferMetricUnits({ metricMax: 0.9, targetMax: 75, scale: 2 })).toMatchObject({ scale: 2, guessedFromValues: false });
  });
  it('uses the heuristic for an unknown unit only when values look like a ratio', () => {
    expect(inferMetricUnits({ metricName: 'load', metricMax: 0.9, targetMax: 75 })).toMatchObject({ scale: 100, guessedFromValues: true });
    expect(inferMetricUnits({ metricName: 'rps', metricMax: 120, targetMax: 100, targetType: 'averagevalue' })).toEqual({
      scale: 1,
      unit: undefined,
      name: 'metric',
      guessedFromValues: false,
    });
  });
  it('shows a ratio without a target as percent and names memory', () => {
    expect(
      inferMetricUnits({ metricName: 'pod_memory_utilization_ratio', metricMax: 0.5, targetMax: NaN })
    ).toEqual({ scale: 100, unit: '%', name: 'memory', guessedFromValues: false });
  });
  it('reads a recording rule of usage over requests (":avg", ":max") as a ratio', () => {
    expect(inferMetricUnits({ metricName: 'namespace_service:container_memory_working_set_ratio_requests:max', metricMax: 0.5, targetMax: NaN })).toEqual({
      scale: 100,
      unit: '%',
      name: 'memory',
      guessedFromValues: false,
    });
  });

  // Issue #20: sum(rate(container_cpu_usage_seconds_total[5m])) / sum(kube_pod_container_resource_requests{resource="cpu"})
  // has no ratio name; pods at 146–187 % of their request give 1.46–1.87.
  const raw = { metricName: 'Value', metricMax: 1.87, targetType: 'utilization', targetMetricName: 'cpu', targetMax: 75 };

  it('honours the unit "percentunit" whatever the values (pods above their request)', () => {
    expect(inferMetricUnits({ ...raw, metricUnit: 'percentunit' })).toEqual({ scale: 100, unit: '%', name: 'cpu', guessedFromValues: false });
    expect(inferMetricUnits({ ...raw, metricUnit: 'percentunit', metricMax: 40 }).scale).toBe(100);
  });
  it('honours the unit "percent" whatever the values, even over a ratio name', () => {
    expect(inferMetricUnits({ ...raw, metricUnit: 'percent', metricMax: 0.9 })).toMatchObject({ scale: 1, unit: '%', guessedFromValues: false });
    expect(inferMetricUnits({ ...raw, metricName: 'x_ratio', metricUnit: 'percent', metricMax: 2 }).scale).toBe(1);
  });
  it('reads values up to 4× a percentage target as a ratio when there is no unit, and says it guessed', () => {
    expect(inferMetricUnits(raw)).toEqual({ scale: 100, unit: '%', name: 'cpu', guessedFromValues: true });
    expect(inferMetricUnits({ ...raw, metricMax: 3 }).scale).toBe(100);
    expect(inferMetricUnits({ ...raw, metricMax: 3.01 })).toMatchObject({ scale: 1, guessedFromValues: false });
    // Another unit ("short") says nothing about percent: the values still decide.
    expect(inferMetricUnits({ ...raw, metricUnit: 'short' }).scale).toBe(100);
    // No value, or a target that is not a percentage: no guess.
    expect(inferMetricUnits({ ...raw, metricMax: NaN }).scale).toBe(1);
    expect(inferMetricUnits({ ...raw, targetType: 'averagevalue', targetMax: 0.5 }).scale).toBe(1);
  });
});

describe('ratioValueLimit', () => {
  it('is 4 × target / 100, never under the old 1.5', () => {
    expect(ratioValueLimit(75)).toBeCloseTo(3, 12);
    expect(ratioValueLimit(90)).toBeCloseTo(3.6, 12);
    expect(ratioValueLimit(10)).toBe(1.5);
    expect(ratioValueLimit(NaN)).toBe(1.5);
    expect(ratioValueLimit(-5)).toBe(1.5);
  });
});
