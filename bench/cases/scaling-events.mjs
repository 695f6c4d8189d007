// Scaling timeline maths at fleet size: 500 workloads × 7 days at 30 s (20,160 points each),
// analysed in full (normalise, round, scale events with reasons, time at max/min, cooldowns,
// reaction delays, flapping, replica-hours, summary), once from plain arrays and once from
// Grafana-shaped DataFrames (KSM names, labels) through the frame adapter.
// Data: a seeded HPA-like simulation per workload (daily cycle, bursts, 2 min up / 5 min down
// sustain, 3 min cooldown), generated before timing.

import { mulberry32 } from '../prng.mjs';

const WORKLOADS = 500;
const STEP = 30_000;
const POINTS = 7 * 24 * 120; // 20,160
const KSM = 'kube_horizontalpodautoscaler_';

/** One workload: replicas and mean CPU utilisation (0..1) as plain arrays, like DataFrame values. */
function simulate(seed, t0) {
  const rnd = mulberry32(seed);
  const min = 2 + Math.floor(rnd() * 4);
  const max = min + 4 + Math.floor(rnd() * 10);
  const perReplica = 1; // load units one replica serves at 100 %
  const base = (min + (max - min) * 0.3) * 0.7 * perReplica;
  const phase = rnd() * 2 * Math.PI;
  const replicas = new Array(POINTS);
  const cpu = new Array(POINTS);
  let r = min;
  let upFor = 0;
  let downFor = 0;
  let lastEvent = -Infinity;
  let burstLeft = 0;
  let burstAmp = 0;
  for (let i = 0; i < POINTS; i++) {
    const t = t0 + i * STEP;
    if (burstLeft <= 0 && rnd() < 1 / 720) {
      burstLeft = 40 + Math.floor(rnd() * 120);
      burstAmp = 0.5 + rnd() * 2;
    }
    const burst = burstLeft-- > 0 ? burstAmp : 0;
    const load = base * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 86_400_000 + phase) + burst) * (0.95 + 0.1 * rnd());
    const u = load / (r * perReplica);
    const want = Math.min(max, Math.max(min, Math.ceil((r * u) / 0.75)));
    upFor = want > r && u > 0.75 ? upFor + 1 : 0;
    downFor = want < r && u < 0.5 ? downFor + 1 : 0;
    if (i - lastEvent >= 6 && (upFor >= 4 || downFor >= 10)) {
      r = want;
      lastEvent = i;
      upFor = downFor = 0;
    }
    replicas[i] = r;
    cpu[i] = Math.round(Math.min(u, 2) * 1000) / 1000;
  }
  return { min, max, replicas, cpu };
}

function frame(name, labels, times, values) {
  return {
    refId: 'A',
    length: values.length,
    fields: [
      { name: 'Time', type: 'time', config: {}, values: times },
      { name: 'Value', type: 'number', config: {}, labels: { __name__: name, ...labels }, values },
    ],
  };
}

export default async function run(ctx) {
  const sc = await ctx.importTs('core/scaling/index.ts');
  const t0 = Date.UTC(2024, 0, 1);
  const times = Array.from({ length: POINTS }, (_, i) => t0 + i * STEP);
  const sims = Array.from({ length: WORKLOADS }, (_, w) => simulate(1000 + w, t0));

  // Plain arrays → analyzeWorkloads (what the panel does after grouping).
  const inputs = sims.map((s, w) => ({
    key: `demo/w${w}`,
    current: { t: times, v: s.replicas },
    desired: { t: times, v: s.replicas },
    min: s.min,
    max: s.max,
    metric: { t: times, v: s.cpu },
    target: 75,
    metricScale: 100,
    metricUnit: '%',
    metricName: 'cpu',
  }));
  let result;
  const allMs = await ctx.timeMedian(() => {
    result = sc.analyzeWorkloads(inputs, { cap: WORKLOADS });
  }, { runs: 3, warmup: 1 });
  // CPU time of one more run: wall time on a shared machine includes other processes' turns.
  const c0 = process.cpuUsage();
  sc.analyzeWorkloads(inputs, { cap: WORKLOADS });
  const c1 = process.cpuUsage(c0);
  const allCpuMs = (c1.user + c1.system) / 1000;
  const events = result.workloads.reduce((n, w) => n + w.analysis.events.length, 0);
  const atMax = result.workloads.reduce((n, w) => n + (w.analysis.summary.timeAtMaxMs ?? 0), 0);

  // Events only, from already-normalised typed series (the innermost maths).
  const normalised = sims.map((s) => sc.roundReplicas(sc.normaliseSeries({ t: times, v: s.replicas })).series);
  const eventsOnlyMs = await ctx.timeMedian(() => {
    for (const s of normalised) sc.detectScaleEvents(s);
  }, { runs: 9, warmup: 2 });

  // Grafana-shaped frames (KSM names + per-workload CPU) → analyzeFrames.
  const minArr = sims.map((s) => new Array(POINTS).fill(s.min));
  const maxArr = sims.map((s) => new Array(POINTS).fill(s.max));
  const target = new Array(POINTS).fill(75);
  const frames = [];
  sims.forEach((s, w) => {
    const l = { namespace: 'demo', horizontalpodautoscaler: `w${w}` };
    frames.push(
      frame(`${KSM}status_current_replicas`, l, times, s.replicas),
      frame(`${KSM}status_desired_replicas`, l, times, s.replicas),
      frame(`${KSM}spec_min_replicas`, l, times, minArr[w]),
      frame(`${KSM}spec_max_replicas`, l, times, maxArr[w]),
      frame(`${KSM}spec_target_metric`, { ...l, metric_name: 'cpu', metric_target_type: 'utilization' }, times, target),
      frame('namespace_service:container_cpu_usage_ratio_requests:avg', { namespace: 'demo', workload: `w${w}`, service: `w${w}` }, times, s.cpu)
    );
  });
  let fromFrames;
  const framesMs = await ctx.timeMedian(() => {
    fromFrames = sc.analyzeFrames(frames, { cap: WORKLOADS });
  }, { runs: 1, warmup: 1 });
  const framesEvents = fromFrames.workloads.reduce((n, w) => n + w.analysis.events.length, 0);
  if (framesEvents !== events) throw new Error(`frames path found ${framesEvents} events, arrays ${events}`);

  const size = `${WORKLOADS} workloads × ${POINTS.toLocaleString('en-US')} pts`;
  return [
    { case: 'scaling-events', metric: `analyse all, ${size}`, value: allMs, unit: 'ms', note: 'median of 3; plain arrays in, full analysis' },
    { case: 'scaling-events', metric: 'analyse all, per workload', value: (allMs * 1000) / WORKLOADS, unit: 'µs' },
    { case: 'scaling-events', metric: `analyse all, ${size}, CPU time`, value: allCpuMs, unit: 'ms', note: 'process user+system of one run (incl. GC threads)' },
    { case: 'scaling-events', metric: 'analyse all, per workload, CPU time', value: (allCpuMs * 1000) / WORKLOADS, unit: 'µs' },
    { case: 'scaling-events', metric: `events only, ${size}`, value: eventsOnlyMs, unit: 'ms', note: 'detectScaleEvents on normalised typed series, median of 9' },
    { case: 'scaling-events', metric: 'events only, per workload', value: (eventsOnlyMs * 1000) / WORKLOADS, unit: 'µs' },
    { case: 'scaling-events', metric: `from DataFrames, ${size} (6 series each)`, value: framesMs, unit: 'ms', note: '1 run after 1 warm-up; analyzeFrames: group by KSM names/labels + analyse' },
    { case: 'scaling-events', metric: 'from DataFrames, per workload', value: (framesMs * 1000) / WORKLOADS, unit: 'µs' },
    { case: 'scaling-events', metric: 'events derived', value: events, unit: 'events', note: `mean time at max ${(atMax / WORKLOADS / 3_600_000).toFixed(1)} h/workload` },
  ];
}
