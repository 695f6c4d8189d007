/** @jest-environment node */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { forEachInputLines, InputReadError, someInputLine } from './input';

const dir = mkdtempSync(join(tmpdir(), 'headroom-input-'));
let n = 0;
function file(bytes: Uint8Array | string): string {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, bytes);
  return p;
}

function linesOf(path: string, block: number): { lines: string[]; count: number; firsts: number[] } {
  const lines: string[] = [];
  const firsts: number[] = [];
  const count = forEachInputLines(path, (ls, first) => {
    expect(first).toBe(lines.length + 1);
    firsts.push(first);
    lines.push(...ls);
  }, block);
  return { lines, count, firsts };
}

describe('forEachInputLines', () => {
  it("gives the lines of readFileSync(…, 'utf8').split('\\n'), numbered, whatever the block size", () => {
    // Bytes with multi-byte characters, a BOM, CR, broken UTF-8 and long lines, cut anywhere.
    const piece = fc.oneof(
      fc.constantFrom('\n', '\r\n', '\r', 'é', '€', '😀', '\uFEFF', ' ', '# EOF', 'le="0.5"} 1.25e3'),
      fc.string({ maxLength: 12 }),
      fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString('latin1'))
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), (pieces, binary, block) => {
        const bytes = binary ? Buffer.from(pieces.join(''), 'latin1') : Buffer.from(pieces.join(''), 'utf8');
        const path = file(bytes);
        const want = bytes.toString('utf8').split('\n');
        const got = linesOf(path, block);
        expect(got.lines).toEqual(want);
        expect(got.count).toBe(want.length);
      }),
      { numRuns: 300 }
    );
  });

  it('edge cases: an empty input is one empty line; a trailing newline ends with an empty line', () => {
    expect(linesOf(file(''), 4).lines).toEqual(['']);
    expect(linesOf(file('a\r\nb\n'), 2).lines).toEqual(['a\r', 'b', '']);
  });

  it('a file that cannot be read is one sentence', () => {
    expect(() => forEachInputLines(join(dir, 'missing'), () => undefined)).toThrow(new InputReadError(`cannot read ${join(dir, 'missing')}: no such file`));
    expect(() => forEachInputLines(dir, () => undefined)).toThrow(`cannot read ${dir}: is a directory`);
  });
});

describe('someInputLine', () => {
  it('finds a line by its prefix and test at any block size, as a split of the whole would', () => {
    const isEof = (l: string) => /^# EOF[ \t]*\r?$/.test(l);
    const texts = ['a 1\n# EOF\n', 'a 1\n# EOF', '# EOF \r\n', 'x # EOF\n', '# EOFX\n', 'a\n#  EOF\n', '', '\n# EOF\t'];
    for (const t of texts) {
      const want = t.split('\n').some(isEof);
      for (const block of [1, 2, 3, 5, 64]) expect([t, block, someInputLine(file(t), '# EOF', isEof, block)]).toEqual([t, block, want]);
    }
  });
});
