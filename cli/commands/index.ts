import { Command } from './types';
import { costCommand } from './cost';
import { forecastCommand } from './forecast';
import { quantileCommand } from './quantile';

/** Every subcommand of `headroom`, in the order `--help` lists them. */
export const commands: Command[] = [quantileCommand, costCommand, forecastCommand];
