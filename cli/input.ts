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

function readBlock(fd: number, buf: Buffer, path: string): number {
  for (;;) {
    try {
      return readSync(fd, buf, 0, buf.length, null);
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
 * Calls `onLines(lines, firstLineNo)` with the input's lines, a block at a time, and returns how
 * many lines there were. Throws InputReadError (one sentence) when the input cannot be read.
 */
export function forEachInputLines(path: string, onLines: (lines: string[], firstLineNo: number) => void, blockSize = BLOCK): number {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw new InputReadError(readFailure(path, e));
  }
  const block = Buffer.allocUnsafe(blockSize);
  let carry: Buffer = Buffer.alloc(0);
  let lineNo = 1;
  try {
    for (;;) {
      const n = readBlock(fd, block, path);
      if (n === 0) break;
      const data = carry.length ? Buffer.concat([carry, block.subarray(0, n)]) : block.subarray(0, n);
      const cut = data.lastIndexOf(10);
      if (cut < 0) {
        carry = Buffer.from(data);
        continue;
      }
      const lines = data.toString('utf8', 0, cut).split('\n');
      carry = Buffer.from(data.subarray(cut + 1));
      onLines(lines, lineNo);
      lineNo += lines.length;
    }
  } finally {
    if (path !== '-') closeSync(fd);
  }
  onLines([carry.toString('utf8')], lineNo);
  return lineNo;
}

/**
 * Whether some line of the input passes `test`, looking only at the lines that start with
 * `prefix` (found in the bytes, not decoded): a fast first pass over a file.
 */
export function someInputLine(path: string, prefix: string, test: (line: string) => boolean, blockSize = BLOCK): boolean {
  const needle = Buffer.from(prefix, 'utf8');
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputReadError(readFailure(path, e));
  }
  const block = Buffer.allocUnsafe(blockSize);
  let carry: Buffer = Buffer.alloc(0);
  const found = (data: Buffer, end: number): boolean => {
    for (let at = data.indexOf(needle); at >= 0 && at < end; at = data.indexOf(needle, at + 1)) {
      if (at > 0 && data[at - 1] !== 10) continue;
      const eol = data.indexOf(10, at);
      if (test(data.toString('utf8', at, eol < 0 ? data.length : eol))) return true;
    }
    return false;
  };
  try {
    for (;;) {
      const n = readBlock(fd, block, path);
      if (n === 0) return found(carry, carry.length);
      const data = carry.length ? Buffer.concat([carry, block.subarray(0, n)]) : block.subarray(0, n);
      const cut = data.lastIndexOf(10);
      if (cut >= 0 && found(data, cut)) return true;
      carry = Buffer.from(data.subarray(cut + 1));
    }
  } finally {
    closeSync(fd);
  }
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
      for (let n = readBlock(0, block, '-'); n > 0; n = readBlock(0, block, '-')) writeSync(fd, block, 0, n);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { path, remove };
}
