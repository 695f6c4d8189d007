// `headroom forecast serve`: forecasts of Prometheus series, refreshed on an interval and exposed
// as headroom_forecast_* series for Prometheus to scrape. Exit codes: 0 stopped (or --once with
// every entry refreshed); 1 Prometheus failed for an entry with --once, or the port cannot be
// bound; 2 bad usage or config (one line on stderr).
import { PrometheusClient } from '../../core/prometheus';
import { readInputText } from '../io';
import { walkOptions } from '../options';
import { ConfigError, parseServeConfig, type ServeConfig } from './serve/config';
import { parseListen, startServer } from './serve/http';
import { refreshAll, ServeState } from './serve/refresh';

export const DEFAULT_LISTEN = '127.0.0.1:9466';

export const SERVE_USAGE = `Usage: headroom forecast serve --config FILE [--listen HOST:PORT] [--prometheus URL] [--once]

Reads the series named in FILE (YAML or JSON) from Prometheus every interval, forecasts each with
the same forecaster and defaults as the capacity forecast panel and \`headroom forecast\`, and serves
them at http://HOST:PORT/metrics as headroom_forecast_* series with the source series' labels plus
forecast="<name>": mean, lower and upper at horizon="1d|7d|30d|90d|180d|365d"; the capacity;
exhaustion seconds (bound="mean|upper|lower", +Inf when not within 365 days) and exhaustion
probability (window="1d|7d|14d|30d|90d|180d|365d"), all with the entry's growth; per growth
scenario (growth_percent="0|50|100"...) scenario_mean at each horizon, scenario_exhaustion_seconds
(mean, upper) and scenario_exhaustion_probability per window; insufficient_history (1 = too little history: no forecast is
served for that series); up, errors_total{kind}, last_refresh_timestamp_seconds per entry.

Config:
  prometheus: http://127.0.0.1:9090   # or --prometheus
  interval: 5m                        # refit every (default 5m)
  lookback: 28d                       # history read (default 28d)
  step: 5m                            # query step (default 5m)
  timeout: 30s                        # per Prometheus request (default 30s)
  min_history: 2d                     # less history: insufficient_history 1 (default 2d)
  level: 0.95                         # interval coverage (default 0.95)
  series:
    - name: web_cpu                   # the forecast label
      query: sum(rate(container_cpu_usage_seconds_total{namespace="web"}[5m]))
      capacity: 12                    # or capacity_query: PromQL (its last value)
      growth: 50%                     # planned growth per year (default 0): the main series, the alerts
      scenarios: [0%, 50%, 100%]      # further growth scenarios (default none)
      labels: {team: web}             # added to every sample

Options:
  --config FILE        the config (required)
  --listen HOST:PORT   where to serve /metrics (default ${DEFAULT_LISTEN}; loopback only unless set)
  --prometheus URL     Prometheus base URL (overrides the config's)
  --once               refresh once, print the exposition on stdout and exit
  -h, --help           show this help

Exit codes: 0 stopped, or --once with every entry refreshed; 1 an entry failed with --once, or the
address cannot be bound; 2 bad usage or config.`;

interface ServeArgs {
  help: boolean;
  config?: string;
  listen: string;
  prometheus?: string;
  once: boolean;
}

class UsageError extends Error {}

export function parseServeArgs(argv: string[]): ServeArgs {
  const args: ServeArgs = { help: false, listen: DEFAULT_LISTEN, once: false };
  const spec = { values: ['--config', '--listen', '--prometheus'], flags: ['--once'], emptyIsMissing: true };
  const walked = walkOptions(argv, spec, (key, value) => {
    if (value === true) args.once = true;
    else if (key === '--config') args.config = value;
    else if (key === '--listen') args.listen = value;
    else args.prometheus = value;
  }, (m) => new UsageError(m));
  args.help = walked.help;
  if (!args.help && args.config === undefined) throw new UsageError('--config FILE is required (see --help)');
  return args;
}

export interface ServeIo {
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
  /** Resolves when the server should stop (default: SIGINT or SIGTERM). */
  stopSignal?: Promise<void>;
}

function loadConfig(path: string, prometheus: string | undefined): ServeConfig {
  const input = readInputText(path);
  if (!input.ok) throw new UsageError(input.message);
  let config: ServeConfig;
  try {
    config = parseServeConfig(input.text);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
  if (prometheus !== undefined) {
    if (!/^https?:\/\//.test(prometheus)) throw new UsageError(`--prometheus must be an http(s) URL, not ${JSON.stringify(prometheus)}`);
    config.prometheus = prometheus;
  }
  if (!config.prometheus) throw new UsageError(`${path}: no Prometheus URL: set "prometheus" in the config or pass --prometheus URL`);
  return config;
}

function stopOnSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The command with its streams passed in (tests capture them). Returns the exit code. */
export async function runServe(argv: string[], io: ServeIo): Promise<number> {
  let args: ServeArgs;
  let config: ServeConfig;
  let listen: { host: string; port: number } | null;
  try {
    args = parseServeArgs(argv);
    if (args.help) {
      io.out(SERVE_USAGE);
      return 0;
    }
    config = loadConfig(args.config as string, args.prometheus);
    listen = parseListen(args.listen);
    if (!listen) throw new UsageError(`--listen must be HOST:PORT (e.g. ${DEFAULT_LISTEN}), not ${JSON.stringify(args.listen)}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`headroom forecast serve: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const client = new PrometheusClient({ url: config.prometheus as string, timeoutMs: config.timeout * 1000, fetch: io.fetch });
  const note = (line: string) => io.err(`headroom forecast serve: ${line}`);
  if (args.once) {
    const state = new ServeState();
    const text = await refreshAll(config, client, Date.now(), state, note);
    io.out(text.replace(/\n$/, ''));
    return state.errors.size > 0 ? 1 : 0;
  }
  let server;
  try {
    server = await startServer(config, client, listen, note);
  } catch (e) {
    io.err(`headroom forecast serve: ${(e as Error).message}`);
    return 1;
  }
  io.err(`headroom forecast serve: serving http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${server.port}/metrics (${config.series.length} configured, every ${config.interval} s, from ${config.prometheus})`);
  await (io.stopSignal ?? stopOnSignal());
  await server.close();
  return 0;
}
