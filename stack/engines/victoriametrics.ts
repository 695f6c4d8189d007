// A second rule engine beside the stack's Prometheus: VictoriaMetrics (single node, Debian's
// `victoria-metrics`) scrapes the same simulator with the same scrape config and holds the last
// hours of the raw backfilled history (imported from the stack's Prometheus TSDB blocks with
// `vmctl prometheus`, recording-rule series left out), with the recording rules replayed over it
// by vmalert (vmReplay.ts); a storage that holds another build of the history is emptied first.
// vmalert then evaluates the rendered rule files unchanged against it, writes the recorded series
// back into it, and sends its alerts to the stack's Alertmanager with the label
// engine="victoriametrics". Both processes are stack services (pid files in the state folder), so
// `stack/cli.ts stop` ends them like the others.
//
//   const vm = await startVictoriaMetrics({ stateDir, simulator, alertmanager, ruleFiles, tsdbDir, historyId });
//   ...; await stopVictoriaMetrics(stateDir);   // or stack/cli.ts stop, which ends every service
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { findBinary, HOST, REPO_ROOT, StackError } from '../config';
import { checkPortFree, httpGet, isOurs, lastError, readRecords, removeRecord, spawnService, Spawned, waitFor } from '../procs';
import { SCRAPE_LABELS } from '../simulator/series';
import { secs, span } from '../say';
import { snapshotBlocks } from './blockSnapshot';
import { replayRecordingRules, replayWindow } from './vmReplay';

export const VM_SERVICES = ['vmalert', 'victoriametrics'] as const;
/** The label vmalert adds to every alert and recorded series, so its alerts stay apart from Prometheus'. */
export const ENGINE_LABEL = { engine: 'victoriametrics' } as const;
/** Hours of raw history copied into VictoriaMetrics: one occurrence of every incident (the rarest repeats daily) plus a day of look-back. */
export const DEFAULT_HISTORY_HOURS = 50;

export interface VmPorts {
  vm: number;
  vmalert: number;
}

export interface VmBins {
  victoriaMetrics: string;
  vmalert: string;
  vmctl: string;
}

export interface VmEngineOptions {
  stateDir: string;
  /** host:port of the simulator, scraped like Prometheus does. */
  simulator: string;
  /** Prometheus' other scrape jobs (the real data tier's exporters, stack/configs.ts), scraped the same. */
  scrapeJobs?: Record<string, unknown>[];
  /** Base URL of the stack's Alertmanager. */
  alertmanager: string;
  /** The rule files Prometheus loaded (the rendered alerts/ files), given to vmalert as they are. */
  ruleFiles: string[];
  /** Prometheus TSDB folder whose blocks hold the backfilled history. */
  tsdbDir: string;
  /** Which build of that history it is (stack/history.ts historyIdentity): another one empties VictoriaMetrics first. */
  historyId: string;
  historyHours?: number;
  env?: NodeJS.ProcessEnv;
}

export interface VmEngine {
  vmUrl: string;
  vmalertUrl: string;
  notes: string[];
}

function port(env: NodeJS.ProcessEnv, name: string, def: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new StackError(`${name}=${raw} is not a port number (1-65535).`);
  return n;
}

export function vmPorts(env: NodeJS.ProcessEnv = process.env): VmPorts {
  return { vm: port(env, 'HEADROOM_VM_PORT', 19428), vmalert: port(env, 'HEADROOM_VMALERT_PORT', 19880) };
}

export function vmUrls(env: NodeJS.ProcessEnv = process.env): { vmUrl: string; vmalertUrl: string } {
  const p = vmPorts(env);
  return { vmUrl: `http://${HOST}:${p.vm}`, vmalertUrl: `http://${HOST}:${p.vmalert}` };
}

/** The three binaries of Debian's victoria-metrics package, or null when it is not installed. */
export function vmBins(env: NodeJS.ProcessEnv = process.env): VmBins | null {
  const victoriaMetrics = findBinary(['victoria-metrics', 'victoria-metrics-prod'], env);
  const vmalert = findBinary(['vmalert', 'vmalert-prod'], env);
  const vmctl = findBinary(['vmctl', 'vmctl-prod'], env);
  return victoriaMetrics && vmalert && vmctl ? { victoriaMetrics, vmalert, vmctl } : null;
}

export function vmPaths(stateDir: string) {
  return {
    storage: path.join(stateDir, 'victoriametrics'),
    scrapeConfig: path.join(stateDir, 'config', 'victoriametrics-scrape.yml'),
    imported: path.join(stateDir, 'victoriametrics', 'headroom-imported.json'),
    replayed: path.join(stateDir, 'victoriametrics', 'headroom-replayed.json'),
    /** The history build the storage holds, written once its import and replay are done. */
    history: path.join(stateDir, 'victoriametrics', 'headroom-history.json'),
  };
}

/** The same scrape jobs as the stack's Prometheus (stack/configs.ts), for VictoriaMetrics' own scraper. */
export function scrapeYaml(simulator: string, otherJobs: Record<string, unknown>[] = []): string {
  const doc = {
    global: { scrape_interval: '15s', scrape_timeout: '10s' },
    scrape_configs: [{ job_name: SCRAPE_LABELS.job, honor_labels: true, static_configs: [{ targets: [simulator], labels: { instance: SCRAPE_LABELS.instance } }] }, ...otherJobs.map(withoutFileSdRefresh)],
  };
  return `# Written by stack/engines/victoriametrics.ts; edits are lost on the next start.\n${yaml.dump(doc, { lineWidth: 200 })}`;
}

/**
 * A Prometheus job as VictoriaMetrics reads it: its file_sd_configs have no `refresh_interval`
 * (VictoriaMetrics refuses the field; it re-reads the files every -promscrape.fileSDCheckInterval,
 * set to FILE_SD_CHECK_INTERVAL below).
 */
export function withoutFileSdRefresh(job: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(job.file_sd_configs)) return job;
  return { ...job, file_sd_configs: (job.file_sd_configs as Record<string, unknown>[]).map(({ refresh_interval: _, ...rest }) => rest) };
}

/** How often VictoriaMetrics re-reads file_sd files (the live replicas' targets, stack/live): as Prometheus' 5 s refresh_interval. */
export const FILE_SD_CHECK_INTERVAL = '5s';

/** vmalert's arguments: the rule files unchanged, VictoriaMetrics as data source and store, the stack's Alertmanager. */
export function vmalertArgs(o: { vmUrl: string; vmalertPort: number; alertmanager: string; ruleFiles: string[] }): string[] {
  return [
    ...o.ruleFiles.map((f) => `-rule=${f}`),
    `-datasource.url=${o.vmUrl}`,
    `-remoteWrite.url=${o.vmUrl}`,
    `-remoteRead.url=${o.vmUrl}`,
    `-notifier.url=${o.alertmanager}`,
    `-httpListenAddr=${HOST}:${o.vmalertPort}`,
    `-external.url=http://${HOST}:${o.vmalertPort}`,
    ...Object.entries(ENGINE_LABEL).map(([k, v]) => `-external.label=${k}=${v}`),
    // The stack's Prometheus evaluates every 15 s too.
    '-evaluationInterval=15s',
  ];
}

/**
 * Copies the raw series of the TSDB blocks from `fromSec` on into VictoriaMetrics (recording-rule
 * series, whose names hold a colon, are left to vmalert). Blocks only: the history is in blocks.
 */
function importHistory(bins: VmBins, vmUrl: string, tsdbDir: string, fromSec: number, log: string): void {
  // A still copy of the blocks beside the TSDB (same file system, for hard links): Prometheus
  // compacts and deletes blocks while vmctl would read them (see blockSnapshot.ts).
  const snapshotDir = `${tsdbDir}.vmctl-snapshot`;
  try {
    snapshotBlocks(tsdbDir, snapshotDir);
  } catch (e) {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
    throw new StackError(`could not take a still copy of the TSDB blocks in ${tsdbDir} for vmctl: ${(e as Error).message}`);
  }
  try {
    runVmctl(bins, vmUrl, snapshotDir, fromSec, log);
  } finally {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
  }
}

function runVmctl(bins: VmBins, vmUrl: string, snapshotDir: string, fromSec: number, log: string): void {
  const args = [
    'prometheus',
    '-s',
    `--prom-snapshot=${snapshotDir}`,
    `--prom-filter-time-start=${new Date(fromSec * 1000).toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '--prom-filter-label=__name__',
    '--prom-filter-label-value=[^:]+',
    `--vm-addr=${vmUrl}`,
    '--vm-disable-progress-bar',
  ];
  // vmctl 1.79 draws a progress bar for the snapshot reader and fails without a terminal: script(1)
  // (util-linux, always on Debian) gives it one.
  const quoted = [bins.vmctl, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  fs.writeFileSync(log, output);
  // A restart soon after the last import: no block is newer than it, nothing to import.
  if (r.status !== 0 && /found no blocks to import/.test(output)) return;
  if (r.status !== 0) throw new StackError(`vmctl could not import the history into VictoriaMetrics: ${lastError(log)} (log: ${log})`);
}

/**
 * Starts VictoriaMetrics and vmalert as stack services, with the history imported in between.
 * Returns { skipped } with one sentence when Debian's victoria-metrics package is not installed.
 */
export async function startVictoriaMetrics(o: VmEngineOptions): Promise<VmEngine | { skipped: string }> {
  const env = o.env ?? process.env;
  const bins = vmBins(env);
  if (!bins) return { skipped: 'VictoriaMetrics is not installed (apt-get install victoria-metrics): no second engine.' };
  const ports = vmPorts(env);
  const { vmUrl, vmalertUrl } = vmUrls(env);
  await checkPortFree({ service: 'prometheus', label: 'VictoriaMetrics', env: 'HEADROOM_VM_PORT', port: ports.vm });
  await checkPortFree({ service: 'prometheus', label: 'vmalert', env: 'HEADROOM_VMALERT_PORT', port: ports.vmalert });
  const p = vmPaths(o.stateDir);
  const notes: string[] = [];
  // Samples of another build of the history (a rebuild under the same cache key has another
  // anchor, so other values at the same times) would stay beside the new ones, and the markers
  // would call the new history imported and replayed: such a storage is emptied first. The
  // identity is written back last, so a start that fails half-way leaves a storage the next empties.
  if (readJson<{ id: string }>(p.history)?.id !== o.historyId && fs.existsSync(p.storage)) {
    fs.rmSync(p.storage, { recursive: true, force: true });
    notes.push('VictoriaMetrics: storage emptied (it held another build of the history, or a start that did not finish).');
  }
  fs.rmSync(p.history, { force: true });
  fs.mkdirSync(path.dirname(p.scrapeConfig), { recursive: true });
  fs.writeFileSync(p.scrapeConfig, scrapeYaml(o.simulator, o.scrapeJobs));

  const spawned: Spawned[] = [];
  const crashed = () => {
    const dead = spawned.find((s) => s.exited() !== undefined);
    return dead ? `${dead.name} exited during start-up (code ${dead.exited()}): ${lastError(dead.log)} (log: ${dead.log})` : null;
  };
  spawned.push(
    spawnService(
      o.stateDir,
      'victoriametrics',
      bins.victoriaMetrics,
      [
        `-storageDataPath=${p.storage}`,
        `-httpListenAddr=${HOST}:${ports.vm}`,
        '-retentionPeriod=60d',
        `-promscrape.config=${p.scrapeConfig}`,
        `-promscrape.fileSDCheckInterval=${FILE_SD_CHECK_INTERVAL}`,
        // Results of range queries are not cached: the history and the recorded series arrive after the first queries.
        '-search.disableCache',
        // Its caches sized for the demo's few thousand series, not from 60 % of the machine's memory
        // (the default): they grew its RSS by ~35 MiB in 12 minutes at rest (issue 19's budget).
        '-memory.allowedBytes=256MiB',
      ],
      o.stateDir,
      vmUrl,
      REPO_ROOT,
    ),
  );
  await waitFor(`VictoriaMetrics (${vmUrl})`, async () => (await httpGet(`${vmUrl}/health`)).status === 200, 60000, crashed);

  // History: the last hours once, then what is new in the blocks since the last import.
  const now = Math.floor(Date.now() / 1000);
  const hours = o.historyHours ?? DEFAULT_HISTORY_HOURS;
  const last = readJson<{ until: number; tsdbDir: string }>(p.imported);
  const from = last && last.tsdbDir === o.tsdbDir ? Math.max(last.until, now - hours * 3600) : now - hours * 3600;
  const t0 = Date.now();
  importHistory(bins, vmUrl, o.tsdbDir, from, path.join(o.stateDir, 'logs', 'vmctl.log'));
  fs.writeFileSync(p.imported, JSON.stringify({ until: now, tsdbDir: o.tsdbDir }) + '\n');
  notes.push(`VictoriaMetrics: raw history since ${new Date(from * 1000).toISOString()} imported in ${secs(Date.now() - t0)}.`);

  // The recording rules over the minutes of history not replayed before (vmReplay.ts).
  const window = replayWindow(from, readJson<{ until: number }>(p.replayed)?.until ?? null, Math.floor(Date.now() / 1000));
  if (window) {
    const r = await replayRecordingRules({ vmalert: bins.vmalert, vmUrl, ruleFiles: o.ruleFiles, stateDir: o.stateDir, window, labels: ENGINE_LABEL });
    fs.writeFileSync(p.replayed, JSON.stringify({ until: window.to }) + '\n');
    notes.push(`VictoriaMetrics: ${r.rules} recording rules replayed over ${span(window.to - window.from)} of history in ${r.stages} stages, ${secs(r.ms)}.`);
  }
  fs.writeFileSync(p.history, JSON.stringify({ id: o.historyId }) + '\n');

  spawned.push(
    spawnService(o.stateDir, 'vmalert', bins.vmalert, vmalertArgs({ vmUrl, vmalertPort: ports.vmalert, alertmanager: o.alertmanager, ruleFiles: o.ruleFiles }), o.stateDir, vmalertUrl, REPO_ROOT),
  );
  await waitFor(`vmalert (${vmalertUrl})`, async () => (await httpGet(`${vmalertUrl}/health`)).status === 200, 60000, crashed);
  return { vmUrl, vmalertUrl, notes };
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null; // absent or damaged: as if never written
  }
}

/** Stops vmalert, then VictoriaMetrics, and only them (stack/cli.ts stop ends them with the rest). */
export async function stopVictoriaMetrics(stateDir: string, timeoutMs = 15000): Promise<void> {
  for (const name of VM_SERVICES) {
    const r = readRecords(stateDir).find((x) => x.name === name);
    if (!r) continue;
    if (isOurs(r)) {
      process.kill(r.pid, 'SIGTERM');
      const deadline = Date.now() + timeoutMs;
      while (isOurs(r) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
      if (isOurs(r)) process.kill(r.pid, 'SIGKILL');
    }
    removeRecord(stateDir, name);
  }
}
