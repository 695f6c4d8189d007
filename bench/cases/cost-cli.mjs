// `headroom cost --prometheus` end to end at the size: 50 inventory series over 30 days,
// answered by an in-memory Prometheus (the fetch of the command's I/O), through the same byte
// reader as the cost data source (PrometheusClient.queryRangeSeries: readMatrixInto a
// SeriesJoiner), then the report. Beside it: the same answers through TextDecoder + JSON.parse
// (the JSON path). Target (issue 24): <= 0.3 s CPU for the command.
// Data: a seeded random walk of instance counts per series, at the step the command asks for
// (30 d / 720 = 1 h), as Prometheus' JSON (strings, unix seconds); built before timing.
import { mulberry32 } from '../prng.mjs';

const SERIES = 50;
const TYPES = ['t3.large', 'm5.large', 'm5.xlarge', 'c5.large', 'db.r5.large', 'cache.r6g.large'];

export default async function run(ctx) {
  const [cost, matrix, sink, pb, wire] = await Promise.all(
    ['cli/commands/cost.ts', 'core/prometheus/matrix.ts', 'core/prometheus/seriesSink.ts', 'core/cost/defaultPricebook.ts', 'core/prometheus/matrixBytes.ts'].map((f) => ctx.importTs(f)),
  );
  const now = Date.UTC(2026, 0, 31);
  const encoder = new TextEncoder();
  const answers = new Map(); // query_range URL → body bytes, made once (before timing)
  const body = (params) => {
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(params.get(k)));
    const result = Array.from({ length: SERIES }, (_, s) => {
      const rnd = mulberry32(11 + s);
      let c = 2 + Math.floor(rnd() * 8);
      const values = [];
      for (let t = start; t <= end; t += step) {
        if (rnd() < 0.05) c = Math.max(1, c + (rnd() < 0.5 ? -1 : 1));
        values.push([t, String(c)]);
      }
      return { metric: { label_node_kubernetes_io_instance_type: TYPES[s % TYPES.length], label_headroom_component: s % TYPES.length >= 4 ? 'database' : 'compute', label_topology_kubernetes_io_region: 'us-east-1', node: `n-${s}` }, values };
    });
    return encoder.encode(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  };
  const fetch = async (url) => {
    const u = new URL(url);
    if (u.pathname.endsWith('/query_range')) {
      if (!answers.has(url)) answers.set(url, body(u.searchParams));
      return new Response(answers.get(url), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [now / 1000, '123456789'] }] } }), { status: 200 });
  };
  let out = '';
  const io = { out: (l) => (out = l), err: () => undefined, readFile: () => '', now: () => now, fetch };
  const argv = ['--prometheus', 'http://prometheus.bench', '--range', '30d', '--json'];
  if ((await cost.runCost(argv, io)) !== 0) throw new Error('headroom cost failed');
  const report = JSON.parse(out);
  // Independent check of the monthly figure: per series the mean of its counts (each holds until
  // the next point, the last for 0), times its type's list price, times 730 h.
  const book = pb.defaultPriceBook();
  let expected = 0;
  for (const s of JSON.parse(new TextDecoder().decode([...answers.values()][0])).data.result) {
    const c = s.values.map((v) => Number(v[1]));
    const mean = c.slice(0, -1).reduce((a, x) => a + x, 0) / (c.length - 1);
    const entry = book.instances.find((e) => e.type === s.metric.label_node_kubernetes_io_instance_type && e.region === 'us-east-1');
    expected += mean * entry.prices.on_demand.hourly * 730;
  }
  if (Math.abs(report.projection.onDemand.monthly - expected) > 1e-6 * expected) {
    throw new Error(`monthly on demand ${report.projection.onDemand.monthly}, counted by hand ${expected}`);
  }
  const rangeBytes = [...answers.values()].reduce((n, b) => n + b.length, 0);
  const points = JSON.parse(new TextDecoder().decode([...answers.values()][0])).data.result[0].values.length;

  const cpu = async (fn, runs) => {
    const times = [];
    for (let i = 0; i < runs + 2; i++) {
      const c0 = process.cpuUsage();
      await fn();
      const c = process.cpuUsage(c0);
      if (i >= 2) times.push((c.user + c.system) / 1000);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  };
  const whole = await cpu(() => cost.runCost(argv, io), 9);
  const decoder = new TextDecoder();
  const bodies = [...answers.values()];
  const viaJson = await cpu(() => sink.joinSeries(bodies.map((b) => matrix.matrixToSeries(JSON.parse(decoder.decode(b)).data.result))), 9);
  const byBytes = await cpu(() => {
    const joiner = new sink.SeriesJoiner();
    for (const b of bodies) {
      if (!wire.readMatrixInto(b, joiner)) throw new Error('the byte reader refused an answer');
    }
    return joiner.series();
  }, 9);
  const size = `${SERIES} series × 30 d (${points} pts each at the command's step)`;
  return [
    { case: 'cost-cli', metric: `headroom cost --prometheus, ${size}, CPU`, value: whole, unit: 'ms', note: `target <= 300 ms; median of 9; ${(rangeBytes / 1e6).toFixed(2)} MB of answers through the byte reader` },
    { case: 'cost-cli', metric: 'reading those answers alone: byte reader, CPU', value: byBytes, unit: 'ms', note: 'what the command does (readMatrixInto a SeriesJoiner)' },
    { case: 'cost-cli', metric: 'reading those answers alone: TextDecoder + JSON.parse, CPU', value: viaJson, unit: 'ms', note: 'comparison: the JSON path' },
    { case: 'cost-cli', metric: 'monthly on demand of the fleet', value: Math.round(report.projection.onDemand.monthly), unit: 'USD', note: 'equals the mean counts x list prices x 730 h, counted apart' },
  ];
}
