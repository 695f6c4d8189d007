/** @jest-environment node */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DEFAULT_QS, formatValue, parseQList, quantileCommand, runQuantile } from './quantile';
import { parseExposition, labelsToObject } from '../../core/exposition';
import { describeWithShared, sharedPath } from '../../test/shared';

const OM_PARTS = ['data', 'histograms', 'client_golang_random_example_alltypes.5mfs.om.txt'];
const EXPECTED_PARTS = ['data', 'histograms', 'expected_classic_quantiles_client_golang_example.csv'];

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runQuantile(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

function tmpFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-quantile-'));
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describeWithShared('headroom quantile against promtool 2.42 on the client_golang scrape', [OM_PARTS, EXPECTED_PARTS], () => {
  it('matches promtool 2.42 exactly on the shared client_golang scrape', () => {
    // The CSV has CRLF line ends.
    const [header, ...rows] = readFileSync(sharedPath(...EXPECTED_PARTS), 'utf8').trim().split(/\r?\n/);
    expect(header).toBe('metric,labels,q,expected');
    const qs = rows.map((r) => r.split(',').slice(-2)[0]);
    const { code, out, err } = run(['--input', sharedPath(...OM_PARTS), '--q', qs.join(',')]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const got = out.map((l) => JSON.parse(l));
    expect(got).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const cells = row.split(',');
      const [metric, expected] = [cells[0], Number(cells[cells.length - 1])];
      const labelText = cells.slice(1, -2).join(',');
      const labels = labelText ? labelsToObject(parseExposition(`x{${labelText}} 0`).samples[0].labels) : {};
      expect(got[i]).toEqual({ metric, labels, q: Number(cells[cells.length - 2]), value: expected });
      expect(Object.is(got[i].value, expected)).toBe(true);
    });
  });
});

describe('headroom quantile', () => {
  it('prints one JSON line per series and q with labels without le; NaN/Inf as strings', () => {
    const file = tmpFile(
      'm.prom',
      [
        'lat_bucket{job="a",le="0.1"} 5',
        'lat_bucket{job="a",le="+Inf"} 10',
        'lat_bucket{job="b",le="0.1"} 5',
        'lat_sum{job="a"} 1',
      ].join('\n'),
    );
    const { code, out } = run(['--input', file, '--q=0.25,1,-1,2']);
    expect(code).toBe(0);
    expect(out).toEqual([
      '{"metric":"lat","labels":{"job":"a"},"q":0.25,"value":0.05}',
      '{"metric":"lat","labels":{"job":"a"},"q":1,"value":0.1}',
      '{"metric":"lat","labels":{"job":"a"},"q":-1,"value":"-Inf"}',
      '{"metric":"lat","labels":{"job":"a"},"q":2,"value":"+Inf"}',
      '{"metric":"lat","labels":{"job":"b"},"q":0.25,"value":"NaN"}',
      '{"metric":"lat","labels":{"job":"b"},"q":1,"value":"NaN"}',
      '{"metric":"lat","labels":{"job":"b"},"q":-1,"value":"-Inf"}',
      '{"metric":"lat","labels":{"job":"b"},"q":2,"value":"+Inf"}',
    ]);
  });

  it('uses the default quantiles and notes ignored buckets', () => {
    const file = tmpFile('m.prom', 'h_bucket{le="1"} 1\nh_bucket{le="x"} 1\nh_bucket{le="+Inf"} 2\n');
    const { code, out, err } = run(['--input', file]);
    expect(code).toBe(0);
    expect(out.map((l) => JSON.parse(l).q)).toEqual(DEFAULT_QS);
    expect(err).toEqual([`headroom quantile: note: ${file}: line 2: le="x" is not a number; histogram_quantile ignores this bucket`]);
  });

  it('prints --help', () => {
    const { code, out } = run(['--help']);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Usage: headroom quantile --input FILE/);
  });

  it('fails with one clear line on bad input', () => {
    const OM_FILE = tmpFile('h.om.txt', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\n# EOF\n');
    const cases: Array<[string[], RegExp]> = [
      [[], /^headroom quantile: --input FILE is required/],
      [['--input', '/nonexistent/x.prom'], /^headroom quantile: cannot read \/nonexistent\/x.prom: no such file$/],
      [['--input', OM_FILE, '--q', '0.5,abc'], /^headroom quantile: --q: "abc" is not a number/],
      [['--input', OM_FILE, '--q', '0.5,'], /^headroom quantile: --q: empty item/],
      [['--input', OM_FILE, '--q'], /^headroom quantile: --q needs a value$/],
      [['--input', OM_FILE, '--bogus'], /^headroom quantile: unknown option "--bogus"/],
      [['--input', OM_FILE, '--format', 'json'], /^headroom quantile: --format must be/],
      [['--input', tmpFile('bad.prom', 'ok 1\nbad{le="1" 2\n')], /^headroom quantile: .*bad\.prom:2:12: expected ',' or '}' after value of label "le"$/],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = run(argv);
      expect([argv, code, out.length, err.length]).toEqual([argv, 2, 0, 1]);
      expect(err[0]).toMatch(message);
    }
  });

  it('notes an input without histograms', () => {
    const { code, out, err } = run(['--input', tmpFile('g.prom', 'up 1\n')]);
    expect([code, out, err.length]).toEqual([0, [], 1]);
    expect(err[0]).toMatch(/no classic histogram/);
  });

  it('formats values and parses q lists like PromQL numbers', () => {
    expect([NaN, Infinity, -Infinity, -0, 0.1, 1e-7].map(formatValue)).toEqual(['"NaN"', '"+Inf"', '"-Inf"', '-0', '0.1', '1e-7']);
    expect(parseQList('0.5, 0.99,NaN')).toEqual([0.5, 0.99, NaN]);
  });

  it('is registered as a Command', () => {
    expect(quantileCommand.name).toBe('quantile');
    expect(typeof quantileCommand.run).toBe('function');
  });
});
