// Prints every output of the forecaster, bit for bit, on a fixed set of series and options (the
// shared NAB series and their scoring cuts when ../shared is there, the demo stack's series, and
// seeded synthetic ones), so that a speed-up can be checked to change nothing:
//   npx tsx scripts/forecast-fingerprint.ts /work/main > before.json
//   npx tsx scripts/forecast-fingerprint.ts . > after.json && cmp before.json after.json
// The argument is the repository root whose core/forecast is exercised (default: this one).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Fc = typeof import('../core/forecast/index');
interface Case {
  name: string;
  t: ArrayLike<number>;
  y: ArrayLike<number>;
  options: Record<string, unknown>;
}

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const load = <T>(rel: string, from = root): Promise<T> => import(pathToFileURL(path.join(from, rel)).href) as Promise<T>;
/** This repository's own helpers (the benchmark's PRNG and demo series), whatever root is exercised. */
const own = <T>(rel: string): Promise<T> => load<T>(rel, path.join(__dirname, '..'));
type Rng = () => number;

/** Exact text of a number: hex of its IEEE bits, so NaN, -0 and the last bit all count. */
function bits(v: number): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  return b.getBigUint64(0).toString(16);
}

function exact(_key: string, v: unknown): unknown {
  if (typeof v === 'number') return bits(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as Float64Array, bits);
  return v;
}

/** Seeded 1-minute..1-day series: trend, daily and weekly cycles, noise, spikes, gaps. */
function synthetic(mulberry32: (seed: number) => Rng, seed: number, n: number, step: number, opts: { gaps?: boolean; walk?: boolean } = {}) {
  const rnd = mulberry32(seed);
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  const perDay = 86_400 / step;
  let walk = 0;
  for (let i = 0; i < n; i++) {
    t[i] = 1_700_000_000 + i * step;
    walk += opts.walk ? rnd() - 0.5 : 0;
    const day = Math.sin((2 * Math.PI * i) / perDay);
    const weekend = Math.floor(i / perDay) % 7 >= 5 ? -8 : 0;
    y[i] = 100 + 0.003 * i + 20 * day + weekend + 4 * (rnd() - 0.5) + walk + (rnd() < 0.003 ? 60 : 0);
    if (opts.gaps && rnd() < 0.02) y[i] = NaN;
  }
  return { t, y };
}

async function cases(fc: Fc): Promise<Case[]> {
  const out: Case[] = [];
  const shared = await load<typeof import('../test/shared')>('test/shared.ts');
  const dir = shared.sharedPath('data', 'forecast');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort() : [];
  for (const file of files) {
    const parsed = fc.parseSeriesCsv(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    const g = fc.gridSeries(parsed.t, parsed.values);
    if (!g) throw new Error(`${file}: no grid`);
    // the scoring protocol's cuts at a day and at 6 h, and the benchmark's last 10 000 points
    for (const hp of [undefined, Math.round(21_600 / g.step)]) {
      const s = fc.protocolSetup(g.y.length, g.step, hp);
      for (const o of s.origins) out.push({ name: `${file} cut ${o} h ${s.horizon}`, t: g.t.subarray(0, o), y: g.y.subarray(0, o), options: { horizon: s.horizon } });
    }
    const tail = Math.max(0, g.y.length - 10_000);
    for (const horizon of [48, 288, 10_000]) out.push({ name: `${file} last 10k h ${horizon}`, t: g.t.subarray(tail), y: g.y.subarray(tail), options: { horizon } });
    out.push({ name: `${file} raw level 0.8 growth 0.5`, t: parsed.t, y: parsed.values, options: { horizon: 500, level: 0.8, growthPerYear: 0.5 } });
  }
  try {
    type Demo = { series: { name: string; t: Float64Array; y: Float64Array }[] };
    const { loadDemoSeries } = await own<{ loadDemoSeries: (ctx: unknown) => Promise<Demo> }>('bench/forecast/demo.mjs');
    const demo = await loadDemoSeries({ importTs: (file: string) => load(file) });
    for (const s of demo.series) out.push({ name: `demo ${s.name}`, t: s.t, y: s.y, options: { horizon: 288 } });
  } catch {
    // the demo simulator is optional here, as in the benchmark
  }
  const { mulberry32 } = await own<{ mulberry32: (seed: number) => Rng }>('bench/prng.mjs');
  const sizes = [3, 5, 13, 40, 100, 300, 700, 1500, 4000, 10_000];
  sizes.forEach((n, i) => {
    for (const step of [60, 300, 3600]) {
      const s = synthetic(mulberry32, 1000 + i * 7 + step, n, step, { gaps: i % 2 === 0, walk: i % 3 === 0 });
      out.push({ name: `synthetic n ${n} step ${step}`, ...s, options: { horizon: Math.max(1, Math.round(n / 7)) } });
    }
  });
  const s = synthetic(mulberry32, 7, 3000, 300);
  const variants: Record<string, unknown>[] = [
    { horizon: 1 },
    { horizon: 288, season: 'none' },
    { horizon: 288, season: 3600 },
    { horizon: 288, folds: 1 },
    { horizon: 288, folds: 7, level: 0.5 },
    { horizon: 5000, growthPerYear: 1 },
    { horizon: 288, nonNegative: true },
  ];
  for (const v of variants) out.push({ name: `variant ${JSON.stringify(v)}`, ...s, options: v });
  // unsorted, repeated and non-finite timestamps and values: every branch of the regularisation
  const rnd = mulberry32(99);
  const order = Array.from(s.t.subarray(0, 1200), (_, i) => i).sort(() => rnd() - 0.5);
  const messyT = order.map((i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? s.t[i - 1] : s.t[i] + Math.round(20 * (rnd() - 0.5))));
  const messyY = order.map((i) => (i % 71 === 0 ? Infinity : s.y[i]));
  out.push({ name: 'unsorted, repeated, non-finite', t: messyT, y: messyY, options: { horizon: 100 } });
  const flat = new Float64Array(500).fill(3);
  out.push({ name: 'constant', t: s.t.subarray(0, 500), y: flat, options: { horizon: 10 } });
  return out;
}

async function main() {
  const fc = await load<Fc>('core/forecast/index.ts');
  const lines: string[] = [];
  for (const c of await cases(fc)) lines.push(JSON.stringify({ name: c.name, result: fc.forecast(c.t, c.y, c.options as never) }, exact));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`forecast-fingerprint: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
