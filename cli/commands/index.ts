import { Command } from './types';
import { costCommand } from './cost';

/** Every subcommand of `headroom`, in the order `--help` lists them. */
export const commands: Command[] = [costCommand];
