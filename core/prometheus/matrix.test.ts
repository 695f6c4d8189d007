import { labelsKey, matrixToSeries, mergeMatrices, sampleValue, vectorToSamples } from './matrix';
import { joinSeries } from './seriesSink';
import { escapeLabelValue, escapeRegexValue, formatDuration, matchers, parseDuration } from './promql';

describe('matrix conversion', () => {
  it('turns [seconds, "value"] into ms and floats, including Prometheus special values', () => {
    const [s] = matrixToSeries([{ metric: { a: '1' }, values: [[1.5, '2'], [2, 'NaN'], [3, '+Inf'], [4, '-Inf'], [5, '1e3'], [6, 'x']] }]);
    expect(s.labels).toEqual({ a: '1' });
    expect(Array.from(s.t)).toEqual([1500, 2000, 3000, 4000, 5000, 6000]);
    expect(Array.from(s.v)).toEqual([2, NaN, Infinity, -Infinity, 1000, NaN]);
    expect(sampleValue('')).toBeNaN();
    expect(vectorToSamples([{ metric: {}, value: [10, '0.5'] }])).toEqual([{ labels: {}, t: 10000, v: 0.5 }]);
  });

  it('merges chunks per label set, dropping a repeated boundary sample', () => {
    const a = { metric: { x: '1', y: '2' }, values: [[1, '1'], [2, '2']] as Array<[number, string]> };
    const b = { metric: { y: '2', x: '1' }, values: [[2, '2'], [3, '3']] as Array<[number, string]> };
    const c = { metric: { x: '9' }, values: [[3, '9']] as Array<[number, string]> };
    const merged = mergeMatrices([[a], [b, c]]);
    expect(merged).toEqual([
      { metric: { x: '1', y: '2' }, values: [[1, '1'], [2, '2'], [3, '3']] },
      { metric: { x: '9' }, values: [[3, '9']] },
    ]);
    expect(labelsKey({ b: '1', a: '2' })).toBe(labelsKey({ a: '2', b: '1' }));
  });
});

describe('joinSeries', () => {
  it('joins chunks per label set, dropping repeated boundary samples, sharing equal time arrays', () => {
    const out = joinSeries([
      matrixToSeries([
        { metric: { a: '1' }, values: [[1, '1'], [2, '+Inf']] },
        { metric: { c: '1' }, values: [[1, '5'], [2, '6']] },
      ]),
      matrixToSeries([
        { metric: { a: '1' }, values: [[2, '2'], [3, '-Inf']] },
        { metric: { c: '1' }, values: [[3, '7']] },
        { metric: { b: '1' }, values: [[3, '']] },
      ]),
    ]);
    expect(out).toEqual([
      { labels: { a: '1' }, t: Float64Array.from([1000, 2000, 3000]), v: Float64Array.from([1, Infinity, -Infinity]) },
      { labels: { c: '1' }, t: Float64Array.from([1000, 2000, 3000]), v: Float64Array.from([5, 6, 7]) },
      { labels: { b: '1' }, t: Float64Array.from([3000]), v: Float64Array.from([NaN]) },
    ]);
    expect(out[1].t).toBe(out[0].t);
  });
});

describe('PromQL helpers', () => {
  it('escapes label values and regex literals', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeRegexValue('m5.large')).toBe('m5\\\\.large');
    expect(matchers({ cluster: 'demo', job: 'x"y' })).toBe('{cluster="demo",job="x\\"y"}');
    expect(() => matchers({ 'bad-name': 'x' })).toThrow('invalid label name "bad-name"');
  });

  it('parses and formats Prometheus durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30 days')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(formatDuration(30 * 86_400_000)).toBe('30d');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});
