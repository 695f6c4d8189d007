// The load generator's command line: a bounded run against the live service on loopback, which
// stops by itself after --seconds and reports what it sent and what came back.
//
//   node_modules/.bin/tsx stack/live/load/cli.ts --seconds 120 --rps 20 --day 60 --amplitude 0.5 \
//     --growth 0.1 --spike-at 80 --spike-for 20 [--spike-factor 10] [--checkout 0.2] [--target URL] [--json]
//
// The target defaults to http://127.0.0.1:$HEADROOM_LIVE_PORT (the stack's load balancer).
// Ctrl-C ends it early, with the report. Bad options: one line and exit code 2.
import { parseArgs } from 'node:util';
import { LoadResult, LoadTargetError, runLoad } from './generator';
import { checkProfile, LoadProfile, LoadProfileError } from './profile';

const USAGE = 'usage: tsx stack/live/load/cli.ts --seconds S [--rps R] [--day S] [--amplitude 0..1] [--growth G] [--spike-at S --spike-for S [--spike-factor F]] [--checkout 0..1] [--max-in-flight N] [--target http://127.0.0.1:PORT] [--json]';

export interface LoadCommand {
  target: string;
  profile: LoadProfile;
  checkoutShare: number;
  maxInFlight: number;
  json: boolean;
}

function num(values: Record<string, unknown>, name: string, def?: number): number {
  const raw = values[name];
  if (raw === undefined) {
    if (def === undefined) throw new LoadProfileError(`--${name} is required`);
    return def;
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new LoadProfileError(`--${name} ${String(raw)} is not a number`);
  return n;
}

/** The command line as a run; throws LoadProfileError or LoadTargetError with one line. */
export function parseLoadCommand(argv: string[], env: NodeJS.ProcessEnv): LoadCommand {
  const s = { type: 'string' } as const;
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { target: s, seconds: s, rps: s, day: s, amplitude: s, growth: s, 'spike-at': s, 'spike-for': s, 'spike-factor': s, checkout: s, 'max-in-flight': s, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new LoadProfileError((e as Error).message);
  }
  const durationS = num(values, 'seconds');
  const spikeAt = values['spike-at'] === undefined ? null : num(values, 'spike-at');
  const profile = checkProfile({
    durationS,
    baseRps: num(values, 'rps', 10),
    dayS: num(values, 'day', durationS),
    amplitude: num(values, 'amplitude', 0),
    growthPerDay: num(values, 'growth', 0),
    spike: spikeAt === null ? null : { atS: spikeAt, forS: num(values, 'spike-for'), factor: num(values, 'spike-factor', 10) },
  });
  const checkoutShare = num(values, 'checkout', 0.2);
  if (!(checkoutShare >= 0 && checkoutShare <= 1)) throw new LoadProfileError(`--checkout must be from 0 to 1 (got ${checkoutShare})`);
  const maxInFlight = num(values, 'max-in-flight', 64);
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1 && maxInFlight <= 1024)) throw new LoadProfileError(`--max-in-flight must be a whole number from 1 to 1024 (got ${maxInFlight})`);
  const target = (values.target as string | undefined) ?? (env.HEADROOM_LIVE_PORT ? `http://127.0.0.1:${env.HEADROOM_LIVE_PORT}` : undefined);
  if (!target) throw new LoadTargetError('give --target http://127.0.0.1:PORT or set HEADROOM_LIVE_PORT');
  return { target, profile, checkoutShare, maxInFlight, json: values.json === true };
}

export function formatResult(r: LoadResult): string {
  const codes = Object.entries(r.byCode)
    .sort()
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ');
  return `sent ${r.sent}, ok ${r.ok}, errors ${r.errors}, skipped ${r.skipped} in ${r.seconds.toFixed(1)} s (${codes || 'no answer'})`;
}

async function main(): Promise<void> {
  let cmd: LoadCommand;
  try {
    cmd = parseLoadCommand(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof LoadProfileError || e instanceof LoadTargetError)) throw e;
    console.error(`headroom load: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const stop = new AbortController();
  process.on('SIGINT', () => stop.abort());
  process.on('SIGTERM', () => stop.abort());
  try {
    const r = await runLoad({
      target: cmd.target,
      profile: cmd.profile,
      checkoutShare: cmd.checkoutShare,
      maxInFlight: cmd.maxInFlight,
      signal: stop.signal,
      onProgress: cmd.json ? undefined : (p, t) => process.stderr.write(`\r${t.toFixed(0)} s: ${formatResult(p)}   `),
    });
    if (!cmd.json) process.stderr.write('\n');
    console.log(cmd.json ? JSON.stringify(r) : formatResult(r));
  } catch (e) {
    if (!(e instanceof LoadTargetError)) throw e;
    console.error(`headroom load: ${e.message}`);
    process.exit(2);
  }
}

if (require.main === module) void main();
