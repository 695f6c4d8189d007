import { Command } from './types';

/** Every subcommand of `headroom`, in the order `--help` lists them. */
export const commands: Command[] = [];
