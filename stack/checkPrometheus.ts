// A Prometheus of an integration test's own, beside the running stack: it loads a rules file the
// test renders (the pack with a deliberately changed _config), scrapes what the test names and
// sends its alerts to the stack's Alertmanager with an external label that marks them as the
// check's. The stack's Prometheus keeps the pack as it is, and no series of the check lands in the
// stack's history (where the dashboards would show it). Temp folder and free port; stop() ends it
// and removes the folder.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { loadConfig, REPO_ROOT } from './config';
import { ALERTMANAGER_URL, freePorts, pollFor } from './testing';

export interface CheckPrometheus {
  url: string;
  /** The tail of its log (for a timeout's message). */
  log: () => string;
  /** An instant query's first value (at `time`, in seconds; default now), undefined when empty. */
  value: (promql: string, time?: number) => Promise<number | undefined>;
  /** The last sample it stored of a series within the last minute, [seconds, value], undefined when none. */
  lastSample: (selector: string) => Promise<[number, number] | undefined>;
  stop: () => Promise<void>;
}

async function instantQuery<T>(url: string, promql: string, time?: number): Promise<T[]> {
  const params = new URLSearchParams({ query: promql, ...(time === undefined ? {} : { time: String(time) }) });
  const r = await fetch(`${url}/api/v1/query?${params}`);
  if (!r.ok) throw new Error(`${url}/api/v1/query?query=${promql}: HTTP ${r.status} ${await r.text()}`);
  return ((await r.json()) as { data: { result: T[] } }).data.result;
}

export interface CheckOptions {
  /** A jsonnet file whose output is `{ groups: [...] }` (imports resolved from alerts/). */
  rulesJsonnet: string;
  /** The external label(s) on everything it sends. */
  externalLabels: Record<string, string>;
  scrapeConfigs: object[];
  /** Its scrape and evaluation interval (default 5s). */
  interval?: string;
}

const hostPort = (url: string) => new URL(url).host;

export async function startCheckPrometheus(name: string, opts: CheckOptions): Promise<CheckPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `headroom-${name}-`));
  const rendered = execFileSync('jsonnet', ['-J', path.join(REPO_ROOT, 'alerts'), opts.rulesJsonnet], { encoding: 'utf8' });
  fs.writeFileSync(path.join(dir, 'rules.yaml'), yaml.dump(JSON.parse(rendered), { lineWidth: 200 }));
  const interval = opts.interval ?? '5s';
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval, external_labels: opts.externalLabels },
    rule_files: [path.join(dir, 'rules.yaml')],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [hostPort(ALERTMANAGER_URL)] }] }] },
    scrape_configs: opts.scrapeConfigs,
  };
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), yaml.dump(config, { lineWidth: 200 }));
  const [port] = await freePorts(1);
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const proc: ChildProcess = spawn(loadConfig().bins.prometheus, [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  proc.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await pollFor(`the ${name} Prometheus ready`, 60_000, async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), { everyMs: 250, context: () => log.slice(-2000) });
  } catch (e) {
    await stop();
    throw e;
  }
  const value = async (promql: string, time?: number) => {
    const [first] = await instantQuery<{ value: [number, string] }>(url, promql, time);
    return first ? Number(first.value[1]) : undefined;
  };
  const lastSample = async (selector: string): Promise<[number, number] | undefined> => {
    const [series] = await instantQuery<{ values: [number, string][] }>(url, `${selector}[1m]`);
    const last = series?.values.at(-1);
    return last ? [last[0], Number(last[1])] : undefined;
  };
  return { url, log: () => log.slice(-2000), value, lastSample, stop };
}
