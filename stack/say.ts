// How the stack's commands talk: one prefix for every line, and short forms of times and sizes.

/** How the user runs the stack's commands (quoted in messages). */
export const CLI = 'node_modules/.bin/tsx stack/cli.ts';

export const say = (line: string): void => console.log(`headroom stack: ${line}`);
export const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
/** A duration in seconds as s, min or h, whichever reads best. */
export const span = (seconds: number): string =>
  seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
