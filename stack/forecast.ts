// The stack's capacity forecast exporter: `headroom forecast serve` (cli/commands/forecastServe.ts)
// as a stack service, started once Prometheus is healthy, reading the demo's series from it and
// scraped by it as job "headroom-forecast". Its config (config/forecast.yml) forecasts the web
// HPA's replicas against its maximum, and, as a drill, the web requests against a deliberately low
// capacity, so that HeadroomCapacityExhaustion14d fires on the live stack and reaches the receiver.
//
//   spawned.push(await startForecastServe(stateDir, prometheusUrl));   // start.ts, after Prometheus
//   stop: like every stack service (its pid file, its process group)
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { nodeServiceArgs } from './bundle';
import { HOST, REPO_ROOT, StackError, statePaths } from './config';
import { checkPortFree, httpGet, lastError, spawnService, Spawned, waitFor } from './procs';

export const FORECAST_SERVICE = 'forecast';
export const FORECAST_JOB = 'headroom-forecast';
export const FORECAST_PORT_ENV = 'HEADROOM_FORECAST_PORT';
export const DEFAULT_FORECAST_PORT = 19102;
/** The drill entry: its capacity is set low on purpose (the web pods serve ~2,520 req/s at the CPU target). */
export const DRILL_FORECAST = 'web_requests_drill_low_capacity';
export const DRILL_CAPACITY = 2000;
/** How long HeadroomCapacityExhaustion14d must hold on the demo stack (the pack's _config says 30m). */
export const DEMO_PAGE_FOR = '1m';
/** Growth scenarios served beside the planned 50 %/year (the dashboards' _config plans 50; 0 and 100 bracket it). */
export const DEMO_SCENARIOS = ['0%', '50%', '100%'];

export function forecastPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[FORECAST_PORT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_FORECAST_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new StackError(`${FORECAST_PORT_ENV}=${raw} is not a port number; set it to a free port between 1024 and 65535.`);
  return n;
}

export function forecastUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://${HOST}:${forecastPort(env)}`;
}

export function forecastConfigPath(stateDir: string): string {
  return path.join(statePaths(stateDir).config, 'forecast.yml');
}

/** The web HPA's series, by the labels the fallback alert (HeadroomCapacityExhaustionForecast) matches on. */
const HPA_BY = 'cluster, namespace, horizontalpodautoscaler';
const hpa = (metric: string) => `max by (${HPA_BY}) (kube_horizontalpodautoscaler_${metric}{horizontalpodautoscaler="web"})`;

/** The demo's forecasts: what `headroom forecast serve` reads (as YAML, its config file format). */
export function demoForecastConfig(prometheusUrl: string) {
  return {
    prometheus: prometheusUrl,
    interval: '5m',
    lookback: '28d',
    step: '5m',
    series: [
      {
        name: 'web_replicas',
        query: hpa('status_current_replicas'),
        capacity_query: hpa('spec_max_replicas'),
        growth: '50%',
        scenarios: DEMO_SCENARIOS,
      },
      {
        name: DRILL_FORECAST,
        query: 'sum by (cluster, namespace) (namespace_service:http_requests:rate5m{service="web"})',
        capacity: DRILL_CAPACITY,
        growth: '50%',
        scenarios: DEMO_SCENARIOS,
        labels: { horizontalpodautoscaler: 'web', drill: 'low-capacity' },
      },
    ],
  };
}

export function forecastConfigYaml(prometheusUrl: string): string {
  return `# Written by stack/forecast.ts; edits are lost on the next start.\n${yaml.dump(demoForecastConfig(prometheusUrl), { lineWidth: 200 })}`;
}

/** Prometheus' scrape job for the exporter (stack/configs.ts adds it to prometheus.yml). */
export function forecastScrapeJob(env: NodeJS.ProcessEnv = process.env) {
  return { job_name: FORECAST_JOB, static_configs: [{ targets: [`${HOST}:${forecastPort(env)}`] }] };
}

type RuleFile = { groups: { name: string; rules: { alert?: string; for?: string }[] }[] };

/**
 * The demo's one change to the rules it loads: HeadroomCapacityExhaustion14d holds for DEMO_PAGE_FOR
 * instead of the pack's 30 minutes, so that the drill pages within minutes of a start (a stack's
 * itests run for minutes). Rewrites the stack's snapshot of the rule files (config/rules), never
 * alerts/. Returns how many rules changed.
 */
export function shortenPageHold(ruleFiles: string[]): number {
  let changed = 0;
  for (const file of ruleFiles) {
    const doc = yaml.load(fs.readFileSync(file, 'utf8')) as RuleFile | null;
    let here = 0;
    for (const g of doc?.groups ?? []) {
      for (const r of g.rules) {
        if (r.alert === 'HeadroomCapacityExhaustion14d' && r.for !== DEMO_PAGE_FOR) {
          r.for = DEMO_PAGE_FOR;
          here++;
        }
      }
    }
    if (here > 0) fs.writeFileSync(file, `# The stack's snapshot of ${path.basename(file)}; HeadroomCapacityExhaustion14d holds ${DEMO_PAGE_FOR} here (stack/forecast.ts).\n${yaml.dump(doc, { lineWidth: -1 })}`);
    changed += here;
  }
  return changed;
}

/**
 * Writes config/forecast.yml and starts `headroom forecast serve` on it as a stack service;
 * returns once its first refresh is served (every entry reports headroom_forecast_up).
 */
export async function startForecastServe(stateDir: string, prometheusUrl: string, env: NodeJS.ProcessEnv = process.env): Promise<Spawned> {
  const port = forecastPort(env);
  await checkPortFree({ service: 'prometheus', label: 'the forecast exporter', env: FORECAST_PORT_ENV, port });
  const file = forecastConfigPath(stateDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, forecastConfigYaml(prometheusUrl));
  const base = forecastUrl(env);
  const args = await nodeServiceArgs(stateDir, path.join(REPO_ROOT, 'cli', 'main.ts'), ['forecast', 'serve', '--config', file, '--listen', `${HOST}:${port}`]);
  const s = spawnService(
    stateDir,
    FORECAST_SERVICE,
    process.execPath,
    args,
    file,
    `${base}/metrics`,
    REPO_ROOT,
  );
  const entries = demoForecastConfig(prometheusUrl).series.length;
  const crashed = () => (s.exited() !== undefined ? `the forecast exporter exited during start-up (code ${s.exited()}): ${lastError(s.log)} (log: ${s.log})` : null);
  await waitFor(`the forecast exporter's first refresh (${base}/metrics)`, async () => (await httpGet(`${base}/metrics`)).body.split('\nheadroom_forecast_up{').length - 1 >= entries, 120000, crashed);
  return s;
}

/** One line for `status`. */
export async function forecastStatus(running: { pid: number } | null, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const base = forecastUrl(env);
  const healthy = running !== null && (await httpGet(`${base}/metrics`).then((r) => r.status === 200).catch(() => false));
  return `  ${FORECAST_SERVICE.padEnd(13)} ${running ? `pid ${running.pid}` : 'not running'.padEnd(9)}  ${healthy ? 'healthy' : running ? 'NOT HEALTHY' : ''}  ${base}/metrics`;
}
