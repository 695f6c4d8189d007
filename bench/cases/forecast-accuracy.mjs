// Forecast accuracy (protocol of ../shared/README.md) and speed: Headroom's forecaster against
// seasonal naive, predict_linear and augurs' MSTL (WASM), MASE per series and geometric mean.
import { loadAugursMstl } from '../forecast/augurs.mjs';
import { coldFits } from '../forecast/cold.mjs';
import { loadDemoSeries } from '../forecast/demo.mjs';
import { SHARED_SERIES, calendarPeriods, loadSharedSeries } from '../forecast/series.mjs';
import { showSpread } from '../forecast/spread.mjs';
import { warmRefits } from '../forecast/warm.mjs';

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

  // speed: one forecast from 10,000 points a day ahead, cold (the first fit in a fresh process)
  // and warm (a refit after one new point in a process that has fitted before, nothing carried
  // over: bench/forecast/warm.mjs), Headroom and augurs' MSTL taking turns in the same run
  const taxi = series.find((s) => s.name === 'nyc_taxi');
  const N = 10_000;
  const tail = (a) => a.subarray(a.length - N);
  const cold = await coldFits(ctx.root, { t: tail(taxi.t), y: tail(taxi.y), h: 48, periods: [48, 336] }, { withAugurs: !augurs.error, runs: 7 });
  const headroomFit = (s, h) => (from, to) => {
    const r = fc.forecast(s.t.subarray(from, to), s.y.subarray(from, to), { horizon: h });
    if (!r.ok) throw new Error(r.message);
  };
  const augursFit = (s, periods, h) => (from, to) => augurs.forecast(s.y.subarray(from, to), periods, h, 0.95);
  const syn = synthetic5min(N + 20);
  const warm = {
    headroom: warmRefits(taxi.y, N, headroomFit(taxi, 48)),
    augurs: augurs.error ? { error: augurs.error } : warmRefits(taxi.y, N, augursFit(taxi, [48, 336], 48), { runs: 5, warmup: 1 }),
  };
  const goals = { cold: 100, warm: 50 };
  const what = { cold: 'first fit in a fresh process', warm: 'refit after one new point, JIT warm, nothing carried over' };
  for (const kind of ['cold', 'warm']) {
    const got = kind === 'cold' ? cold : warm;
    for (const who of ['headroom', 'augurs']) {
      const r = got[who];
      if (!r) continue;
      const metric = `${who === 'headroom' ? 'headroom' : 'augurs-mstl'} 10k pts (30 min) h=48, ${kind}`;
      if (r.error) {
        rows.push({ case: 'forecast-speed', metric, value: 'failed', unit: '', note: r.error });
        continue;
      }
      const goal = who === 'headroom' ? `goal <= ${goals[kind]} ms: ${r.cpu.median <= goals[kind] ? 'met' : 'NOT met'} in CPU, ${r.wall.median <= goals[kind] ? 'met' : 'not met'} in wall; ` : '';
      const runs = kind === 'cold' ? 7 : r.runs;
      rows.push({ case: 'forecast-speed', metric: `${metric} (CPU)`, value: r.cpu.median, unit: 'ms', note: `${goal}median (min-max) of ${runs}: ${showSpread(r.cpu)}; ${what[kind]}${kind === 'cold' ? ', compiler threads included' : ''}` });
      rows.push({ case: 'forecast-speed', metric: `${metric} (wall)`, value: r.wall.median, unit: 'ms', note: `median (min-max) of ${runs}: ${showSpread(r.wall)}` });
    }
    if (got.augurs && !got.augurs.error && !got.headroom.error) {
      const ratio = (k) => got.headroom[k].median / got.augurs[k].median;
      rows.push({ case: 'forecast-speed', metric: `headroom / augurs-mstl, ${kind}`, value: ratio('cpu'), unit: 'ratio', note: `of CPU medians; of wall medians ${ratio('wall').toFixed(2)}; fastest/fastest CPU ${(got.headroom.cpu.min / got.augurs.cpu.min).toFixed(2)}` });
    }
  }
  const more = [
    ['headroom 10k pts (5 min) h=288', warmRefits(syn.y, N, headroomFit(syn, 288))],
    ['headroom 10k pts (30 min) h=10000', warmRefits(taxi.y, N, headroomFit(taxi, 10_000))],
  ];
  if (!augurs.error) more.push(['augurs-mstl 10k pts (5 min) h=288', warmRefits(syn.y, N, augursFit(syn, [288, 2016], 288), { runs: 3, warmup: 1 })]);
  for (const [metric, r] of more) {
    rows.push({ case: 'forecast-speed', metric: `${metric}, warm (CPU)`, value: r.cpu.median, unit: 'ms', note: `median (min-max) of ${r.runs}: ${showSpread(r.cpu)}; wall ${showSpread(r.wall)}` });
  }

  // size: what the forecaster adds to a bundle, against augurs' MSTL module
  const size = await bundleSize(ctx.root);
  if (size) rows.push({ case: 'forecast-size', metric: 'headroom core/forecast (esbuild, minified)', value: size.raw / 1024, unit: 'KiB', note: `${(size.gz / 1024).toFixed(1)} KiB gzipped` });
  if (!augurs.error) {
    rows.push({ case: 'forecast-size', metric: `augurs ${augurs.version} mstl (wasm + js glue)`, value: augurs.bytes / 1024, unit: 'KiB', note: `${(augurs.gzBytes / 1024).toFixed(1)} KiB gzipped; needs WASM from the plugin's public path (CSP: wasm-unsafe-eval)` });
  }
  return rows;
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
