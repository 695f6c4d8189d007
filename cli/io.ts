import { readFileSync, writeSync } from 'node:fs';
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

/** Bytes a batched writer gathers before it writes them. */
const BATCH = 1 << 16;

/**
 * A line writer straight to a file descriptor, in batches, that waits while a pipe is full, so a
 * command's memory stays bounded however slowly its reader reads (a stream such as
 * process.stdout queues in memory whatever a full pipe does not take). As lineWriter: when the
 * reader goes away (EPIPE) later lines are dropped quietly; other write errors are thrown.
 * `flush` writes what is gathered (call it at the end).
 */
export function fdLineWriter(fd: number): { line: (line: string) => void; flush: () => void } {
  let parts: string[] = [];
  let size = 0;
  let readerGone = false;
  let buf = Buffer.allocUnsafe(4 * BATCH);
  const flush = () => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    size = 0;
    const length = Buffer.byteLength(text, 'utf8');
    if (length > buf.length) buf = Buffer.allocUnsafe(length);
    buf.write(text, 0, 'utf8');
    const bytes = buf.subarray(0, length);
    for (let off = 0; off < bytes.length && !readerGone; ) {
      try {
        off += writeSync(fd, bytes, off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        else if (code === 'EPIPE') readerGone = true;
        else throw e;
      }
    }
  };
  return {
    line: (line) => {
      if (readerGone) return;
      parts.push(line, '\n');
      size += line.length + 1;
      if (size >= BATCH) flush();
    },
    flush,
  };
}
