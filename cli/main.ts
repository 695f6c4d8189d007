import { commands } from './commands';
import { stderrLine, stdoutLine } from './io';

declare const HEADROOM_VERSION: string;

function usage(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: headroom <command> [options]', '', 'Commands:', ...lines, '', 'Run `headroom <command> --help` for its options.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdoutLine(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    stdoutLine(typeof HEADROOM_VERSION === 'string' ? HEADROOM_VERSION : 'dev');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    stderrLine(`headroom: unknown command "${name}" (known: ${commands.map((c) => c.name).join(', ') || 'none'})`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    stderrLine(`headroom ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
