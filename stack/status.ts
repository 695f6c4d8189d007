// `status`: which processes of the stack run and answer, and the incidents within 6 h of now.
import { loadConfig, url } from './config';
import { probe, SERVICES } from './probes';
import { isOurs, readRecords } from './procs';
import { CLI, say } from './say';
import { FORECAST_SERVICE, forecastStatus } from './forecast';
import { INCIDENTS, schedule } from './simulator/incidents';
import { tierAnswers, TIER_STATUS } from './datatier/status';
import { LIVE_SERVICE, liveUrls } from './live/autoscaler';
import { LIVE_PARTS } from './live/stack';

export async function status(): Promise<number> {
  const cfg = loadConfig();
  const records = new Map(readRecords(cfg.stateDir).map((r) => [r.name, r]));
  let up = 0;
  for (const s of SERVICES) {
    const r = records.get(s);
    const running = !!r && isOurs(r);
    const healthy = running && (await probe(cfg, s)().catch(() => false));
    if (healthy) up++;
    console.log(`  ${s.padEnd(13)} ${running ? `pid ${r!.pid}` : 'not running'.padEnd(9)}  ${healthy ? 'healthy' : running ? 'NOT HEALTHY' : ''}  ${url(cfg, s)}`);
  }
  const fc = records.get(FORECAST_SERVICE);
  console.log(await forecastStatus(fc && isOurs(fc) ? fc : null));
  let tierUp = 0;
  const tierRunning = TIER_STATUS.filter((t) => records.has(t.name)).length;
  for (const t of TIER_STATUS) {
    const r = records.get(t.name);
    const running = !!r && isOurs(r);
    const answers = running && (await tierAnswers(t, cfg.env));
    if (answers) tierUp++;
    console.log(`  ${t.name.padEnd(24)} ${running ? `pid ${r!.pid}` : 'not running'.padEnd(9)}  ${answers ? 'answers' : running ? 'DOES NOT ANSWER' : ''}  ${t.where(cfg.env)}`);
  }
  for (const name of LIVE_PARTS) {
    const r = records.get(name);
    const running = !!r && isOurs(r);
    console.log(`  ${name.padEnd(24)} ${running ? `pid ${r!.pid}` : 'not running'}${name === LIVE_SERVICE && running ? `  ${liveUrls(cfg.env).status}` : ''}`);
  }
  const cli = records.get('cli');
  if (cli && isOurs(cli)) console.log(`  start         pid ${cli.pid} (foreground start or start in progress)`);
  const keeper = records.get('keeper');
  if (keeper && isOurs(keeper)) console.log(`  keeper        pid ${keeper.pid} (ends the stack if that start is killed)`);
  const now = Math.floor(Date.now() / 1000);
  const nearby = schedule(cfg.seed, now - 6 * 3600, now + 6 * 3600).filter((o) => INCIDENTS.some((i) => i.kind === o.kind));
  console.log(`  incidents (seed ${cfg.seed}) within 6 h of now:`);
  for (const o of nearby) {
    const when = o.start <= now ? `${Math.round((now - o.start) / 60)} min ago` : `in ${Math.round((o.start - now) / 60)} min`;
    console.log(`    ${new Date(o.start * 1000).toISOString().slice(11, 16)} UTC  ${o.kind.padEnd(18)} ${when}`);
  }
  const all = SERVICES.length + TIER_STATUS.length;
  const healthy = up + tierUp;
  say(healthy === all ? `running (state ${cfg.stateDir}).` : healthy === 0 && tierRunning === 0 ? `not running (state ${cfg.stateDir}).` : `partly running (${healthy}/${all} healthy); \`${CLI} stop\` then start again.`);
  return healthy === all ? 0 : 1;
}
