import { readFileSync } from 'node:fs';

/**
 * The text of a file, or of standard input for "-". A failure is one sentence for the user:
 * "cannot read X: no such file" (or: is a directory, permission denied, the system's message).
 */
export function readInputText(path: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: readFileSync(path === '-' ? 0 : path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { ok: false, message: `cannot read ${path}: ${why}` };
  }
}

/** Line writers for a command's real output streams. */
export const stdoutLine = (line: string) => process.stdout.write(line + '\n');
export const stderrLine = (line: string) => process.stderr.write(line + '\n');
