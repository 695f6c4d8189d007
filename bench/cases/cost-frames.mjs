// Cost datasource processing at the size: a 30-day range at 1-minute steps over 50
// inventory series (43,201 points each, 2.16 M samples), answered by Prometheus in 4 chunks of at
// most 11,000 points (its per-series limit), turned into cost frames per component.
// Data: the chunk bodies are synthesised in memory as Prometheus' JSON (strings, unix seconds) with
// a seeded random walk of instance counts, and encoded to the UTF-8 bytes that arrive on the wire,
// before timing.
// Timed (target <= 100 ms of datasource processing, Prometheus' own time excluded): the 4 answer
// bodies → typed series (readMatrixInto a SeriesJoiner, what PrometheusClient.queryRangeSeries
// does) → inventory → costSeries (price book lookup, mix, integration, per-component sums) →
// frames. Reported apart: the model alone from typed series, and the same path through
// TextDecoder + JSON.parse (what res.json() does) for comparison.

import { fleetMetrics, fleetWalks } from '../cost/fleet.mjs';

const SERIES = 50;
const STEP_S = 60;
const POINTS = 30 * 24 * 60 + 1; // 43,201
const MAX_POINTS = 11_000;

/** The JSON bodies Prometheus would send for the 4 chunks of the range. */
function synthesiseChunks(t0) {
  const walks = fleetWalks(SERIES, POINTS);
  const metrics = fleetMetrics(SERIES);
  const bodies = [];
  for (let from = 0; from < POINTS; from += MAX_POINTS) {
    const to = Math.min(POINTS, from + MAX_POINTS);
    const result = metrics.map((metric, s) => {
      const values = new Array(to - from);
      for (let i = from; i < to; i++) values[i - from] = [t0 + i * STEP_S, String(walks[s][i])];
      return { metric, values };
    });
    bodies.push(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  }
  return bodies;
}

export default async function run(ctx) {
  // Single modules, not the index files: tsx's tsImport trips over re-export-only modules.
  const [matrix, wire, sink, inv, series, fr, pb] = await Promise.all(
    ['core/prometheus/matrix.ts', 'core/prometheus/matrixBytes.ts', 'core/prometheus/seriesSink.ts', 'core/cost/inventory.ts', 'core/cost/series.ts', 'core/cost/frames.ts', 'core/cost/defaultPricebook.ts'].map((f) =>
      ctx.importTs(f),
    ),
  );
  const t0 = Date.UTC(2026, 0, 1) / 1000;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const bodies = synthesiseChunks(t0).map((text) => encoder.encode(text));
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const book = pb.defaultPriceBook();
  const mix = { reserved_1y: 0.5, spot: 0.2 };

  const toFrames = (numeric) => {
    const { inventory } = inv.inventoryFromSeries(numeric);
    const result = series.costSeries(inventory, book, mix);
    return { result, frames: fr.costFrames(result, 'component', 'A') };
  };
  // What the client's queryRangeSeries does with the 4 answers: bytes → the series' arrays.
  const readAll = () => {
    const joiner = new sink.SeriesJoiner({ max: POINTS, end: (t0 + (POINTS - 1) * STEP_S) * 1000, start: t0 * 1000, step: STEP_S * 1000 });
    for (const b of bodies) {
      if (!wire.readMatrixInto(b, joiner)) throw new Error('the byte reader refused a chunk');
    }
    return joiner.series();
  };
  const fromBytes = () => toFrames(readAll());
  // The same through TextDecoder + JSON.parse (what res.json() would give), for comparison.
  const fromJson = () => toFrames(sink.joinSeries(bodies.map((b) => matrix.matrixToSeries(JSON.parse(decoder.decode(b)).data.result))));
  // Only the model: typed series already in hand → costSeries → frames.
  const numeric = readAll();
  const modelOnly = () => toFrames(numeric);

  /** Median wall and CPU time of fn (CPU time of this process is robust when others share the cores). */
  async function measure(fn, runs) {
    const wall = await ctx.timeMedian(fn, { runs, warmup: 2 });
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    cpu.sort((x, y) => x - y);
    return { wall, cpu: cpu[Math.floor(runs / 2)] };
  }
  const os = await import('node:os');
  const bytesT = await measure(fromBytes, 9);
  const modelT = await measure(modelOnly, 9);
  const jsonT = await measure(fromJson, 5);
  const load = os.loadavg()[0];

  const { result, frames } = fromBytes();
  const check = fromJson();
  if (Math.abs(check.result.total.cost - result.total.cost) > 1e-6) {
    throw new Error(`bytes and JSON paths disagree: ${result.total.cost} vs ${check.result.total.cost}`);
  }
  if (result.series.length !== SERIES || result.warnings.some((w) => !/not sold as spot/.test(w.message))) {
    throw new Error(`expected ${SERIES} priced series, got ${result.series.length}: ${JSON.stringify(result.warnings)}`);
  }
  if (frames.length !== 3 || frames[0].fields[0].values.length !== POINTS) {
    throw new Error(`expected 3 component frames of ${POINTS} points, got ${frames.length} × ${frames[0]?.fields[0].values.length}`);
  }
  const size = `${SERIES} series × ${POINTS.toLocaleString('en-US')} pts`;
  const note = `load average ${load.toFixed(1)} on ${os.cpus().length} cores`;
  return [
    { case: 'cost-frames', metric: `answer bytes → cost frames, ${size}`, value: bytesT.wall, unit: 'ms', note: `target <= 100 ms; median of 9; ${(bytes / 1e6).toFixed(1)} MB in 4 chunks; ${note}` },
    { case: 'cost-frames', metric: 'answer bytes → cost frames, CPU time', value: bytesT.cpu, unit: 'ms', note: 'same work, CPU time of this process (less sensitive to other jobs)' },
    { case: 'cost-frames', metric: 'typed series → cost frames (model only)', value: modelT.wall, unit: 'ms', note: `costSeries with a mix + per-component frames; CPU ${modelT.cpu.toFixed(1)} ms` },
    { case: 'cost-frames', metric: 'via TextDecoder + JSON.parse → cost frames', value: jsonT.wall, unit: 'ms', note: `comparison: res.json() path; CPU ${jsonT.cpu.toFixed(1)} ms; median of 5` },
    { case: 'cost-frames', metric: '30-day cost of the fleet (mix)', value: Math.round(result.total.cost), unit: 'USD', note: 'sanity: integrated, 50% reserved 1y + 20% spot' },
  ];
}
