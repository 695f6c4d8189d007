// Scores the forecaster on a folder of real series kept outside the repository (e.g. NAB's data/,
// MIT), with the shared protocol (../shared/README.md) at 1 d and at 6 h, beside seasonal naive and
// predict_linear, and prints per series: MASE, its ratio to the better baseline, the share of points
// the outlier cleaning replaces; then the geometric means and the worst ratios.
//   npx tsx scripts/forecast-accuracy.ts [--root /work/main] [--json out.json] /tmp/nab/real*
// --root picks the repository whose core/forecast is scored (default: this one), to compare two.
// Every *.csv directly inside each folder argument (or a file argument itself) is read as
// `timestamp,value`; a series too short for the protocol is reported and left out of the means.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Fc = typeof import('../core/forecast/index');
type Outliers = typeof import('../core/forecast/outliers');
type Impute = typeof import('../core/forecast/impute');
type Periods = typeof import('../core/forecast/periods');

interface Row {
  series: string;
  horizon: string;
  headroom: number;
  seasonalNaive: number;
  predictLinear: number;
  ratio: number;
  outlierShare: number;
}

function parseArgs(argv: string[]) {
  let root = path.join(__dirname, '..');
  let json: string | null = null;
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = argv[++i];
    else if (argv[i] === '--json') json = argv[++i];
    else inputs.push(argv[i]);
  }
  if (inputs.length === 0) throw new Error('usage: forecast-accuracy.ts [--root DIR] [--json FILE] FOLDER_OR_CSV...');
  return { root: path.resolve(root), json, inputs };
}

function csvFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    if (!fs.existsSync(p)) throw new Error(`${p}: no such file or folder`);
    if (fs.statSync(p).isDirectory()) {
      for (const f of fs.readdirSync(p).filter((f) => f.endsWith('.csv')).sort()) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

function geo(v: number[]): number {
  const ok = v.filter((x) => x > 0 && Number.isFinite(x));
  return ok.length ? Math.exp(ok.reduce((s, x) => s + Math.log(x), 0) / ok.length) : NaN;
}

async function main() {
  const { root, json, inputs } = parseArgs(process.argv.slice(2));
  const load = <T>(rel: string) => import(pathToFileURL(path.join(root, rel)).href) as Promise<T>;
  const fc = await load<Fc>('core/forecast/index.ts');
  const { replaceOutliers } = await load<Outliers>('core/forecast/outliers.ts');
  const { impute } = await load<Impute>('core/forecast/impute.ts');
  const { resolvePeriods } = await load<Periods>('core/forecast/periods.ts');
  const headroom = (train: Float64Array, trainT: Float64Array, h: number) => {
    const r = fc.forecast(trainT, train, { horizon: h });
    if (!r.ok) throw new Error(r.message);
    return r.mean;
  };
  const rows: Row[] = [];
  for (const file of csvFiles(inputs)) {
    const name = `${path.basename(path.dirname(file))}/${path.basename(file, '.csv')}`;
    const parsed = fc.parseSeriesCsv(fs.readFileSync(file, 'utf8'));
    const g = parsed.ok ? fc.gridSeries(parsed.t, parsed.values) : null;
    if (!g) {
      process.stderr.write(`${name}: left out (${parsed.ok ? 'no regular grid' : parsed.message})\n`);
      continue;
    }
    const per = resolvePeriods('auto', g.step, g.y.length);
    const periods = 'ok' in per ? [] : per.periods;
    // the outlier share as the forecaster's cleaning sees the whole series (its last fit's input)
    const cleaned = replaceOutliers(impute(g.y, periods[0] ?? 0).values, periods);
    for (const [label, seconds] of [['1d', 86_400], ['6h', 21_600]] as const) {
      const hp = label === '1d' ? undefined : Math.max(1, Math.round(seconds / g.step));
      const score = (f: (train: Float64Array, t: Float64Array, h: number, m: number) => Float64Array) => fc.scoreSeries(g.t, g.y, g.step, f, hp).mase;
      const row: Row = {
        series: name,
        horizon: label,
        headroom: score(headroom),
        seasonalNaive: score((train, _t, h, m) => fc.seasonalNaive(train, m, h)),
        predictLinear: score((train, _t, h, m) => fc.predictLinear(train, m, h)),
        ratio: NaN,
        outlierShare: cleaned.replaced / g.y.length,
      };
      row.ratio = row.headroom / Math.min(row.seasonalNaive, row.predictLinear);
      rows.push(row);
      const f = (v: number) => v.toFixed(3);
      process.stdout.write(`${name.padEnd(52)} ${label} headroom ${f(row.headroom)} snaive ${f(row.seasonalNaive)} linear ${f(row.predictLinear)} ratio ${f(row.ratio)} outliers ${(100 * row.outlierShare).toFixed(2)}%\n`);
    }
  }
  for (const label of ['1d', '6h']) {
    const at = rows.filter((r) => r.horizon === label && Number.isFinite(r.ratio));
    const worst = [...at].sort((a, b) => b.ratio - a.ratio).slice(0, 5);
    process.stdout.write(
      `\n${label}: ${at.length} series; geometric mean MASE headroom ${geo(at.map((r) => r.headroom)).toFixed(4)}, ` +
        `seasonal naive ${geo(at.map((r) => r.seasonalNaive)).toFixed(4)}, predict_linear ${geo(at.map((r) => r.predictLinear)).toFixed(4)}, ` +
        `best baseline per series ${geo(at.map((r) => Math.min(r.seasonalNaive, r.predictLinear))).toFixed(4)}; ` +
        `over 1.5x: ${at.filter((r) => r.ratio > 1.5).length}; worst ratios ${worst.map((r) => `${r.series} ${r.ratio.toFixed(2)}`).join(', ')}\n`,
    );
  }
  const shares = rows.filter((r) => r.horizon === '1d').map((r) => r.outlierShare);
  if (shares.length) process.stdout.write(`outlier share: max ${(100 * Math.max(...shares)).toFixed(2)} %, series over 5 %: ${shares.filter((s) => s > 0.05).length}\n`);
  if (json) fs.writeFileSync(json, `${JSON.stringify(rows, null, 1)}\n`);
}

main().catch((error) => {
  process.stderr.write(`forecast-accuracy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
