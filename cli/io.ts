import { readFileSync } from 'node:fs';
import { readFailure } from './input';

/**
 * The text of a file, or of standard input for "-". A failure is one sentence for the user:
 * "cannot read X: no such file" (or: is a directory, permission denied, the system's message).
 */
export function readInputText(path: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: readFileSync(path === '-' ? 0 : path, 'utf8') };
  } catch (e) {
    return { ok: false, message: readFailure(path, e) };
  }
}

/**
 * A line writer for a real output stream. When the reader goes away (`headroom … | head -1`: the
 * write fails with EPIPE, or the stream is already destroyed) the lines already written stay
 * delivered, later lines are dropped and the command ends with its usual exit code, with no stack
 * trace. Any other write error is thrown as before.
 */
export function lineWriter(stream: NodeJS.WritableStream & { destroyed?: boolean }): (line: string) => void {
  let readerGone = false;
  let watching = false;
  return (line) => {
    if (!watching) {
      watching = true;
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
        readerGone = true;
      });
    }
    if (readerGone || stream.destroyed) return;
    stream.write(line + '\n');
  };
}

/** Line writers for a command's real output streams: the one pair every command uses. */
export const stdoutLine = lineWriter(process.stdout);
export const stderrLine = lineWriter(process.stderr);
