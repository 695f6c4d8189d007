// The local demo stack: simulator + Prometheus (30 days of history) + Alertmanager + webhook
// receiver, all on 127.0.0.1, all state in one folder. This file reads the command line; the
// commands are start.ts, stop.ts and status.ts.
//
//   node_modules/.bin/tsx stack/cli.ts start [--detach] [--fresh]   start (foreground: Ctrl-C stops)
//   node_modules/.bin/tsx stack/cli.ts stop [--clean]               stop what a start started
//   node_modules/.bin/tsx stack/cli.ts status                       what runs, and the incident schedule
import { StackError } from './config';
import { CLI } from './say';
import { start } from './start';
import { status } from './status';
import { stop } from './stop';

const USAGE = `usage: ${CLI} start [--detach] [--fresh] | stop [--clean] | status`;

/** The flags of `args`, each one of `allowed`; throws the usage on anything else. */
function flags<F extends string>(args: string[], allowed: readonly F[]): Record<F, boolean> {
  const unknown = args.find((a) => !(allowed as readonly string[]).includes(a));
  if (unknown !== undefined) throw new StackError(`unknown option ${unknown}; ${USAGE}`);
  return Object.fromEntries(allowed.map((f) => [f, args.includes(f)])) as Record<F, boolean>;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const f = flags(rest, ['--detach', '--fresh'] as const);
      return start({ detach: f['--detach'], fresh: f['--fresh'] });
    }
    case 'stop':
      return stop({ clean: flags(rest, ['--clean'] as const)['--clean'] });
    case 'status':
      flags(rest, [] as const);
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
