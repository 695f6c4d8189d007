/** @jest-environment node */
import { readFileSync } from 'fs';
import { describeWithShared, sharedPath } from '../../test/shared';
import { ExpositionParseError, detectFormat, labelsToObject, parseExposition } from './index';

const SCRAPE = ['data', 'histograms', 'client_golang_random_example_alltypes.5mfs.om.txt'];

function parseError(text: string, format?: 'prometheus' | 'openmetrics'): ExpositionParseError {
  try {
    parseExposition(text, { format });
  } catch (e) {
    if (e instanceof ExpositionParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('parseExposition: Prometheus text 0.0.4', () => {
  const text = [
    '# HELP http_requests_total The total number\\nof requests \\\\ ok.',
    '# TYPE http_requests_total counter',
    'http_requests_total{method="post",code="200"} 1027 1395066363000',
    'http_requests_total{method="post",code="400"}    3 1395066363000',
    '',
    '# A normal comment.',
    'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
    'metric_without_timestamp_and_labels 12.47',
    'something_weird{problem="division by zero"} +Inf -3982045',
    'nan_value NaN',
    'trailing_comma{a="1",} -Inf\r',
    '\tindented{a = "x" , b="\\t"} 0x1P3'.replace('0x1P3', '7'),
  ].join('\n');

  it('reads samples, labels, escapes, timestamps and metadata', () => {
    const r = parseExposition(text);
    expect(r.format).toBe('prometheus');
    expect(r.samples).toHaveLength(8);
    const [a, , msdos, plain, weird, nan, comma, indented] = r.samples;
    expect(a).toMatchObject({ name: 'http_requests_total', value: 1027, timestampMs: 1395066363000, line: 3 });
    expect(labelsToObject(a.labels)).toEqual({ method: 'post', code: '200' });
    expect(labelsToObject(msdos.labels)).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
    expect(plain.timestampMs).toBeUndefined();
    expect(weird).toMatchObject({ value: Infinity, timestampMs: -3982045 });
    expect(nan.value).toBeNaN();
    expect(comma.value).toBe(-Infinity);
    // Unknown escapes stay as written, like Prometheus.
    expect(labelsToObject(indented.labels)).toEqual({ a: 'x', b: '\\t' });
    const fam = r.families.get('http_requests_total');
    expect(fam).toMatchObject({ type: 'counter', help: 'The total number\nof requests \\ ok.' });
  });

  it('reports clear errors with line and column', () => {
    expect(parseError('ok 1\nbad{a="1" 2').message).toBe("line 2, column 11: expected ',' or '}' after value of label \"a\"");
    expect(parseError('x{a="1} 2').message).toMatch(/line 1, column 5: unterminated value of label "a"/);
    expect(parseError('x{a="1",a="2"} 2').message).toMatch(/column 9: duplicate label name "a"/);
    expect(parseError('x{1a="1"} 2').message).toMatch(/invalid character "1" at start of label name/);
    expect(parseError('x 1_000').message).toBe('line 1, column 3: invalid sample value "1_000"');
    expect(parseError('x abc').message).toMatch(/invalid sample value "abc"/);
    expect(parseError('x').message).toMatch(/missing sample value/);
    expect(parseError('x 1 1.5').message).toMatch(/invalid timestamp "1.5" \(integer milliseconds expected\)/);
    expect(parseError('x 1 2 3').message).toMatch(/unexpected text after sample: "3"/);
    expect(parseError('# TYPE x histgram').message).toMatch(/unknown metric type "histgram"/);
    expect(parseError('# TYPE x gauge\n# TYPE x counter').message).toMatch(/line 2.*second TYPE line/);
    expect(parseError('x{a="1"}2').message).toMatch(/expected a blank after '}'/);
    expect(parseError('-x 1').message).toMatch(/at start of metric name/);
  });
});

describe('parseExposition: OpenMetrics', () => {
  it('detects OpenMetrics by its # EOF line', () => {
    expect(detectFormat('a 1\n# EOF\n')).toBe('openmetrics');
    expect(detectFormat('a 1\n# EOFX\n')).toBe('prometheus');
  });

  it('reads seconds timestamps, UNIT, and rejects content after # EOF or a missing # EOF', () => {
    const r = parseExposition('# TYPE a_seconds gauge\n# UNIT a_seconds seconds\na_seconds 1 1520879607.789\n# EOF\n');
    expect(r.samples[0].timestampMs).toBeCloseTo(1520879607789, 0);
    expect(r.families.get('a_seconds')?.unit).toBe('seconds');
    expect(parseError('a 1\n# EOF\nb 2\n').message).toBe('line 3, column 1: unexpected content after "# EOF"');
    expect(parseError('a 1\n', 'openmetrics').message).toMatch(/must end with "# EOF"/);
    expect(parseError('a 1 # {x="1"} zz\n# EOF').message).toMatch(/invalid exemplar value "zz"/);
    expect(parseError('a 1 # x\n# EOF').message).toMatch(/expected '\{' to start exemplar labels/);
    expect(parseError('# TYPE a untyped\n# EOF').message).toMatch(/unknown metric type "untyped"/);
  });
});

describeWithShared('parseExposition on the client_golang scrape', [SCRAPE], () => {
  it('reads the shared client_golang scrape: exemplars, created series, summaries', () => {
    const r = parseExposition(readFileSync(sharedPath(...SCRAPE), 'utf8'));
    expect(r.format).toBe('openmetrics');
    const buckets = r.samples.filter((s) => s.name === 'rpc_durations_histogram_seconds_bucket');
    expect(buckets).toHaveLength(21);
    expect(buckets[7].exemplar).toEqual({
      labels: [{ name: 'dummyID', value: '17783' }],
      value: -0.0003825067330956884,
      timestampMs: 1.7268398142239082e9 * 1000,
    });
    expect(r.families.get('rpc_durations_histogram_seconds')?.type).toBe('histogram');
    expect(r.families.get('rpc_durations_seconds')?.type).toBe('summary');
  });
});
