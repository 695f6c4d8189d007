/** @jest-environment node */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isOurs, lastError, readRecords, removeRecord, writeRecord } from './procs';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-procs-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('lastError picks the line that says what went wrong', () => {
  const log = path.join(dir, 'x.log');
  fs.writeFileSync(log, 'starting\nError: Cannot find module tsx\n    at resolve (node:internal)\n}\n\nNode.js v20.20.2\n');
  expect(lastError(log)).toBe('Error: Cannot find module tsx');
  fs.writeFileSync(log, 'ts=1 level=info msg=ok\nts=2 level=error msg="opening storage failed"\nts=3 level=info msg="See you next time!"\n');
  expect(lastError(log)).toBe('ts=2 level=error msg="opening storage failed"');
  fs.writeFileSync(log, 'all fine\n');
  expect(lastError(log)).toBe('all fine');
  expect(lastError(path.join(dir, 'missing.log'))).toBe('(no log)');
});

test('pid records: written, read back, a half-written one dropped, and only a matching command line is ours', () => {
  writeRecord(dir, { name: 'simulator', pid: process.pid, marker: 'node', startedAt: 'now' });
  writeRecord(dir, { name: 'receiver', pid: process.pid, marker: 'no-such-marker-in-this-command-line', startedAt: 'now' });
  fs.writeFileSync(path.join(dir, 'pids', 'broken.pid'), '{"name": "bro');
  const records = readRecords(dir);
  expect(records.map((r) => r.name)).toEqual(['receiver', 'simulator']);
  expect(fs.existsSync(path.join(dir, 'pids', 'broken.pid'))).toBe(false);
  expect(isOurs(records[1])).toBe(true);
  expect(isOurs(records[0])).toBe(false); // a reused pid that runs something else is left alone
  expect(isOurs({ pid: 2 ** 22 + 12345, marker: 'node' })).toBe(false);
  removeRecord(dir, 'receiver');
  expect(readRecords(dir).map((r) => r.name)).toEqual(['simulator']);
});
