// Resource figures of the data tier: start time (fresh, then with the data folders kept), and RSS,
// PSS and CPU of every process of the tier (each server with all its children) at rest: no
// workload, each exporter scraped every 15 s as the stack's Prometheus would; then the CPU of the
// tier and of the workload's client tools (pgbench, mariadb, redis-benchmark) during a 30 s workload.
//
//   HEADROOM_STATE_DIR=... [ports] node_modules/.bin/tsx stack/datatier/measure.ts [seconds at rest, default 60]
//
// Uses its own folder under the state folder (datatier-measure/) and removes it at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../config';
import { httpGet } from '../procs';
import { snapshot as usageSnapshot, TICKS_PER_SECOND } from '../usage';
import { TIER_STOP_ORDER } from './config';
import { runWorkload, startDataTier, stopDataTier } from './index';

const TICK = TICKS_PER_SECOND;
const snapshot = (stateDir: string) => usageSnapshot(stateDir, (name) => TIER_STOP_ORDER.includes(name));

/** CPU ticks of our own finished (waited-for) children: the workload's client tools. */
function childTicks(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[13]) + Number(f[14]);
}

async function main(): Promise<void> {
  const rest = Number(process.argv[2] ?? 60);
  const stateDir = path.join(loadConfig().stateDir, 'datatier-measure');
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.mkdirSync(stateDir, { recursive: true });
  try {
    const fresh = await startDataTier({ stateDir });
    await stopDataTier(stateDir);
    const kept = await startDataTier({ stateDir });
    console.log(`start to healthy: fresh ${(fresh.startMs / 1000).toFixed(1)} s, data folders kept ${(kept.startMs / 1000).toFixed(1)} s`);
    await new Promise((r) => setTimeout(r, 10000)); // past the start-up work
    const scrapeAll = () => Promise.all(kept.exporters.map((e) => httpGet(e.url, 10000).catch(() => null)));
    await scrapeAll();
    const a = snapshot(stateDir);
    const t0 = Date.now();
    const scraper = setInterval(() => void scrapeAll(), 15000);
    await new Promise((r) => setTimeout(r, rest * 1000));
    clearInterval(scraper);
    const b = snapshot(stateDir);
    const secs = (Date.now() - t0) / 1000;
    let rss = 0;
    let pss = 0;
    let cores = 0;
    console.log('process (with children)        procs   RSS MiB   PSS MiB   CPU cores');
    for (const [name, s] of b) {
      const c = (s.ticks - (a.get(name)?.ticks ?? s.ticks)) / TICK / secs;
      rss += s.rss;
      pss += s.pss;
      cores += c;
      console.log(`${name.padEnd(30)} ${String(s.pids.length).padStart(5)} ${(s.rss / 1024).toFixed(1).padStart(9)} ${(s.pss / 1024).toFixed(1).padStart(9)} ${c.toFixed(3).padStart(11)}`);
    }
    console.log(`${'whole tier'.padEnd(36)} ${(rss / 1024).toFixed(1).padStart(9)} ${(pss / 1024).toFixed(1).padStart(9)} ${cores.toFixed(3).padStart(11)}   (over ${secs.toFixed(0)} s at rest, scraped every 15 s)`);
    const c = snapshot(stateDir);
    const clients0 = childTicks();
    const t1 = Date.now();
    await runWorkload(kept, { seconds: 30 });
    const w = (Date.now() - t1) / 1000;
    const d = snapshot(stateDir);
    const tierCores = [...d].reduce((a, [name, x]) => a + (x.ticks - (c.get(name)?.ticks ?? x.ticks)), 0) / TICK / w;
    console.log(`under the workload (${w.toFixed(0)} s): tier ${tierCores.toFixed(3)} core, client tools ${((childTicks() - clients0) / TICK / w).toFixed(3)} core`);
  } finally {
    await stopDataTier(stateDir);
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`headroom datatier: ${e.message}`);
  process.exit(1);
});
