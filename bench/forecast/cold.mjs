// Cold fits for the forecast benchmark: the first forecast in a fresh Node process (nothing
// compiled or cached yet, as when a panel first renders or `headroom forecast` runs once), for
// Headroom's forecaster (bundled by esbuild, as the plugins ship it) and for augurs' MSTL. The
// module is loaded before the clock starts; only the fit is timed. Everything lives in a
// temporary folder removed afterwards.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spread } from './spread.mjs';

const CHILD = `
import fs from 'node:fs';
const [, , modUrl, dataFile, kind] = process.argv;
const { t, y, h, periods } = JSON.parse(fs.readFileSync(dataFile, 'utf8'));
const mod = await import(modUrl);
const fit = kind === 'augurs'
  ? await (async () => { const a = await mod.loadAugursMstl(); if (a.error) throw new Error(a.error); return () => a.forecast(y, periods, h, 0.95); })()
  : () => { const r = mod.forecast(Float64Array.from(t), Float64Array.from(y), { horizon: h }); if (!r.ok) throw new Error(r.message); };
const c0 = process.cpuUsage();
const t0 = performance.now();
fit();
const wall = performance.now() - t0;
const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000 }));
`;

/**
 * Wall-clock and CPU ms of the first fit in `runs` fresh processes, per kind ('headroom' or
 * 'augurs'), the two kinds taking turns so that both see the same load. Returns { headroom: { wall,
 * cpu } each { median, min, max }, augurs?: the same | { error } }.
 */
export async function coldFits(root, series, { runs = 7, withAugurs = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cold-'));
  try {
    const esbuild = await import('esbuild');
    const bundle = path.join(dir, 'forecast.mjs');
    await esbuild.build({ entryPoints: [path.join(root, 'core/forecast/index.ts')], bundle: true, format: 'esm', outfile: bundle, logLevel: 'silent' });
    const data = path.join(dir, 'series.json');
    fs.writeFileSync(data, JSON.stringify({ t: Array.from(series.t), y: Array.from(series.y), h: series.h, periods: series.periods }));
    const child = path.join(dir, 'child.mjs');
    fs.writeFileSync(child, CHILD);
    const mods = { headroom: pathToFileURL(bundle).href };
    if (withAugurs) mods.augurs = pathToFileURL(path.join(root, 'bench/forecast/augurs.mjs')).href;
    const got = Object.fromEntries(Object.keys(mods).map((kind) => [kind, []]));
    const failed = {};
    for (let i = 0; i < runs; i++) {
      for (const [kind, url] of Object.entries(mods)) {
        if (failed[kind]) continue;
        try {
          got[kind].push(JSON.parse(execFileSync(process.execPath, [child, url, data, kind], { encoding: 'utf8', timeout: 60_000 })));
        } catch (error) {
          failed[kind] = error instanceof Error ? error.message.split('\n')[0] : String(error);
        }
      }
    }
    const out = {};
    for (const kind of Object.keys(mods)) {
      out[kind] = failed[kind] ? { error: failed[kind] } : { wall: spread(got[kind].map((g) => g.wall)), cpu: spread(got[kind].map((g) => g.cpu)) };
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
