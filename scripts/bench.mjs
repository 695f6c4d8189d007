// npm run bench: runs every bench/cases/*.mjs (or the ones named on the command line), prints
// one table and writes bench/results/latest.json. A case default-exports
// `async function run(ctx)` returning rows { case, metric, value, unit, note? }.
// ctx.importTs(path) imports a TypeScript module of the repository (through tsx).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const casesDir = path.join(root, 'bench', 'cases');
const only = process.argv.slice(2);

const ctx = {
  root,
  importTs: (file) => tsImport(pathToFileURL(path.resolve(root, file)).href, import.meta.url),
  /** Median of `runs` timings of fn (after `warmup` untimed calls), in milliseconds. */
  async timeMedian(fn, { runs = 15, warmup = 3 } = {}) {
    for (let i = 0; i < warmup; i++) await fn();
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  },
};

function format(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3);
}

async function main() {
  const files = fs
    .readdirSync(casesDir)
    .filter((f) => f.endsWith('.mjs'))
    .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
    .sort();
  const rows = [];
  let failures = 0;
  for (const file of files) {
    const started = performance.now();
    try {
      const mod = await import(pathToFileURL(path.join(casesDir, file)).href);
      rows.push(...(await mod.default(ctx)));
    } catch (error) {
      failures++;
      rows.push({ case: file, metric: 'error', value: error instanceof Error ? error.message : String(error), unit: '' });
    }
    process.stderr.write(`bench: ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const header = ['case', 'metric', 'value', 'unit', 'note'];
  const table = rows.map((r) => [r.case, r.metric, format(r.value), r.unit ?? '', r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  const outDir = path.join(root, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, rows };
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote bench/results/latest.json (${rows.length} rows).`);
  process.exitCode = failures ? 1 : 0;
}

main();
