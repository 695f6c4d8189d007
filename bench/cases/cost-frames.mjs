// Cost datasource processing at the size: a 30-day range at 1-minute steps over 50
// inventory series (43,201 points each, 2.16 M samples), answered by Prometheus in 4 chunks of at
// most 11,000 points (its per-series limit), turned into cost frames per component.
// Data: the chunk bodies are synthesised in memory as Prometheus' JSON (strings, unix seconds) with
// a seeded random walk of instance counts, built before timing.
// Timed ("processing", target <= 100 ms): chunks → typed numeric series → inventory → costSeries
// (price book lookup, mix, integration, per-component sums) → frames. Reported apart: JSON.parse of
// the bodies (what fetch's res.json() does) and the whole path including it.

const SERIES = 50;
const STEP_S = 60;
const POINTS = 30 * 24 * 60 + 1; // 43,201
const MAX_POINTS = 11_000;
const TYPES = [
  ['t3.large', 'compute'],
  ['m5.large', 'compute'],
  ['m5.xlarge', 'compute'],
  ['c5.large', 'compute'],
  ['r5.large', 'compute'],
  ['db.r5.large', 'database'],
  ['db.t3.medium', 'database'],
  ['cache.r6g.large', 'cache'],
  ['cache.t3.medium', 'cache'],
  ['t3.xlarge', 'compute'],
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON bodies Prometheus would send for the 4 chunks of the range. */
function synthesiseChunks(t0) {
  const walks = Array.from({ length: SERIES }, (_, s) => {
    const rnd = mulberry32(7 + s);
    const counts = new Array(POINTS);
    let c = 2 + Math.floor(rnd() * 8);
    for (let i = 0; i < POINTS; i++) {
      if (rnd() < 0.01) c = Math.max(1, c + (rnd() < 0.5 ? -1 : 1));
      counts[i] = c;
    }
    return counts;
  });
  const metrics = Array.from({ length: SERIES }, (_, s) => ({
    label_node_kubernetes_io_instance_type: TYPES[s % TYPES.length][0],
    label_headroom_component: TYPES[s % TYPES.length][1],
    label_topology_kubernetes_io_region: 'us-east-1',
    nodegroup: `ng-${s}`,
  }));
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
  const [matrix, inv, series, fr, pb] = await Promise.all(
    ['core/prometheus/matrix.ts', 'core/cost/inventory.ts', 'core/cost/series.ts', 'core/cost/frames.ts', 'core/cost/default-pricebook.ts'].map((f) => ctx.importTs(f)),
  );
  const prom = matrix;
  const cost = { ...inv, ...series, ...fr, ...pb };
  const t0 = Date.UTC(2026, 0, 1) / 1000;
  const bodies = synthesiseChunks(t0);
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  const book = cost.defaultPriceBook();
  const mix = { reserved_1y: 0.5, spot: 0.2 };

  let parsed;
  const parseMs = await ctx.timeMedian(() => {
    parsed = bodies.map((b) => JSON.parse(b));
  }, { runs: 5, warmup: 1 });

  let frames;
  let result;
  const process = () => {
    const { inventory } = cost.inventoryFromSeries(prom.chunksToSeries(parsed.map((p) => p.data.result)));
    result = cost.costSeries(inventory, book, mix);
    frames = cost.costFrames(result, 'component', 'A');
  };
  const processMs = await ctx.timeMedian(process, { runs: 9, warmup: 2 });
  const totalMs = await ctx.timeMedian(() => {
    parsed = bodies.map((b) => JSON.parse(b));
    process();
  }, { runs: 5, warmup: 1 });

  if (result.series.length !== SERIES || result.warnings.some((w) => !/not sold as spot/.test(w.message))) {
    throw new Error(`expected ${SERIES} priced series, got ${result.series.length}: ${JSON.stringify(result.warnings)}`);
  }
  if (frames.length !== 3 || frames[0].fields[0].values.length !== POINTS) {
    throw new Error(`expected 3 component frames of ${POINTS} points, got ${frames.length} × ${frames[0]?.fields[0].values.length}`);
  }
  const size = `${SERIES} series × ${POINTS.toLocaleString('en-US')} pts`;
  return [
    { case: 'cost-frames', metric: `processing, ${size}`, value: processMs, unit: 'ms', note: `target <= 100 ms; median of 9; 4 chunks → typed series → costSeries (mix) → 3 frames` },
    { case: 'cost-frames', metric: 'JSON.parse of the 4 chunk bodies', value: parseMs, unit: 'ms', note: `${(bytes / 1e6).toFixed(1)} MB of Prometheus JSON; median of 5` },
    { case: 'cost-frames', metric: 'parse + processing', value: totalMs, unit: 'ms', note: 'median of 5' },
    { case: 'cost-frames', metric: '30-day cost of the fleet (mix)', value: Math.round(result.total.cost), unit: 'USD', note: 'sanity: integrated, 50% reserved 1y + 20% spot' },
  ];
}
