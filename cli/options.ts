// A command's options, walked in order: `-h`/`--help`, flags (`--once`), and `--key value` or
// `--key=value` for the keys that take a value. Each command says what its options mean; this
// says once how they are written.

export interface OptionSpec {
  /** Options that take a value. */
  values: readonly string[];
  /** Options without a value (true when given). */
  flags?: readonly string[];
  /** An empty value (`--key=`) counts as missing. */
  emptyIsMissing?: boolean;
}

/**
 * Hands each option to `onOption` in the order given (so the first bad one is the one reported)
 * and returns whether help was asked for. Edge cases: an unknown argument, or a key without its
 * value, is one sentence made into an error by `fail`; `=` splits only an argument that starts
 * with "--"; a later value of a key comes after the earlier one (the last wins where a command
 * keeps one).
 */
export function walkOptions(argv: readonly string[], spec: OptionSpec, onOption: (key: string, value: string | true) => void, fail: (message: string) => Error): { help: boolean } {
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (spec.flags?.includes(arg)) {
      onOption(arg, true);
      continue;
    }
    const eq = arg.indexOf('=');
    const key = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!spec.values.includes(key)) throw fail(`unknown option ${JSON.stringify(arg)} (see --help)`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (spec.emptyIsMissing && value === '')) throw fail(`${key} needs a value`);
    onOption(key, value);
  }
  return { help };
}
