import { analyzeWorkload } from './analyze';
import { summaryItems } from './summary';
import { MIN, STEP, regular, rep } from './testSupport';

// The demo spike: min 5 / max 12, CPU target 75 %, load jumps at 10 min, drops at 30 min.
function spike() {
  const replicas = [...rep(5, 24), ...rep(8, 6), ...rep(12, 60), ...rep(5, 30)];
  const cpu = [...rep(0.5, 20), ...rep(0.91, 40), ...rep(0.4, 60)];
  return {
    current: regular(replicas),
    min: regular(rep(5, 120)),
    max: regular(rep(12, 120)),
    metric: regular(cpu),
    target: 75,
    metricName: 'cpu',
    metricUnit: '%',
    metricScale: 100,
  };
}

describe('analyzeWorkload on the spike scenario', () => {
  const a = analyzeWorkload(spike());

  it('finds the scale-ups to 12 and the scale-down with reasons', () => {
    expect(a.events.map((e) => [e.t / MIN, e.from, e.to, e.direction, e.size])).toEqual([
      [12, 5, 8, 'up', 3],
      [15, 8, 12, 'up', 4],
      [45, 12, 5, 'down', -7],
    ]);
    expect(a.events[0].reason.text).toBe('cpu 91 % > target 75 % for 2m');
    expect(a.events[1].reason.text).toBe('cpu 91 % > target 75 % for 5m');
    expect(a.events[2].reason.text).toBe('cpu 40 % < target 75 % for 15m');
    expect(a.events.every((e) => e.reason.consistent)).toBe(true);
    expect(a.events.map((e) => [e.hitMax, e.hitMin])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
  });

  it('measures time at max/min, cooldowns, reaction, flaps and replica-hours', () => {
    expect(a.limits.atMax?.totalMs).toBe(30 * MIN);
    expect(a.limits.atMax?.intervals).toEqual([{ start: 15 * MIN, end: 45 * MIN }]);
    expect(a.limits.atMin?.totalMs).toBe(27 * MIN);
    expect(a.limits.coveredMs).toBe(60 * MIN);
    expect(a.cooldown.intervals).toEqual([
      { start: 12 * MIN, end: 18 * MIN },
      { start: 45 * MIN, end: 48 * MIN },
    ]);
    expect(a.cooldown.eventsInCooldown).toBe(0); // 15m is exactly the end of the 12m cooldown
    expect(a.reaction?.reactions).toEqual([
      { crossingT: 10 * MIN, riseT: 12 * MIN, delayMs: 2 * MIN, outcome: 'reacted' },
    ]);
    expect(a.flapping.count).toBe(0);
    expect(a.replicaHours.replicaHours).toBeCloseTo(519 / 60, 10);
    expect(a.warnings).toEqual([]);
  });

  it('summarises for the header', () => {
    expect(a.summary).toMatchObject({
      events: 3,
      ups: 2,
      downs: 1,
      timeAtMaxMs: 30 * MIN,
      timeAtMaxRatio: 0.5,
      slowestReactionMs: 2 * MIN,
      flaps: 0,
      peakReplicas: 12,
    });
    expect(summaryItems(a.summary).map((i) => `${i.label}: ${i.text}`)).toEqual([
      'Scale events: 3',
      'Time at max: 30m (50 %)',
      'Slowest reaction: 2m',
      'Flaps: 0',
      'Replica-hours: 8.7',
    ]);
  });
});

describe('analyzeWorkload with bad input', () => {
  it('works without min/max/metric and says what is unknown', () => {
    const a = analyzeWorkload({ current: regular([2, 2, 3, 3]) });
    expect(a.events).toHaveLength(1);
    expect(a.events[0].hitMax).toBeNull();
    expect(a.events[0].reason.kind).toBe('unknown');
    expect(a.limits.atMax).toBeNull();
    expect(a.reaction).toBeNull();
    expect(a.summary.timeAtMaxMs).toBeNull();
    expect(a.warnings.map((w) => w.code)).toEqual(['no-max', 'no-min', 'no-metric']);
    expect(summaryItems(a.summary)[1].text).toBe('n/a');
    expect(summaryItems(a.summary)[2].text).toBe('n/a');
  });

  it('rounds counter-like noise and does not invent events from it', () => {
    const a = analyzeWorkload({ current: regular([5.0001, 4.9998, 5.02, 6.0, 5.9997]) });
    expect(a.events.map((e) => [e.from, e.to])).toEqual([[5, 6]]);
    expect(a.noisySamples).toBe(0);
  });

  it('does not count gaps and flags an event seen after a gap', () => {
    const current = { t: [0, STEP, 2 * STEP, 20 * STEP, 21 * STEP], v: [3, 3, null, 4, 4] };
    const a = analyzeWorkload({ current, max: 4, min: 3 }, { stepMs: STEP });
    expect(a.gaps).toBe(1);
    expect(a.events).toHaveLength(1);
    expect(a.events[0].afterGap).toBe(true);
    expect(a.replicaHours.coveredMs).toBe(4 * STEP);
    expect(a.limits.atMax?.totalMs).toBe(2 * STEP);
    expect(a.limits.atMin?.totalMs).toBe(2 * STEP);
    expect(a.warnings.map((w) => w.code)).toContain('gaps');
  });

  it('never throws on an empty workload', () => {
    const a = analyzeWorkload({ current: { t: [], v: [] }, max: 3, metric: { t: [], v: [] } });
    expect(a.events).toEqual([]);
    expect(a.summary.peakReplicas).toBeNull();
    expect(a.warnings).toEqual([{ code: 'empty', text: 'no replica data in range' }]);
  });

  it('explains a scale-up forced by a raised min', () => {
    const a = analyzeWorkload({
      current: regular([3, 3, 5, 5]),
      min: regular([3, 3, 5, 5]),
      metric: regular([0.2, 0.2, 0.2, 0.2]),
      target: 75,
      metricScale: 100,
      metricUnit: '%',
      metricName: 'cpu',
    });
    expect(a.events[0].reason).toMatchObject({ kind: 'min', text: 'min raised to 5 (was 3)' });
  });

  it('marks an up event below target as not consistent, and "≥" when the run starts the data', () => {
    const a = analyzeWorkload({
      current: regular([3, 3, 4]),
      metric: regular([0.5, 0.5, 0.5]),
      target: 75,
      metricScale: 100,
      metricUnit: '%',
      metricName: 'cpu',
    });
    expect(a.events[0].reason.consistent).toBe(false);
    expect(a.events[0].reason.text).toBe('cpu 50 % < target 75 % for ≥1m');
  });

  it('reports desired replicas at the event (capped when desired > max)', () => {
    const a = analyzeWorkload({
      current: regular([10, 12, 12]),
      desired: regular([14, 15, 15]),
      max: 12,
    });
    expect(a.events[0]).toMatchObject({ to: 12, hitMax: true, desired: 15 });
  });
});

describe('reason uses the metric just before the event', () => {
  it('ignores a same-timestamp sample that already reflects the new replicas', () => {
    // 4 → 8 replicas at 1m; CPU halves at that very sample because load spreads over more pods.
    const a = analyzeWorkload({
      current: regular([4, 4, 8, 8]),
      metric: regular([0.5, 0.9, 0.45, 0.45]),
      target: 75,
      metricScale: 100,
      metricUnit: '%',
      metricName: 'cpu',
    });
    expect(a.events[0].t).toBe(2 * STEP);
    expect(a.events[0].reason.text).toBe('cpu 90 % > target 75 % for 30s');
    expect(a.events[0].reason.consistent).toBe(true);
  });
});

describe('scale-down threshold', () => {
  it('explains downs against the policy threshold when given', () => {
    const input = {
      current: regular([12, 12, 12, 12, 8]),
      metric: regular([0.7, 0.45, 0.45, 0.45, 0.6]),
      target: 75,
      metricScale: 100,
      metricUnit: '%',
      metricName: 'cpu',
    };
    expect(analyzeWorkload(input).events[0].reason.text).toBe('cpu 45 % < target 75 % for ≥2m');
    const a = analyzeWorkload(input, { scaleDownBelow: 50 });
    expect(a.events[0].reason).toMatchObject({ text: 'cpu 45 % < scale-down 50 % for 1m30s', consistent: true, target: 50 });
    const above = analyzeWorkload({ ...input, metric: regular([0.6, 0.6, 0.6, 0.6, 0.6]) }, { scaleDownBelow: 50 });
    expect(above.events[0].reason).toMatchObject({ text: 'cpu 60 % ≥ scale-down 50 %', consistent: false });
  });
});
