// A consistent copy of a running Prometheus' TSDB blocks, for `vmctl prometheus` to read: hard
// links (no data copied) of every finished block, taken again until the set of blocks stood still
// while it was taken, minus the blocks a newer block in the copy was compacted from.
//
// Why: vmctl reads blocks while Prometheus may compact them (on start it merges the backfilled
// raw and recording-rule blocks, which overlap) and delete the originals; reading the live folder
// then imports part of the series only. Prometheus' own snapshot API needs --web.enable-admin-api;
// blocks are immutable once renamed into place, so hard links of them are as good.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A block folder: a ULID (26 Crockford base-32 characters); `.tmp-…` folders are unfinished. */
const BLOCK = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface BlockMeta {
  ulid: string;
  compaction?: { parents?: Array<{ ulid: string }> };
}

/**
 * The blocks to read from a set that may hold both a compacted block and its parents (taken while
 * the compaction renamed the new block in and had not yet deleted the old ones): every block that
 * is a parent of another block of the set is left out. Edge cases: no metas → []; a parent whose
 * child is not in the set stays (its data is nowhere else).
 */
export function blocksToRead(metas: readonly BlockMeta[]): string[] {
  const replaced = new Set(metas.flatMap((m) => (m.compaction?.parents ?? []).map((p) => p.ulid)));
  return metas.map((m) => m.ulid).filter((u) => !replaced.has(u)).sort();
}

function blockDirs(tsdbDir: string): string[] {
  return fs
    .readdirSync(tsdbDir)
    .filter((name) => BLOCK.test(name) && fs.existsSync(path.join(tsdbDir, name, 'meta.json')))
    .sort();
}

/** Hard-links every file of `from` into `to` (folders recreated); throws ENOENT when a file went away. */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else fs.linkSync(source, target);
  }
}

/**
 * Fills `snapshotDir` (emptied first; on the same file system as `tsdbDir`) with hard links of the
 * blocks to read. Retries (at most `attempts` times) when blocks appeared or went away meanwhile.
 * Returns the ULIDs linked.
 */
export function snapshotBlocks(tsdbDir: string, snapshotDir: string, attempts = 5): string[] {
  for (let attempt = 1; ; attempt++) {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
    fs.mkdirSync(snapshotDir, { recursive: true });
    const before = blockDirs(tsdbDir);
    let complete = true;
    const metas: BlockMeta[] = [];
    for (const ulid of before) {
      try {
        linkTree(path.join(tsdbDir, ulid), path.join(snapshotDir, ulid));
        metas.push(JSON.parse(fs.readFileSync(path.join(snapshotDir, ulid, 'meta.json'), 'utf8')) as BlockMeta);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        complete = false;
        break;
      }
    }
    if (complete && blockDirs(tsdbDir).join() === before.join()) {
      const keep = new Set(blocksToRead(metas));
      for (const m of metas) if (!keep.has(m.ulid)) fs.rmSync(path.join(snapshotDir, m.ulid), { recursive: true, force: true });
      return [...keep].sort();
    }
    if (attempt >= attempts) throw new Error(`the TSDB blocks in ${tsdbDir} kept changing (compaction) during ${attempts} snapshots`);
  }
}
