// Reading a command's input a line at a time, in constant memory: a file, or standard input for
// "-". Blocks of bytes are cut after their last '\n' (a '\n' never falls inside a UTF-8
// character, and ends any broken sequence before it) and decoded by the decoder readFileSync(…,
// 'utf8') uses for the whole (a BOM kept, bad bytes as U+FFFD), so the lines are those of
// text.split('\n') on the whole input, numbered from 1; the last one is what follows the last
// '\n' (an empty line when the input ends with one).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes read at a time: small enough that a block's lines die young (less memory, less GC). */
export const BLOCK = 1 << 16;

/** The one sentence for a file that cannot be read. */
export function readFailure(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return `cannot read ${path}: ${why}`;
}

/** A failure to open or read the input (not one of the callback's own errors). */
export class InputReadError extends Error {}

function readBlock(fd: number, buf: Buffer, offset: number, length: number, path: string): number {
  for (;;) {
    try {
      return readSync(fd, buf, offset, length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // Non-blocking standard input with nothing yet: wait a little for the writer.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') return 0;
      throw new InputReadError(readFailure(path, e));
    }
  }
}

/**
 * Calls `onBlock(bytes, last)` with the input in pieces that each end at a line end (the '\n'
 * left out); the last piece is what follows the last '\n'. `bytes` is a view on one buffer used
 * again for the next piece (nothing is allocated a block). Stops early when onBlock returns true,
 * and returns whether it did.
 */
function forEachLineBlock(path: string, blockSize: number, onBlock: (bytes: Buffer, last: boolean) => boolean | void): boolean {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw new InputReadError(readFailure(path, e));
  }
  let buf = Buffer.allocUnsafe(2 * blockSize);
  let filled = 0; // bytes of an unfinished line at the start of buf
  try {
    for (;;) {
      if (buf.length - filled < blockSize) {
        // A line longer than the buffer: room for it and one more block.
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readBlock(fd, buf, filled, blockSize, path);
      if (n === 0) break;
      const end = filled + n;
      const cut = buf.lastIndexOf(10, end - 1);
      if (cut < filled) {
        filled = end;
        continue;
      }
      if (onBlock(buf.subarray(0, cut), false)) return true;
      buf.copyWithin(0, cut + 1, end);
      filled = end - cut - 1;
    }
    return onBlock(buf.subarray(0, filled), true) === true;
  } finally {
    if (path !== '-') closeSync(fd);
  }
}

/**
 * Calls `onLines(lines, firstLineNo)` with the input's lines, a block at a time, and returns how
 * many lines there were. Throws InputReadError (one sentence) when the input cannot be read.
 */
export function forEachInputLines(path: string, onLines: (lines: string[], firstLineNo: number) => void, blockSize = BLOCK): number {
  let lineNo = 1;
  forEachLineBlock(path, blockSize, (bytes) => {
    const lines = bytes.toString('utf8').split('\n');
    onLines(lines, lineNo);
    lineNo += lines.length;
  });
  return lineNo - 1;
}

/**
 * Whether some line of the input passes `test`, looking only at the lines that start with
 * `prefix` (found in the bytes, not decoded): a fast first pass over a file.
 */
export function someInputLine(path: string, prefix: string, test: (line: string) => boolean, blockSize = BLOCK): boolean {
  const needle = Buffer.from(prefix, 'utf8');
  return forEachLineBlock(path, blockSize, (bytes) => {
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) {
      if (at > 0 && bytes[at - 1] !== 10) continue;
      const eol = bytes.indexOf(10, at);
      if (test(bytes.toString('utf8', at, eol < 0 ? bytes.length : eol))) return true;
    }
    return false;
  });
}

/** Standard input copied to a temporary file (to read it twice); `remove` deletes it. */
export function spoolStdin(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-stdin-'));
  const path = join(dir, 'stdin');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const fd = openSync(path, 'w');
    try {
      const block = Buffer.allocUnsafe(BLOCK);
      for (let n = readBlock(0, block, 0, BLOCK, '-'); n > 0; n = readBlock(0, block, 0, BLOCK, '-')) writeSync(fd, block, 0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { path, remove };
}
