import fc from 'fast-check';
import { matrixToSeries } from './matrix';
import { parseMatrixBytes, parseMatrixText } from './parseMatrix';
import { MatrixSeries } from './types';

const viaJson = (text: string) => matrixToSeries((JSON.parse(text) as { data: { result: MatrixSeries[] } }).data.result);

describe('parseMatrixBytes (through parseMatrixText)', () => {
  it('reads a matrix answer into the same series as JSON.parse + matrixToSeries', () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          { metric: { __name__: 'up', job: 'a "quoted" \\ job', city: 'Zürich ☃' }, values: [[1700000000, '1'], [1700000060.5, '0.25'], [1700000120.123, '-3']] },
          { metric: {}, values: [[1.001, 'NaN'], [2, '+Inf'], [3, '-Inf'], [4, '1e-05'], [5, '-0'], [6, '123456789012345678']] },
          { metric: { a: 'b' }, values: [] },
        ],
      },
      warnings: ['partial'],
    };
    for (const text of [JSON.stringify(body), JSON.stringify(body, null, 2)]) {
      const r = parseMatrixText(text);
      expect(r?.warnings).toEqual(['partial']);
      expect(r?.series).toEqual(viaJson(text));
    }
  });

  it('agrees with JSON.parse on random answers (property)', () => {
    const label = fc.string({ maxLength: 12, unit: 'binary' });
    const value = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
      fc.constantFrom('NaN', '+Inf', '-Inf', '0', '-0', '1e+300', '4.9e-324'),
    );
    const ts = fc.tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 })).map(([s, ms, digits]) =>
      digits === 0 ? s : Number(`${s}.${String(ms).padStart(3, '0').slice(0, digits)}`),
    );
    const series = fc.record({ metric: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), label, { maxKeys: 4 }), values: fc.array(fc.tuple(ts, value), { maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(series, { maxLength: 5 }), fc.boolean(), (result, pretty) => {
        const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }, null, pretty ? 1 : 0);
        const r = parseMatrixText(text);
        expect(r).not.toBeNull();
        expect(r?.series).toEqual(viaJson(text));
      }),
      { numRuns: 200 },
    );
  });

  it('reads decimal values exactly as Number() does (the integer / 10^k fast path)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,8})$/), fc.stringMatching(/^[0-9]{0,9}$/))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 30 }), (values) => {
        const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: values.map((x, i) => [1700000000 + i * 15, x]) }] } });
        const r = parseMatrixText(text);
        expect(Array.from(r?.series[0].v ?? [])).toEqual(values.map(Number));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every sample of long series (past the growable buffer) and of several series in a row', () => {
    const long = Array.from({ length: 10_007 }, (_, i) => [1700000000 + i * 60, String(i % 13)]);
    const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: '1' }, values: long }, { metric: { a: '2' }, values: long.slice(0, 3) }] } });
    const r = parseMatrixText(text);
    expect(r?.series.map((s) => s.t.length)).toEqual([10_007, 3]);
    expect(r?.series).toEqual(viaJson(text));
  });

  it('reads the bytes of a UTF-8 body the way Response.text() + JSON.parse would', () => {
    const text = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { city: 'Zürich ☃ 𝄞', q: 'a\u0000b' }, values: [[1, '2']] }] } });
    const r = parseMatrixBytes(new TextEncoder().encode(text));
    expect(r?.series).toEqual(viaJson(text));
  });

  it('reads "values" before "metric", and a series without "metric", like JSON.parse', () => {
    const values = Array.from({ length: 1500 }, (_, i) => `[${1700000000 + i * 60},"${i % 7}"]`).join(',');
    const text = `{"status":"success","data":{"resultType":"matrix","result":[{"values":[${values}],"metric":{"a":"late"}},{"values":[[1,"2"]]},{"metric":{"a":"first"},"values":[[1,"3"]]}]}}`;
    const r = parseMatrixText(text);
    expect(r?.series.map((s) => s.labels)).toEqual([{ a: 'late' }, {}, { a: 'first' }]);
    expect(r?.series).toEqual(viaJson(text));
  });

  it('returns null for anything but a successful float matrix, so the caller falls back', () => {
    const ok = '{"status":"success","data":{"resultType":"matrix","result":[]}}';
    expect(parseMatrixText(ok)).toEqual({ series: [], warnings: [] });
    for (const text of [
      '{"status":"success","data":{"resultType":"vector","result":[]}}',
      '{"status":"error","errorType":"bad_data","error":"x"}',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[]}]}}',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]',
      `${ok} trailing`,
      '<html>502</html>',
      '',
      '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,2]]}]}}',
    ]) {
      expect(parseMatrixText(text)).toBeNull();
    }
  });
});
