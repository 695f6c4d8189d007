// The local demo stack: simulator + Prometheus (30 days of history) + Alertmanager + webhook
// receiver, all on 127.0.0.1, all state in one folder.
//
//   node_modules/.bin/tsx stack/cli.ts start [--detach] [--fresh]   start (foreground: Ctrl-C stops)
//   node_modules/.bin/tsx stack/cli.ts stop [--clean]               stop what a start started
//   node_modules/.bin/tsx stack/cli.ts status                       what runs, and the incident schedule
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abortBackfill, BackfillStats } from './backfill';
import { HOST, loadConfig, REPO_ROOT, ServiceName, StackConfig, StackError, statePaths, url } from './config';
import { writeConfigs } from './configs';
import { HistoryBuilder } from './history';
import { historyRules, ruleHistory, RuleHistoryStats } from './rulehistory';
import { checkPortFree, clearStale, httpGet, isOurs, ProcRecord, readRecords, removeRecord, spawnService, Spawned, stopAll, lastError, waitFor, writeRecord } from './procs';
import { DAY } from './simulator/model';
import { INCIDENTS, schedule } from './simulator/incidents';
import { SCRAPE_LABELS } from './simulator/series';
import { startVictoriaMetrics } from './engines/victoriametrics'; // second engine

const CLI = 'node_modules/.bin/tsx stack/cli.ts';
const USAGE = `usage: ${CLI} start [--detach] [--fresh] | stop [--clean] | status`;
/** Stop order: the supervising start first (so it does not report the others as crashed). */
const STOP_ORDER = ['cli', 'prometheus', 'alertmanager', 'simulator', 'receiver'];
const SERVICES: ServiceName[] = ['prometheus', 'alertmanager', 'simulator', 'receiver'];

const say = (line: string) => console.log(`headroom stack: ${line}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const span = (seconds: number) =>
  seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;

function dirBytes(dir: string): number {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

function alive(cfg: StackConfig): ProcRecord[] {
  return readRecords(cfg.stateDir).filter((r) => r.pid !== process.pid && isOurs(r));
}

/** Probe that says whether a service answers as healthy. */
function probe(cfg: StackConfig, service: ServiceName): () => Promise<boolean> {
  const base = url(cfg, service);
  const endpoint = service === 'prometheus' || service === 'alertmanager' ? '/-/ready' : '/-/healthy';
  return async () => (await httpGet(base + endpoint)).status === 200;
}

/** True once Prometheus has scraped the simulator successfully. */
async function scraped(cfg: StackConfig): Promise<boolean> {
  const q = encodeURIComponent(`up{job="${SCRAPE_LABELS.job}"} == 1`);
  const r = await httpGet(`${url(cfg, 'prometheus')}/api/v1/query?query=${q}`);
  return r.status === 200 && (JSON.parse(r.body) as { data: { result: unknown[] } }).data.result.length > 0;
}

interface StartReport {
  startedAt: string;
  seed: number;
  anchor: number;
  historyDays: number;
  historyReused: boolean;
  backfill: BackfillStats[];
  backfillMs: number;
  ruleHistory: RuleHistoryStats | null;
  tsdbBytes: number;
  healthyMs: number;
  rules: string;
  alertmanagerConfig: string;
}

async function start(args: string[]): Promise<number> {
  const detach = args.includes('--detach');
  const fresh = args.includes('--fresh');
  const unknown = args.filter((a) => a !== '--detach' && a !== '--fresh');
  if (unknown.length) throw new StackError(`unknown option ${unknown[0]}; ${USAGE}`);
  const t0 = Date.now();
  const cfg = loadConfig();
  const alreadyRunning = (list: string) =>
    new StackError(`already running from ${cfg.stateDir} (${list}); stop it with \`${CLI} stop\` first, or set HEADROOM_STATE_DIR (and the ports) for a second stack.`);
  const running = alive(cfg);
  if (running.length > 0) throw alreadyRunning(running.map((r) => `${r.name} pid ${r.pid}`).join(', '));
  clearStale(cfg.stateDir);
  const bins = cfg.bins; // throws the one-line "not found" error
  for (const s of SERVICES) await checkPortFree(cfg.ports[s]);

  const p = statePaths(cfg.stateDir);
  fs.mkdirSync(cfg.stateDir, { recursive: true });
  try {
    // The start's own pid file doubles as a lock against a start running at the same moment.
    writeRecord(cfg.stateDir, { name: 'cli', pid: process.pid, marker: 'cli.ts', startedAt: new Date().toISOString() }, true);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyRunning('another start is under way');
    throw e;
  }

  const spawned: Spawned[] = [];
  let aborting = false;
  let upAndRunning = false;
  const abort = async (code: number) => {
    if (aborting) return;
    aborting = true;
    abortBackfill();
    const { stopped, killed } = await stopAll(cfg.stateDir, STOP_ORDER);
    removeRecord(cfg.stateDir, 'cli');
    if (upAndRunning) say(`stopped ${[...stopped, ...killed].join(', ')}.`);
    process.exit(code);
  };
  const onSignal = () => {
    // Ctrl-C on a running foreground stack is the normal way to stop it; during start-up it aborts.
    say(upAndRunning ? 'stopping ...' : 'interrupted; stopping what was started.');
    void abort(upAndRunning ? 0 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    if (fresh) fs.rmSync(p.tsdbRoot, { recursive: true, force: true });
    const configs = writeConfigs(cfg);
    configs.notes.forEach((n) => say(n));

    const dashRules = cfg.ruleHistoryDays > 0 ? historyRules(configs.ruleFiles, cfg.ruleHistoryDays) : { rules: [], key: undefined };
    const rulesKey = dashRules.rules.length > 0 ? dashRules.key : undefined;
    const history = new HistoryBuilder({ stateDir: cfg.stateDir, seed: cfg.seed, days: cfg.historyDays, promtool: bins.promtool, rulesKey });
    const plan = history.prepare();
    plan.removed.forEach((r) => say(`removed the cached history ${r} (another seed or simulator version).`));
    say(
      plan.reused
        ? `reusing the cached history (seed ${cfg.seed}, from ${new Date(plan.meta.anchor * 1000).toISOString()}); backfilling the ${span(Date.now() / 1000 - plan.from)} since its newest block.`
        : `backfilling ${cfg.historyDays} days of history (seed ${cfg.seed}) into ${path.relative(process.cwd(), plan.tsdbDir) || plan.tsdbDir} ...`,
    );

    // The small services start while the history is being written.
    const node = (script: string, extra: string[]) => [process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...extra]] as const;
    const [simCmd, simArgs] = node('simulator/server.ts', ['--seed', String(cfg.seed), '--anchor', String(plan.meta.anchor), '--port', String(cfg.ports.simulator.port), '--state', cfg.stateDir]);
    spawned.push(spawnService(cfg.stateDir, 'simulator', simCmd, [...simArgs], cfg.stateDir, `${url(cfg, 'simulator')}/metrics`, REPO_ROOT));
    const [rcvCmd, rcvArgs] = node('receiver.ts', ['--port', String(cfg.ports.receiver.port), '--file', p.notifications]);
    spawned.push(spawnService(cfg.stateDir, 'receiver', rcvCmd, [...rcvArgs], cfg.stateDir, `${url(cfg, 'receiver')}/notifications`, REPO_ROOT));
    spawned.push(
      spawnService(
        cfg.stateDir,
        'alertmanager',
        bins.alertmanager,
        [
          `--config.file=${configs.alertmanagerConfig}`,
          `--storage.path=${p.alertmanager}`,
          `--web.listen-address=${HOST}:${cfg.ports.alertmanager.port}`,
          `--web.external-url=${url(cfg, 'alertmanager')}/`,
          '--cluster.listen-address=',
        ],
        cfg.stateDir,
        url(cfg, 'alertmanager'),
        cfg.stateDir,
      ),
    );
    const crashed = () => {
      const dead = spawned.find((s) => s.exited() !== undefined);
      return dead ? `${dead.name} exited during start-up (code ${dead.exited()}): ${lastError(dead.log)} (log: ${dead.log})` : null;
    };

    const tb = Date.now();
    const stats: BackfillStats[] = [];
    const first = await history.extend(plan, plan.from);
    let until = first.until;
    if (first.stats) stats.push(first.stats);
    // The first pass may take a while: write the minute(s) since then too, so the live scrape joins on.
    for (let i = 0; i < 3 && Date.now() / 1000 - until > 30; i++) {
      const next = await history.extend(plan, until);
      until = next.until;
      if (next.stats) stats.push(next.stats);
    }
    const backfillMs = Date.now() - tb;
    const samples = stats.reduce((a, s) => a + s.samples, 0);
    const text = stats.reduce((a, s) => a + s.textBytes, 0);
    say(`history ready in ${secs(backfillMs)}: ${samples.toLocaleString('en')} samples (${mb(text)} of OpenMetrics) backfilled.`);

    const crashedNow = crashed();
    if (crashedNow) throw new StackError(crashedNow);

    // The recording rules the dashboards read (and the rules those read), computed from that
    // history by a Prometheus that only serves it (on the stack's port, before the real one
    // starts; started again for each stage), so that the dashboards show days, not minutes, of
    // rule results. Cached with the history: later starts fill the gap.
    let rh: RuleHistoryStats | null = null;
    if (dashRules.rules.length > 0 && until - plan.from >= 60) {
      const tr = Date.now();
      const tmpConfig = path.join(path.dirname(configs.prometheusConfig), 'prometheus-rule-history.yml');
      fs.writeFileSync(tmpConfig, '# Written by stack/cli.ts start: serves the history for the rule backfill.\nglobal: {}\n');
      const serve = async () => {
        const tmp = spawnService(
          cfg.stateDir,
          'prometheus',
          bins.prometheus,
          [`--config.file=${tmpConfig}`, `--storage.tsdb.path=${plan.tsdbDir}`, '--storage.tsdb.retention.time=45d', `--web.listen-address=${HOST}:${cfg.ports.prometheus.port}`],
          cfg.stateDir,
          url(cfg, 'prometheus'),
          cfg.stateDir,
        );
        const stop = async () => {
          if (tmp.exited() === undefined) process.kill(tmp.pid, 'SIGTERM');
          while (tmp.exited() === undefined) await new Promise((r) => setTimeout(r, 50));
          removeRecord(cfg.stateDir, 'prometheus');
        };
        const tmpCrashed = () => (tmp.exited() !== undefined ? `prometheus (serving the history for the rule backfill) exited (code ${tmp.exited()}): ${lastError(tmp.log)} (log: ${tmp.log})` : null);
        try {
          await waitFor(`${cfg.ports.prometheus.label} for the rule backfill (${url(cfg, 'prometheus')})`, probe(cfg, 'prometheus'), 120000, tmpCrashed);
        } catch (e) {
          await stop();
          throw e;
        }
        return { url: url(cfg, 'prometheus'), stop };
      };
      try {
        rh = await ruleHistory({ rules: dashRules.rules, from: plan.from, to: until, tsdbDir: plan.tsdbDir, workDir: statePaths(cfg.stateDir).work, promtool: bins.promtool, serve });
      } finally {
        fs.rmSync(statePaths(cfg.stateDir).work, { recursive: true, force: true });
      }
      const whole = dashRules.rules.filter((r) => r.days === Infinity).length;
      const wholeText = whole > 0 ? `, ${whole} (the 30-day rules and the rules they read) over the last ${span(until - plan.from)}` : '';
      say(
        `recording-rule history ready in ${secs(Date.now() - tr)}: ${rh.rules - whole} rules the dashboards use over the last ${span(Math.min(until - plan.from, cfg.ruleHistoryDays * DAY))}${wholeText}; ` +
          `${rh.samples.toLocaleString('en')} samples in ${rh.stages} stage${rh.stages === 1 ? '' : 's'}.`,
      );
    }
    const tsdbBytes = dirBytes(plan.tsdbDir);
    spawned.push(
      spawnService(
        cfg.stateDir,
        'prometheus',
        bins.prometheus,
        [
          `--config.file=${configs.prometheusConfig}`,
          `--storage.tsdb.path=${plan.tsdbDir}`,
          '--storage.tsdb.retention.time=45d',
          `--web.listen-address=${HOST}:${cfg.ports.prometheus.port}`,
          `--web.external-url=${url(cfg, 'prometheus')}/`,
          '--web.enable-lifecycle',
        ],
        cfg.stateDir,
        url(cfg, 'prometheus'),
        cfg.stateDir,
      ),
    );
    for (const s of SERVICES) await waitFor(`${cfg.ports[s].label} (${url(cfg, s)})`, probe(cfg, s), 120000, crashed);
    await waitFor('the first scrape of the simulator', () => scraped(cfg), 60000, crashed);
    // --- second engine (stack/engines/victoriametrics.ts): VictoriaMetrics + vmalert, same data, same rules, same Alertmanager ---
    const engine = await startVictoriaMetrics({ stateDir: cfg.stateDir, simulator: `${HOST}:${cfg.ports.simulator.port}`, alertmanager: url(cfg, 'alertmanager'), ruleFiles: configs.ruleFiles, tsdbDir: plan.tsdbDir });
    ('skipped' in engine ? [engine.skipped] : engine.notes).forEach((n) => say(n));
    // --- end second engine ---
    const healthyMs = Date.now() - t0;

    const report: StartReport = {
      startedAt: new Date(t0).toISOString(),
      seed: cfg.seed,
      anchor: plan.meta.anchor,
      historyDays: cfg.historyDays,
      historyReused: plan.reused,
      backfill: stats,
      backfillMs,
      ruleHistory: rh,
      tsdbBytes,
      healthyMs,
      rules: configs.rulesSource,
      alertmanagerConfig: configs.alertmanagerSource,
    };
    fs.writeFileSync(path.join(cfg.stateDir, 'last-start.json'), JSON.stringify(report, null, 2) + '\n');
    say(`rules: ${configs.rulesSource}; routing: ${configs.alertmanagerSource}.`);
    say(`up in ${secs(healthyMs)} (history ${plan.reused ? 'reused' : 'fresh'}, state ${cfg.stateDir}):`);
    console.log(`  Prometheus    ${url(cfg, 'prometheus')}`);
    console.log(`  Alertmanager  ${url(cfg, 'alertmanager')}`);
    console.log(`  simulator     ${url(cfg, 'simulator')}/metrics   (incident schedule: ${url(cfg, 'simulator')}/schedule)`);
    console.log(`  receiver      ${url(cfg, 'receiver')}/notifications`);
    if (!('skipped' in engine)) console.log(`  VictoriaMetrics ${engine.vmUrl}   vmalert ${engine.vmalertUrl}   (second engine)`); // second engine
  } catch (e) {
    process.off('SIGINT', onSignal);
    abortBackfill();
    await stopAll(cfg.stateDir, STOP_ORDER);
    removeRecord(cfg.stateDir, 'cli');
    throw e;
  }

  upAndRunning = true;
  if (detach) {
    removeRecord(cfg.stateDir, 'cli');
    say(`running in the background; \`${CLI} stop\` ends it.`);
    return 0;
  }
  return supervise(cfg, spawned, abort);
}

/** Foreground: echo the receiver's notifications, stop everything on Ctrl-C or when a service dies. */
async function supervise(cfg: StackConfig, spawned: Spawned[], abort: (code: number) => Promise<void>): Promise<number> {
  say('Ctrl-C stops everything. Notifications from Alertmanager appear below.');
  const receiverLog = spawned.find((s) => s.name === 'receiver')!.log;
  let offset = fs.statSync(receiverLog).size;
  const timer = setInterval(() => {
    const size = fs.statSync(receiverLog).size;
    if (size > offset) {
      const fd = fs.openSync(receiverLog, 'r');
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      fs.closeSync(fd);
      offset = size;
      for (const line of buf.toString('utf8').split('\n')) if (line.startsWith('receiver: ')) console.log(`  ${line.slice(10)}`);
    }
    const dead = spawned.find((s) => !isOurs(s));
    if (dead) {
      clearInterval(timer);
      say(`${dead.name} stopped unexpectedly (${lastError(dead.log)}); stopping the rest. Log: ${dead.log}`);
      void abort(1);
    }
  }, 1000);
  return new Promise<number>(() => {
    /* runs until a signal or a dead service ends the process */
  });
}

async function stop(args: string[]): Promise<number> {
  const clean = args.includes('--clean');
  const unknown = args.filter((a) => a !== '--clean');
  if (unknown.length) throw new StackError(`unknown option ${unknown[0]}; ${USAGE}`);
  const cfg = loadConfig();
  const { stopped, killed, stale } = await stopAll(cfg.stateDir, STOP_ORDER);
  const p = statePaths(cfg.stateDir);
  for (const d of [p.config, p.work]) fs.rmSync(d, { recursive: true, force: true });
  if (stopped.length + killed.length === 0) say(`not running (state ${cfg.stateDir}).`);
  else say(`stopped ${[...stopped, ...killed.map((k) => `${k} (killed)`)].join(', ')}.`);
  if (stale.length) say(`removed stale pid files of ${stale.join(', ')}.`);
  if (clean) {
    // Only what a start creates, so that a mistaken HEADROOM_STATE_DIR cannot delete anything else.
    for (const d of [p.pids, p.logs, p.tsdbRoot, p.alertmanager, path.dirname(p.notifications), path.join(cfg.stateDir, 'last-start.json')]) {
      fs.rmSync(d, { recursive: true, force: true });
    }
    try {
      fs.rmdirSync(cfg.stateDir);
    } catch {
      /* not empty: someone else's files */
    }
    say(`removed the state folder ${cfg.stateDir} (cached history included).`);
  }
  return 0;
}

async function status(): Promise<number> {
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
  const cli = records.get('cli');
  if (cli && isOurs(cli)) console.log(`  start         pid ${cli.pid} (foreground start or start in progress)`);
  const now = Math.floor(Date.now() / 1000);
  const nearby = schedule(cfg.seed, now - 6 * 3600, now + 6 * 3600).filter((o) => INCIDENTS.some((i) => i.kind === o.kind));
  console.log(`  incidents (seed ${cfg.seed}) within 6 h of now:`);
  for (const o of nearby) {
    const when = o.start <= now ? `${Math.round((now - o.start) / 60)} min ago` : `in ${Math.round((o.start - now) / 60)} min`;
    console.log(`    ${new Date(o.start * 1000).toISOString().slice(11, 16)} UTC  ${o.kind.padEnd(18)} ${when}`);
  }
  say(up === SERVICES.length ? `running (state ${cfg.stateDir}).` : up === 0 ? `not running (state ${cfg.stateDir}).` : `partly running (${up}/${SERVICES.length} healthy); \`${CLI} stop\` then start again.`);
  return up === SERVICES.length ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'stop':
      return stop(rest);
    case 'status':
      return status();
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      throw new StackError(`${command ? `unknown command ${command}` : 'no command'}; ${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  // Exit at once: fetch's keep-alive sockets would otherwise hold the process for seconds.
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof StackError) console.error(`headroom stack: ${e.message}`);
    else console.error(`headroom stack: unexpected error: ${(e as Error).stack ?? String(e)}`);
    process.exit(1);
  },
);
