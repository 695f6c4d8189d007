// Forecast accuracy (protocol of ../shared/README.md) and speed: Headroom's forecaster against
// seasonal naive, predict_linear and augurs' MSTL (WASM), MASE per series and geometric mean.
import { loadAugursMstl } from '../forecast/augurs.mjs';
import { coldFits } from '../forecast/cold.mjs';
import { loadDemoSeries } from '../forecast/demo.mjs';
import { SHARED_SERIES, calendarPeriods, loadSharedSeries } from '../forecast/series.mjs';

export default async function run(ctx) {
  const shared = await ctx.importTs('test/shared.ts');
  const files = SHARED_SERIES.map((file) => ['data', 'forecast', file]);
  const missing = files.find((parts) => !shared.sharedHas(parts));
  if (missing) {
    const what = 'forecast accuracy and speed on the NAB series';
    process.stderr.write(`bench: ${shared.sharedSkipLine(what, missing)}\n`);
    return [{ case: 'forecast-accuracy', metric: 'NAB series', value: 'skipped', unit: '', note: `needs ../shared/${missing.join('/')} (CI has it)` }];
  }
  const fc = await ctx.importTs('core/forecast/index.ts');
  const augurs = await loadAugursMstl();
  const series = loadSharedSeries(shared, fc);
  const methods = {
    headroom: (train, trainT, h) => {
      const r = fc.forecast(trainT, train, { horizon: h });
      if (!r.ok) throw new Error(r.message);
      return r.mean;
    },
    'seasonal-naive': (train, _t, h, m) => fc.seasonalNaive(train, m, h),
    predict_linear: (train, _t, h, m) => fc.predictLinear(train, m, h),
  };
  if (!augurs.error) {
    methods['augurs-mstl'] = (train, trainT, h) => {
      const step = trainT[1] - trainT[0];
      return augurs.forecast(train, calendarPeriods(step, train.length), h).point;
    };
  }
  const demo = await loadDemoSeries(ctx);
  const rows = [];
  const scores = Object.fromEntries(Object.keys(methods).map((k) => [k, []]));
  const demoScores = Object.fromEntries(Object.keys(methods).map((k) => [k, []]));
  for (const s of [...series, ...demo.series]) {
    const isDemo = demo.series.includes(s);
    for (const [name, f] of Object.entries(methods)) {
      const r = fc.scoreSeries(s.t, s.y, s.step, f);
      (isDemo ? demoScores : scores)[name].push(r.mase);
      rows.push({ case: 'forecast-accuracy', metric: `MASE ${s.name} ${name}`, value: r.mase, unit: '', note: `origins ${r.perOrigin.map((v) => v.toFixed(3)).join(' ')}` });
    }
  }
  const geo = {};
  for (const [name, v] of Object.entries(scores)) {
    geo[name] = geometricMean(v);
    rows.push({ case: 'forecast-accuracy', metric: `MASE geomean ${name}`, value: geo[name], unit: '', note: 'the three shared series' });
  }
  if (demo.series.length > 0) {
    for (const [name, v] of Object.entries(demoScores)) {
      rows.push({ case: 'forecast-accuracy', metric: `MASE geomean+demo ${name}`, value: geometricMean([...scores[name], ...v]), unit: '', note: 'shared and demo series' });
    }
  } else {
    rows.push({ case: 'forecast-accuracy', metric: 'demo series', value: 'skipped', unit: '', note: demo.error ?? '' });
  }
  const best = Object.entries(geo).sort((a, b) => a[1] - b[1])[0][0];
  rows.push({
    case: 'forecast-accuracy',
    metric: 'headroom / seasonal-naive',
    value: geo.headroom / geo['seasonal-naive'],
    unit: 'ratio',
    note: `target ≤ 0.8; best in table: ${best}`,
  });
  if (augurs.error) rows.push({ case: 'forecast-accuracy', metric: 'augurs-mstl', value: 'not loaded', unit: '', note: augurs.error });

  // speed: one forecast from 10,000 points (taxi's last 10,000, 30 min, a day ahead), and from a
  // 10,000-point 5-minute series (35 days) a day ahead, and 10,000 points ahead
  const taxi = series.find((s) => s.name === 'nyc_taxi');
  const t10 = taxi.t.subarray(taxi.t.length - 10_000);
  const y10 = taxi.y.subarray(taxi.y.length - 10_000);
  const syn = synthetic5min(10_000);
  const timings = [
    ['headroom 10k pts (30 min) h=48', () => fc.forecast(t10, y10, { horizon: 48 })],
    ['headroom 10k pts (5 min) h=288', () => fc.forecast(syn.t, syn.y, { horizon: 288 })],
    ['headroom 10k pts (30 min) h=10000', () => fc.forecast(t10, y10, { horizon: 10_000 })],
  ];
  const cold = await coldFits(ctx.root, { t: t10, y: y10, h: 48, periods: [48, 336] }, { withAugurs: !augurs.error });
  for (const [who, r] of Object.entries(cold)) {
    const metric = `${who === 'headroom' ? 'headroom' : 'augurs-mstl'} 10k pts (30 min) h=48, cold`;
    if (r.error) rows.push({ case: 'forecast-speed', metric, value: 'failed', unit: '', note: r.error });
    else rows.push({ case: 'forecast-speed', metric, value: r.wall, unit: 'ms', note: `${who === 'headroom' ? 'target <= 100 ms; ' : ''}first fit in a fresh process, median of 5 (${r.wallMin.toFixed(0)}-${r.wallMax.toFixed(0)}); CPU ${r.cpu.toFixed(0)} ms (${r.cpuMin.toFixed(0)}-${r.cpuMax.toFixed(0)}, compiler threads included)` });
  }
  for (const [metric, fn] of timings) {
    const { wall, cpu, wallRange, cpuRange } = await timeBoth(ctx, fn, 11, 3);
    rows.push({ case: 'forecast-speed', metric: `${metric}, warm`, value: wall, unit: 'ms', note: `target <= 50 ms; wall-clock median of 11 after 3 warm-up fits (${wallRange})` });
    rows.push({ case: 'forecast-speed', metric: `${metric}, warm (CPU)`, value: cpu, unit: 'ms', note: `process CPU time, median of 11 (${cpuRange}; steadier on a busy machine)` });
  }
  if (!augurs.error) {
    const aug = [
      ['augurs-mstl 10k pts (30 min) h=48', () => augurs.forecast(y10, [48, 336], 48, 0.95)],
      ['augurs-mstl 10k pts (5 min) h=288', () => augurs.forecast(syn.y, [288, 2016], 288, 0.95)],
    ];
    for (const [metric, fn] of aug) {
      const { wall, cpu, wallRange, cpuRange } = await timeBoth(ctx, fn, 3, 1);
      rows.push({ case: 'forecast-speed', metric, value: wall, unit: 'ms', note: `wall-clock median of 3 (${wallRange}); CPU ${cpu.toFixed(0)} ms (${cpuRange})` });
    }
  }

  // size: what the forecaster adds to a bundle, against augurs' MSTL module
  const size = await bundleSize(ctx.root);
  if (size) rows.push({ case: 'forecast-size', metric: 'headroom core/forecast (esbuild, minified)', value: size.raw / 1024, unit: 'KiB', note: `${(size.gz / 1024).toFixed(1)} KiB gzipped` });
  if (!augurs.error) {
    rows.push({ case: 'forecast-size', metric: `augurs ${augurs.version} mstl (wasm + js glue)`, value: augurs.bytes / 1024, unit: 'KiB', note: `${(augurs.gzBytes / 1024).toFixed(1)} KiB gzipped; needs WASM from the plugin's public path (CSP: wasm-unsafe-eval)` });
  }
  return rows;
}

/** Median wall-clock and CPU ms of `runs` timed calls after `warmup`, each with its min-max range as text. */
async function timeBoth(ctx, fn, runs, warmup) {
  const cpus = [];
  const walls = [];
  const wall = await ctx.timeMedian(
    () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      walls.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
    },
    { runs, warmup },
  );
  const timed = (v) => v.slice(warmup).sort((a, b) => a - b);
  const range = (v) => `${timed(v)[0].toFixed(1)}-${timed(v)[runs - 1].toFixed(1)}`;
  const cpu = timed(cpus)[Math.floor(runs / 2)];
  return { wall, cpu, wallRange: range(walls), cpuRange: range(cpus) };
}

async function bundleSize(root) {
  try {
    const esbuild = await import('esbuild');
    const zlib = await import('node:zlib');
    const out = await esbuild.build({
      entryPoints: [`${root}/core/forecast/index.ts`],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0].contents;
    return { raw: code.length, gz: zlib.gzipSync(code).length };
  } catch {
    return null;
  }
}

function geometricMean(v) {
  if (v.length === 0 || v.some((x) => !(x > 0))) return NaN;
  return Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}

/** Deterministic 5-minute series: daily and weekly cycles, trend, noise, a few spikes. */
function synthetic5min(n) {
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    t[i] = 1_700_000_000 + i * 300;
    const day = (2 * Math.PI * i) / 288;
    const week = (2 * Math.PI * i) / 2016;
    y[i] = 50 + 0.002 * i + 10 * Math.sin(day) + 4 * Math.sin(week) + 3 * (rnd() - 0.5) + (rnd() < 0.002 ? 40 : 0);
  }
  return { t, y };
}
