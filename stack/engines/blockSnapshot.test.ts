/** @jest-environment node */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blocksToRead, snapshotBlocks } from './blockSnapshot';

const A = '01M91K7XPMNX9YB8Z5HD0MVN1M';
const B = '01M91K7XR6A6W6MWAFK2BPW3RK';
const C = '01M91K7XSE8AMMH295D0QYPSEE';

function block(dir: string, ulid: string, parents: string[] = []): void {
  fs.mkdirSync(path.join(dir, ulid, 'chunks'), { recursive: true });
  fs.writeFileSync(path.join(dir, ulid, 'meta.json'), JSON.stringify({ ulid, compaction: { parents: parents.map((p) => ({ ulid: p })) } }));
  fs.writeFileSync(path.join(dir, ulid, 'index'), `index of ${ulid}`);
  fs.writeFileSync(path.join(dir, ulid, 'chunks', '000001'), `chunks of ${ulid}`);
}

describe('blocksToRead', () => {
  it('leaves out the blocks a block of the set was compacted from, keeps the rest', () => {
    expect(blocksToRead([{ ulid: A }, { ulid: B }, { ulid: C, compaction: { parents: [{ ulid: A }, { ulid: B }] } }])).toEqual([C]);
    expect(blocksToRead([{ ulid: A }, { ulid: C, compaction: { parents: [{ ulid: B }] } }])).toEqual([A, C]);
    expect(blocksToRead([])).toEqual([]);
  });
});

describe('snapshotBlocks', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-snap-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('hard-links finished blocks only, without the parents of a compacted block, and they outlive the originals', () => {
    const tsdb = path.join(tmp, 'tsdb');
    block(tsdb, A);
    block(tsdb, B);
    block(tsdb, C, [A, B]);
    fs.mkdirSync(path.join(tsdb, `${C}.tmp-for-creation`));
    fs.mkdirSync(path.join(tsdb, 'wal'));
    const snap = path.join(tmp, 'snap');
    expect(snapshotBlocks(tsdb, snap)).toEqual([C]);
    expect(fs.readdirSync(snap)).toEqual([C]);
    expect(fs.statSync(path.join(snap, C, 'chunks', '000001')).ino).toBe(fs.statSync(path.join(tsdb, C, 'chunks', '000001')).ino);
    fs.rmSync(path.join(tsdb, C), { recursive: true });
    expect(fs.readFileSync(path.join(snap, C, 'index'), 'utf8')).toBe(`index of ${C}`);
  });

  it('empties the snapshot folder of a previous run', () => {
    const tsdb = path.join(tmp, 'tsdb');
    block(tsdb, A);
    const snap = path.join(tmp, 'snap');
    block(snap, B);
    expect(snapshotBlocks(tsdb, snap)).toEqual([A]);
    expect(fs.readdirSync(snap)).toEqual([A]);
  });
});
