/** One `headroom` subcommand. `run` returns the process exit code; it never calls process.exit. */
export interface Command {
  name: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}
