// `headroom quantile` on large expositions (10 000 and 100 000 classic histogram series, about
// 18 and 180 MB), run as the built command is (the CLI bundled by esbuild as `npm run build`
// does, in its own node process, rows written to /dev/null), next to the floor of any reader in
// the same run: a node process that reads the whole file and splits it into lines. Runs alternate
// (floor, command); each row is the median of the runs with the spread (min-max) in the note.
// Targets (issue 23): at most 200 MB of memory (max RSS) at any size, at least 25 MB/s.
// Check: the command prints 4 rows a series (the default quantiles) and exits 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { writeExposition } from '../quantile/exposition.mjs';

const SIZES = [
  { series: 10_000, runs: 5 },
  { series: 100_000, runs: 3 },
];

// Each child reports its own CPU time (user + system), wall time and max RSS on stderr's last line.
const REPORT = `const report = (t0, c0) => { const c = process.cpuUsage(c0); process.stderr.write('\\n' + JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0, rssMB: process.resourceUsage().maxRSS / 1024 })); };`;
const COMMAND = `${REPORT} const t0 = performance.now(), c0 = process.cpuUsage(); require(process.argv[1]).main(['quantile', '--input', process.argv[2]]).then((code) => { process.exitCode = code; report(t0, c0); });`;
const FLOOR = `${REPORT} const t0 = performance.now(), c0 = process.cpuUsage(); const n = require('node:fs').readFileSync(process.argv[2], 'utf8').split('\\n').length; if (n < 2) process.exitCode = 1; report(t0, c0);`;

function child(script, bundle, file) {
  const r = spawnSync(process.execPath, ['-e', script, bundle, file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr.slice(-400)}`);
  return JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('\n') + 1));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const spread = (xs, digits) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;

export default async function run({ root }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-quantile-'));
  try {
    const bundle = path.join(dir, 'cli.cjs');
    await build({ entryPoints: [path.join(root, 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'warning' });
    // The rows go to /dev/null; their number is checked once through a pipe.
    const rows = [];
    for (const { series, runs } of SIZES) {
      const file = path.join(dir, `${series}.prom`);
      const bytes = writeExposition(file, series);
      const check = spawnSync(process.execPath, [bundle, 'quantile', '--input', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const printed = check.stdout.split('\n').filter(Boolean).length;
      if (check.status !== 0 || printed !== 4 * series) throw new Error(`quantile printed ${printed} rows (exit ${check.status}), expected ${4 * series}`);
      const floor = [];
      const cmd = [];
      for (let i = 0; i < runs; i++) {
        floor.push(child(FLOOR, bundle, file));
        cmd.push(child(COMMAND, bundle, file));
      }
      const mb = bytes / 1e6;
      const name = `quantile ${series / 1000}k series (${mb.toFixed(0)} MB)`;
      const cpuRatio = cmd.map((c, i) => c.cpuMs / floor[i].cpuMs);
      const mbps = cmd.map((c) => mb / (c.cpuMs / 1000));
      const wallMbps = cmd.map((c) => mb / (c.wallMs / 1000));
      rows.push(
        { case: name, metric: 'headroom quantile CPU', value: median(cmd.map((c) => c.cpuMs)), unit: 'ms', note: `${runs} runs, ${spread(cmd.map((c) => c.cpuMs), 0)}` },
        { case: name, metric: 'throughput (CPU time)', value: median(mbps), unit: 'MB/s', note: `${spread(mbps, 1)}; target >= 25` },
        { case: name, metric: 'throughput (wall time)', value: median(wallMbps), unit: 'MB/s', note: `${spread(wallMbps, 1)}; a shared machine's load shows here` },
        { case: name, metric: 'headroom quantile max RSS', value: median(cmd.map((c) => c.rssMB)), unit: 'MB', note: `${spread(cmd.map((c) => c.rssMB), 0)}; target <= 200` },
        { case: name, metric: 'floor: read whole file + split, CPU', value: median(floor.map((c) => c.cpuMs)), unit: 'ms', note: spread(floor.map((c) => c.cpuMs), 0) },
        { case: name, metric: 'floor max RSS', value: median(floor.map((c) => c.rssMB)), unit: 'MB', note: spread(floor.map((c) => c.rssMB), 0) },
        { case: name, metric: 'ratio command / floor (CPU)', value: median(cpuRatio), unit: 'x', note: `${spread(cpuRatio, 2)}, run by run` },
      );
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
