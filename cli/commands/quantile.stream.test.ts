/** @jest-environment node */
// The streaming command against the whole-text computation (quantileRows: parse the text,
// group every series, compute), on random expositions read in random block sizes, so that block
// ends split lines, numbers, labels, CRLF pairs and multi-byte characters.
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { ExpositionParseError } from '../../core/exposition';
import { formatOf, formatRow, QuantileRow, quantileRows, runQuantile, streamQuantileRows } from './quantile';

const dir = mkdtempSync(join(tmpdir(), 'headroom-quantile-stream-'));
let files = 0;
function file(text: string): string {
  const p = join(dir, `e${files++}.txt`);
  writeFileSync(p, text);
  return p;
}

const QS = [0.5, 0.9, 0.99];

function streamed(text: string, block: number): { rows: string[]; notes: string[] } | { error: string } {
  const path = file(text);
  const rows: string[] = [];
  const notes: string[] = [];
  try {
    streamQuantileRows(path, QS, formatOf(path, 'auto', block), (r: QuantileRow) => rows.push(formatRow(r)), (n) => notes.push(n), block);
    return { rows, notes };
  } catch (e) {
    if (e instanceof ExpositionParseError) return { error: e.message };
    throw e;
  }
}

function whole(text: string): { rows: string[]; notes: string[] } | { error: string } {
  try {
    const r = quantileRows(text, QS, 'auto');
    return { rows: r.rows.map(formatRow), notes: r.notes };
  } catch (e) {
    if (e instanceof ExpositionParseError) return { error: e.message };
    throw e;
  }
}

// One exposition: families of histogram series, each series' lines together (as exporters write).
const le = fc.constantFrom('0.1', '0.5', '1', '1.0', '+Inf', 'Inf', '2.5e-1', 'x', '-1', 'NaN', '0x1p-2');
const count = fc.constantFrom('0', '1', '2.5', '17', '1e3', 'NaN', '+Inf', '12345678901234567890', '.5');
const labelValue = fc.constantFrom('a', 'b', 'a\\"b', 'x\\\\y', 'ü€', 'line\\nbreak', '');
const series = fc.record({
  labels: fc.uniqueArray(fc.tuple(fc.constantFrom('job', 'code', 'path'), labelValue), { selector: (l) => l[0], maxLength: 3 }),
  buckets: fc.array(fc.tuple(le, count, fc.option(fc.constantFrom('1000', '2000'), { nil: undefined })), { maxLength: 5 }),
  leFirst: fc.boolean(),
  sumCount: fc.boolean(),
});
const family = fc.record({
  name: fc.constantFrom('lat', 'http_request_duration_seconds', 'x_bucket'),
  typed: fc.boolean(),
  // One label set is one series, whatever the order its labels are written in.
  series: fc.uniqueArray(series, { selector: (s) => JSON.stringify([...s.labels].sort()), maxLength: 3 }),
});
const exposition = fc
  .record({
    families: fc.uniqueArray(family, { selector: (f) => f.name, maxLength: 3 }),
    crlf: fc.boolean(),
    eof: fc.boolean(),
    trailingNewline: fc.boolean(),
    noise: fc.array(fc.constantFrom('', '# a comment', 'up 1', 'up{job="x"} 0 1000', '   '), { maxLength: 3 }),
  })
  .map((e) => {
    const lines: string[] = [...e.noise];
    for (const f of e.families) {
      if (f.typed) lines.push(`# TYPE ${f.name} histogram`);
      for (const s of f.series) {
        const labels = s.labels.map(([k, v]) => `${k}="${v}"`);
        for (const [b, c, ts] of s.buckets) {
          const all = s.leFirst ? [`le="${b}"`, ...labels] : [...labels, `le="${b}"`];
          lines.push(`${f.name}_bucket{${all.join(',')}} ${c}${ts ? ` ${ts}` : ''}`);
        }
        if (s.sumCount) lines.push(`${f.name}_sum{${labels.join(',')}} 1`, `${f.name}_count{${labels.join(',')}} 2`);
      }
    }
    if (e.eof) lines.push('# EOF');
    const nl = e.crlf ? '\r\n' : '\n';
    return lines.join(nl) + (e.trailingNewline ? nl : '');
  });

describe('headroom quantile, streamed', () => {
  it('prints the rows and notes of the whole-text computation, at any block size', () => {
    fc.assert(
      fc.property(exposition, fc.integer({ min: 1, max: 48 }), (text, block) => {
        expect(streamed(text, block)).toEqual(whole(text));
      }),
      { numRuns: 400 }
    );
  });

  it('stops at a malformed line with the same line, column and reason', () => {
    const bad = fc.constantFrom('bad{le="1" 2', 'h_bucket{le="1"} one', 'h_bucket{le="1",le="2"} 1', '# TYPE h nonsense', '9x 1', 'h_bucket{le="1"} 1 1.5.5');
    fc.assert(
      fc.property(exposition, bad, fc.nat(), fc.integer({ min: 1, max: 48 }), (text, line, at, block) => {
        const lines = text.split('\n');
        lines.splice(at % (lines.length + 1), 0, line);
        const broken = lines.join('\n');
        const want = whole(broken);
        const got = streamed(broken, block);
        expect('error' in want).toBe(true); // each bad line is bad in both formats
        expect(got).toEqual(want);
      }),
      { numRuns: 300 }
    );
  });

  it('edge cases: empty input, CRLF, a number or a line cut by the block end', () => {
    expect(streamed('', 1)).toEqual({ rows: [], notes: [] });
    const text = 'h_bucket{le="0.25"} 12.5\r\nh_bucket{le="+Inf"} 125\r\n';
    for (let block = 1; block <= text.length + 1; block++) expect(streamed(text, block)).toEqual(whole(text));
    expect((whole(text) as { rows: string[] }).rows[0]).toBe('{"metric":"h","labels":{},"q":0.5,"value":0.25}');
    // One series whose labels are written in another order on its second line.
    const reordered = 'h_bucket{a="1",b="2",le="1"} 1\nh_bucket{le="+Inf",b="2",a="1"} 2\n';
    expect(streamed(reordered, 5)).toEqual(whole(reordered));
    expect((streamed(reordered, 5) as { rows: string[] }).rows).toHaveLength(3);
  });

  it('refuses a series whose buckets resume after another series, naming the line', () => {
    const text = 'h_bucket{job="a",le="1"} 1\nh_bucket{job="b",le="1"} 1\nh_bucket{job="a",le="+Inf"} 2\n';
    expect(streamed(text, 7)).toEqual({ error: 'line 3, column 1: the buckets of series h{job="a"} resume here after those of other series (it began on line 1); an exposition lists each series\' samples together' });
    const families = 'h_bucket{le="1"} 1\ng_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\n';
    expect(streamed(families, 64)).toEqual({ error: "line 3, column 1: the buckets of histogram h resume here after those of other series (it began on line 1); an exposition lists each series' samples together" });
    const out: string[] = [];
    const err: string[] = [];
    expect(runQuantile(['--input', file(text)], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(out).toHaveLength(8); // the series before line 3 were complete: job="a" (as far as it went) and job="b"
    expect(err).toEqual([expect.stringMatching(/^headroom quantile: .*:3:1: the buckets of series h\{job="a"\} resume here/)]);
  });

  it('reads standard input ("-"), telling OpenMetrics by its # EOF line', () => {
    const tsx = resolve(__dirname, '../../node_modules/.bin/tsx');
    const input = '# TYPE h histogram\nh_bucket{le="1"} 1 1.5\nh_bucket{le="+Inf"} 2 1.5\n# EOF\n';
    const r = spawnSync(tsx, [resolve(__dirname, '../main.ts'), 'quantile', '--input', '-', '--q', '0.5'], { input, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect([r.status, r.stdout]).toEqual([0, '{"metric":"h","labels":{},"q":0.5,"value":1}\n']);
  });
});
