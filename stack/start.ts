// `start`: the stack's start-up, phase by phase (configs, history, services, rule history,
// Prometheus, healthy), owned by this process from its first line: the signal handlers and the
// keeper (keeper.ts) are in place before the first child starts, so that SIGINT, SIGTERM or SIGHUP
// at any phase, or this process being killed, leaves nothing running and no pid file behind.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { abortBackfill, BackfillStats, recordConversions } from './backfill';
import { nodeServiceArgs } from './bundle';
import { HOST, loadConfig, REPO_ROOT, StackConfig, StackError, statePaths, url } from './config';
import { exporterJobs, writeConfigs } from './configs';
import { supervise } from './foreground';
import { HistoryBuilder, historyIdentity } from './history';
import { historyServer } from './historyServer';
import { probe, scraped, scrapedLive, scrapedTier, SERVICES } from './probes';
import { checkPortFree, clearStale, isOurs, lastError, ProcRecord, readRecords, refuseSpawns, removeRecord, spawnService, Spawned, waitFor, writeRecord } from './procs';
import { historyRules, ruleHistory, RuleHistoryStats } from './rulehistory';
import { CLI, mb, say, secs, span } from './say';
import { DAY } from './simulator/model';
import { awaitKeeper, teardown } from './teardown';
import { startVictoriaMetrics } from './engines/victoriametrics';
import { DEMO_PAGE_FOR, forecastUrl, shortenPageHold, startForecastServe } from './forecast';
import { TIER_STOP_ORDER, TIER_TARGETS, tierBins, tierPaths, tierPorts } from './datatier/config';
import { DataTier, startDataTier } from './datatier/index';
import { recordTools } from './datatier/run';
import { livePortSpecs } from './live/autoscaler/config';
import { startStackLive } from './live/stack';
import { liveUrls } from './live/autoscaler';

export interface StartOptions {
  /** Return once healthy, leaving the stack running. */
  detach: boolean;
  /** Throw the cached history away first. */
  fresh: boolean;
}

interface StartReport {
  startedAt: string;
  seed: number;
  anchor: number;
  historyDays: number;
  historyReused: boolean;
  backfill: BackfillStats[];
  backfillMs: number;
  /** The data tier's start (in parallel with the history), to every exporter reaching its server. */
  dataTierMs: number;
  /** The live part's start (beside Prometheus' start): 5 replicas ready and the load started. */
  liveMs: number;
  ruleHistory: RuleHistoryStats | null;
  tsdbBytes: number;
  healthyMs: number;
  rules: string;
  alertmanagerConfig: string;
}

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

/** Ownership of what this start starts: how it ends on a signal, from before the first child on. */
class Owner {
  /** True once this start holds the state folder (its pid file); before that a signal just exits. */
  claimed = false;
  /** True once every service is healthy: a signal then is the normal way to stop a foreground stack. */
  up = false;
  aborting = false;

  constructor(private readonly cfg: StackConfig) {
    const onSignal = (sig: NodeJS.Signals) => {
      if (this.aborting) return; // a relay (tsx, npm) may deliver the same Ctrl-C twice
      if (this.claimed) say(this.up ? 'stopping ...' : `interrupted (${sig}); stopping what was started.`);
      void this.abort(this.up ? 0 : 130);
    };
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  }

  /** Stops everything this start started, removes what it wrote (pid files, config/, work/) and exits. */
  async abort(code: number): Promise<void> {
    if (this.aborting) return;
    this.aborting = true;
    refuseSpawns();
    abortBackfill();
    if (this.claimed) {
      const { stopped, killed } = await teardown(this.cfg.stateDir, ['keeper']);
      // Last: the keeper reads a start without its pid file as one that ended properly.
      removeRecord(this.cfg.stateDir, 'cli');
      if (this.up) say(`stopped ${[...stopped, ...killed].join(', ')}.`);
    }
    process.exit(code);
  }

  /** The same cleanup for a start that failed: the error is reported by the caller. */
  async fail(e: unknown): Promise<never> {
    if (this.aborting) await new Promise(() => undefined); // the abort under way exits
    this.aborting = true;
    refuseSpawns();
    abortBackfill();
    await teardown(this.cfg.stateDir, ['keeper']);
    removeRecord(this.cfg.stateDir, 'cli');
    throw e;
  }
}

export async function start(o: StartOptions): Promise<number> {
  const t0 = Date.now();
  const cfg = loadConfig();
  const owner = new Owner(cfg);
  const alreadyRunning = (list: string) =>
    new StackError(`already running from ${cfg.stateDir} (${list}); stop it with \`${CLI} stop\` first, or set HEADROOM_STATE_DIR (and the ports) for a second stack.`);
  await awaitKeeper(cfg.stateDir, true); // the keeper of a killed start may still be ending it
  const running = alive(cfg);
  if (running.length > 0) throw alreadyRunning(running.map((r) => `${r.name} pid ${r.pid}`).join(', '));
  clearStale(cfg.stateDir);
  void cfg.bins; // resolves the binaries now: the one-line "not found" error before anything starts
  tierBins(cfg.env); // the data tier's too (one line naming the Debian package)
  for (const s of SERVICES) await checkPortFree(cfg.ports[s]);
  for (const p of Object.values(tierPorts(cfg.env))) {
    const clash = SERVICES.find((s) => cfg.ports[s].port === p.port);
    if (clash) throw new StackError(`${p.env} and ${cfg.ports[clash].env} are both ${p.port}; give each service its own port.`);
    await checkPortFree(p);
  }
  for (const p of livePortSpecs(cfg.env)) {
    const clash = [...SERVICES.map((s) => cfg.ports[s]), ...Object.values(tierPorts(cfg.env))].find((q) => q.port === p.port);
    if (clash) throw new StackError(`${p.env} and ${clash.env} are both ${p.port}; give each service its own port.`);
    await checkPortFree(p);
  }

  fs.mkdirSync(cfg.stateDir, { recursive: true });
  try {
    // The start's own pid file doubles as a lock against a start running at the same moment.
    writeRecord(cfg.stateDir, { name: 'cli', pid: process.pid, marker: 'cli.ts', startedAt: new Date().toISOString() }, true);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw alreadyRunning('another start is under way');
    throw e;
  }
  owner.claimed = true;

  const spawned: Spawned[] = [];
  let keeperPipe: Writable | null = null;
  try {
    // The keeper first: if this process is killed from here on, it ends what this start started.
    keeperPipe = spawnService(cfg.stateDir, 'keeper', process.execPath, ['--import', 'tsx', path.join(__dirname, 'keeper.ts'), cfg.stateDir, String(process.pid)], 'keeper.ts', undefined, REPO_ROOT, true).stdin;
    recordConversions(cfg.stateDir);
    recordTools(cfg.stateDir);
    const report = await bringUp(cfg, o, spawned, t0);
    fs.writeFileSync(path.join(cfg.stateDir, 'last-start.json'), JSON.stringify(report, null, 2) + '\n');
  } catch (e) {
    return owner.fail(e);
  }

  owner.up = true;
  if (o.detach) {
    removeRecord(cfg.stateDir, 'cli'); // hands the stack over: the keeper ends quietly ...
    keeperPipe?.end(); // ... now, not with this process, so that what runs is just the stack
    await awaitKeeper(cfg.stateDir, false, 10000);
    say(`running in the background; \`${CLI} stop\` ends it.`);
    return 0;
  }
  return supervise(cfg, spawned, (code) => owner.abort(code), () => owner.aborting);
}

/** The phases of a start, up to every service healthy; returns what last-start.json records. */
async function bringUp(cfg: StackConfig, o: StartOptions, spawned: Spawned[], t0: number): Promise<StartReport> {
  const bins = cfg.bins;
  const p = statePaths(cfg.stateDir);
  if (o.fresh) {
    fs.rmSync(p.tsdbRoot, { recursive: true, force: true });
    fs.rmSync(tierPaths(cfg.stateDir).root, { recursive: true, force: true }); // the databases too: initdb again
  }
  const configs = writeConfigs(cfg);
  if (shortenPageHold(configs.ruleFiles) > 0) configs.notes.push(`HeadroomCapacityExhaustion14d holds ${DEMO_PAGE_FOR} on this stack (the pack: 30m), so that its forecast drill pages within minutes.`);
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

  // The small services start while the history is being written, each from its bundle (bundle.ts).
  const node = async (script: string, extra: string[]) => [process.execPath, await nodeServiceArgs(cfg.stateDir, path.join(__dirname, script), extra)] as const;
  const [simCmd, simArgs] = await node('simulator/server.ts', ['--seed', String(cfg.seed), '--anchor', String(plan.meta.anchor), '--port', String(cfg.ports.simulator.port), '--state', cfg.stateDir]);
  spawned.push(spawnService(cfg.stateDir, 'simulator', simCmd, [...simArgs], cfg.stateDir, `${url(cfg, 'simulator')}/metrics`, REPO_ROOT));
  const [rcvCmd, rcvArgs] = await node('receiver.ts', ['--port', String(cfg.ports.receiver.port), '--file', p.notifications]);
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
  // The real data tier (stack/datatier) starts beside the history: its servers and exporters are
  // processes of their own, so they run while this process writes the history.
  const td = Date.now();
  let dataTierMs = 0;
  const tierStart = startDataTier({ stateDir: cfg.stateDir, env: cfg.env }).then((t) => ((dataTierMs = Date.now() - td), t));
  tierStart.catch(() => undefined); // awaited below; a failure before then is reported there
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
  // history by a Prometheus that only serves it, so that the dashboards show days, not minutes,
  // of rule results. Cached with the history: later starts fill the gap.
  let rh: RuleHistoryStats | null = null;
  if (dashRules.rules.length > 0 && until - plan.from >= 60) {
    const tr = Date.now();
    try {
      rh = await ruleHistory({ rules: dashRules.rules, from: plan.from, to: until, tsdbDir: plan.tsdbDir, workDir: p.work, promtool: bins.promtool, serve: historyServer(cfg, plan.tsdbDir, p.config) });
    } finally {
      fs.rmSync(p.work, { recursive: true, force: true });
    }
    const whole = dashRules.rules.filter((r) => r.days === Infinity).length;
    const wholeText = whole > 0 ? `, ${whole} (the 30-day rules and the rules they read) over the last ${span(until - plan.from)}` : '';
    say(
      `recording-rule history ready in ${secs(Date.now() - tr)}: ${rh.rules - whole} rules the dashboards use over the last ${span(Math.min(until - plan.from, cfg.ruleHistoryDays * DAY))}${wholeText}; ` +
        `${rh.samples.toLocaleString('en')} samples in ${rh.stages} stage${rh.stages === 1 ? '' : 's'}.`,
    );
  }
  // Raw and rule history are in: only now is the cache complete (an interruption before this
  // leaves a cache that the next start rebuilds or cuts back).
  history.markComplete(plan);
  // The second engine (stack/engines/victoriametrics.ts): VictoriaMetrics + vmalert on the same
  // data and rules, sending to the same Alertmanager; one line says so when it is not installed.
  // It copies the finished history and replays the recording rules over it (~10-15 s) while
  // Prometheus starts and the first scrapes come in.
  const engineStart = startVictoriaMetrics({
    stateDir: cfg.stateDir,
    simulator: `${HOST}:${cfg.ports.simulator.port}`,
    scrapeJobs: exporterJobs(cfg),
    alertmanager: url(cfg, 'alertmanager'),
    ruleFiles: configs.ruleFiles,
    tsdbDir: plan.tsdbDir,
    historyId: historyIdentity(plan.meta),
  });
  engineStart.catch(() => undefined); // awaited below; a failure before then is reported there
  const tier = await tierStart;
  say(`data tier up in ${secs(dataTierMs)} (PostgreSQL primary + replica, MariaDB primary + replica, Redis, 6 exporters).`);
  spawned.push(...tierSpawned(cfg.stateDir));
  const [wlCmd, wlArgs] = await node('datatier/workloadLoop.ts', [cfg.stateDir]);
  spawned.push(spawnService(cfg.stateDir, 'workload', wlCmd, [...wlArgs], cfg.stateDir, undefined, REPO_ROOT));
  // The live part (stack/live) on the tier: the autoscaler's replicas of the real service, then its
  // background load; it comes up (5 replicas, ~5 s) while Prometheus starts.
  const tl = Date.now();
  let liveMs = 0;
  const liveStart = startStackLive(cfg.stateDir, cfg.env).then((s) => ((liveMs = Date.now() - tl), s));
  liveStart.catch(() => undefined); // awaited below
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
  // The forecast exporter (stack/forecast.ts) reads Prometheus, so it starts once Prometheus answers.
  spawned.push(await startForecastServe(cfg.stateDir, url(cfg, 'prometheus')));
  await waitFor('the first scrape of every exporter of the data tier', () => scrapedTier(cfg), 60000, crashed);
  spawned.push(...(await liveStart));
  say(`live part up in ${secs(liveMs)} (the autoscaler and 5 replicas of the service, its background load).`);
  await waitFor('the first scrape of the live autoscaler and its replicas', () => scrapedLive(cfg), 60000, crashed);
  const engine = await engineStart;
  ('skipped' in engine ? [engine.skipped] : engine.notes).forEach((n) => say(n));
  const healthyMs = Date.now() - t0;

  say(`rules: ${configs.rulesSource}; routing: ${configs.alertmanagerSource}.`);
  say(`up in ${secs(healthyMs)} (history ${plan.reused ? 'reused' : 'fresh'}, state ${cfg.stateDir}):`);
  console.log(`  Prometheus    ${url(cfg, 'prometheus')}`);
  console.log(`  Alertmanager  ${url(cfg, 'alertmanager')}`);
  console.log(`  simulator     ${url(cfg, 'simulator')}/metrics   (incident schedule: ${url(cfg, 'simulator')}/schedule)`);
  console.log(`  receiver      ${url(cfg, 'receiver')}/notifications`);
  console.log(`  forecast      ${forecastUrl()}/metrics   (headroom forecast serve, scraped as job headroom-forecast)`);
  if (!('skipped' in engine)) {
    console.log(`  VictoriaMetrics ${engine.vmUrl}   vmalert ${engine.vmalertUrl}   (second engine)`);
  }
  printTier(tier);
  console.log(`  live          ${liveUrls(cfg.env).service} (load balancer)   autoscaler ${liveUrls(cfg.env).status}`);
  return {
    startedAt: new Date(t0).toISOString(),
    seed: cfg.seed,
    anchor: plan.meta.anchor,
    historyDays: cfg.historyDays,
    historyReused: plan.reused,
    backfill: stats,
    backfillMs,
    dataTierMs,
    liveMs,
    ruleHistory: rh,
    tsdbBytes,
    healthyMs,
    rules: configs.rulesSource,
    alertmanagerConfig: configs.alertmanagerSource,
  };
}

/** The tier's servers and exporters as the start watches them (the foreground stack ends when one dies). */
function tierSpawned(stateDir: string): Spawned[] {
  return readRecords(stateDir)
    .filter((r) => TIER_STOP_ORDER.includes(r.name))
    .map((r) => ({ ...r, log: path.join(statePaths(stateDir).logs, `${r.name}.log`), exited: () => (isOurs(r) ? undefined : null) }));
}

function printTier(tier: DataTier): void {
  const p = tier.ports;
  console.log(`  PostgreSQL    127.0.0.1:${p.pgPrimary.port} (primary), :${p.pgReplica.port} (replica)   MariaDB 127.0.0.1:${p.mariadbPrimary.port} (primary), :${p.mariadbReplica.port} (replica)   Redis 127.0.0.1:${p.redis.port}`);
  const byName = new Map(tier.exporters.map((e) => [e.name, e.url]));
  console.log(`  exporters     ${TIER_TARGETS.map((t) => `${t.instance} ${byName.get(t.exporter)}`).join(', ')}`);
}
