import fc from 'fast-check';
import { DataFrameType, FieldType, toDataFrame } from '@grafana/data';
import { bucketQuantile } from '../../../core/histogram';
import { latencyModelFromFrames, NOT_A_HISTOGRAM } from './fromFrames';
import { parsePercentiles, percentileSeries, shareBelowOverRange } from './percentiles';
import { LatencyModel } from './types';

const times = [60000, 120000, 180000];

function leFrame(le: string, values: number[], name?: string, extra: Record<string, string> = {}) {
  return toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: 'Value', type: FieldType.number, values, labels: { le, ...(name ? { __name__: name } : {}), ...extra } },
    ],
  });
}

function model(frames: ReturnType<typeof leFrame>[]): LatencyModel {
  const result = latencyModelFromFrames(frames);
  if ('message' in result) throw new Error(result.message);
  return result.model;
}

describe('latencyModelFromFrames', () => {
  it('says "No data" for no frames, and how to query for frames without le', () => {
    expect(latencyModelFromFrames([])).toEqual({ message: 'No data' });
    const plain = toDataFrame({ fields: [{ name: 'Time', type: FieldType.time, values: times }, { name: 'up', type: FieldType.number, values: [1, 1, 1] }] });
    expect(latencyModelFromFrames([plain])).toEqual({ message: NOT_A_HISTOGRAM });
  });

  it('reads cumulative le series in any order, with string bounds, and computes quantiles as histogram_quantile', () => {
    const m = model([leFrame('+Inf', [10, 10, 10]), leFrame('0.1', [2, 5, 9]), leFrame('0.5', [8, 9, 10])]);
    expect(Array.from(m.uppers)).toEqual([0.1, 0.5, Infinity]);
    const p90 = percentileSeries(m, 0.9);
    expect(p90[0]).toBe(bucketQuantile(0.9, [0.1, 0.5, Infinity], [2, 8, 10]));
    expect(p90[2]).toBe(bucketQuantile(0.9, [0.1, 0.5, Infinity], [9, 10, 10]));
    expect(Array.from(m.counts.subarray(0, 3))).toEqual([2, 6, 2]);
    expect(m.warnings).toEqual([]);
  });

  it('re-accumulates Grafana heatmap-rows frames (per-bucket counts)', () => {
    const frame = toDataFrame({
      meta: { type: DataFrameType.HeatmapRows },
      fields: [
        { name: 'Time', type: FieldType.time, values: times },
        { name: '0.1', type: FieldType.number, values: [2, 5, 9] },
        { name: '0.5', type: FieldType.number, values: [6, 4, 1] },
        { name: '+Inf', type: FieldType.number, values: [2, 1, 0] },
      ],
    });
    const m = model([frame]);
    expect(Array.from(m.cols.merged.subarray(0, 3))).toEqual([2, 8, 10]);
    expect(percentileSeries(m, 0.5)[0]).toBe(bucketQuantile(0.5, [0.1, 0.5, Infinity], [2, 8, 10]));
  });

  it('turns raw _bucket counters into per-interval increases, counting a reset from zero', () => {
    const m = model([
      leFrame('0.1', [100, 104, 3], 'http_request_duration_seconds_bucket'),
      leFrame('+Inf', [200, 210, 5], 'http_request_duration_seconds_bucket'),
    ]);
    const size = m.cols.layout.size;
    expect(m.cols.merged[1 * size + 0]).toBe(4);
    expect(m.cols.merged[1 * size + 1]).toBe(10);
    expect(m.cols.merged[2 * size + 1]).toBe(5);
    expect(m.warnings.join(' ')).toMatch(/Counter reset in 2 bucket series/);
  });

  it('knows from the query, never from the values, whether buckets are requests per second or per interval', () => {
    const withQuery = (q: string | undefined) =>
      model([leFrame('0.1', [2, 5, 9]), leFrame('+Inf', [10, 10, 10])].map((f) => ({ ...f, meta: { executedQueryString: q } }))).valueKind;
    expect(withQuery('sum by (le) (rate(x_bucket[5m]))')).toBe('rate');
    expect(withQuery('sum by (le) (irate (x_bucket[1m]))')).toBe('rate');
    expect(withQuery('sum by (le) (increase(x_bucket[1h]))')).toBe('count');
    expect(withQuery('sum by (le) (ns_le:x_bucket:rate5m)')).toBe('unknown'); // a recording rule: the option says
    expect(withQuery(undefined)).toBe('unknown');
    expect(model([leFrame('0.1', [1, 2, 3], 'x_bucket'), leFrame('+Inf', [2, 4, 6], 'x_bucket')]).valueKind).toBe('count');
  });

  it('warns (and yields NaN percentiles) without a +Inf bucket', () => {
    const m = model([leFrame('0.1', [1, 2, 3]), leFrame('0.5', [2, 3, 4])]);
    expect(m.warnings.join(' ')).toMatch(/No \+Inf bucket/);
    expect(Number.isNaN(percentileSeries(m, 0.5)[0])).toBe(true);
  });

  it('refuses buckets in different units', () => {
    const a = leFrame('0.1', [1, 2, 3]);
    const b = leFrame('+Inf', [2, 3, 4]);
    a.fields[1].config.unit = 's';
    b.fields[1].config.unit = 'ms';
    expect(latencyModelFromFrames([a, b])).toEqual({ message: expect.stringMatching(/different units \(s, ms\)/) });
  });

  it('sums histograms that differ in other labels and says so', () => {
    const m = model([
      leFrame('0.1', [1, 1, 1], undefined, { handler: '/a' }),
      leFrame('+Inf', [2, 2, 2], undefined, { handler: '/a' }),
      leFrame('0.1', [3, 3, 3], undefined, { handler: '/b' }),
      leFrame('+Inf', [4, 4, 4], undefined, { handler: '/b' }),
    ]);
    expect(Array.from(m.cols.merged.subarray(0, 2))).toEqual([4, 6]);
    expect(m.warnings.join(' ')).toMatch(/2 histograms summed per bucket/);
  });

  it('keeps NaN gaps as NaN and says so when everything is NaN', () => {
    const m = model([leFrame('0.1', [1, NaN, 3]), leFrame('+Inf', [2, NaN, 4])]);
    expect(Number.isNaN(percentileSeries(m, 0.5)[1])).toBe(true);
    expect(latencyModelFromFrames([leFrame('0.1', [NaN, NaN, NaN]), leFrame('+Inf', [NaN, NaN, NaN])])).toEqual({
      message: expect.stringMatching(/empty \(NaN\)/),
    });
  });

  it('repairs non-monotonic buckets as Prometheus does, and reports it', () => {
    const m = model([leFrame('0.1', [5, 5, 5]), leFrame('0.5', [4, 4, 4]), leFrame('+Inf', [6, 6, 6])]);
    expect(m.warnings.join(' ')).toMatch(/not monotonic at 3 times/);
    expect(percentileSeries(m, 0.5)[0]).toBe(bucketQuantile(0.5, [0.1, 0.5, Infinity], [5, 4, 6]));
  });

  it('computes the share under the SLO from buckets summed over the range', () => {
    const m = model([leFrame('0.5', [9, 0, 90]), leFrame('+Inf', [10, 0, 100])]);
    expect(shareBelowOverRange(m, 0.5)).toBeCloseTo(99 / 110, 12);
  });

  it('reads native histograms as heatmap cells', () => {
    const frame = toDataFrame({
      meta: { type: DataFrameType.HeatmapCells },
      fields: [
        { name: 'xMax', type: FieldType.time, values: [1000, 1000, 2000] },
        { name: 'yMin', type: FieldType.number, values: [1, 2, 1] },
        { name: 'yMax', type: FieldType.number, values: [2, 4, 2] },
        { name: 'count', type: FieldType.number, values: [3, 1, 5] },
      ],
    });
    const m = model([frame as never]);
    expect(m.native).toHaveLength(2);
    const p50 = percentileSeries(m, 0.5)[1];
    expect(p50).toBeGreaterThan(1);
    expect(p50).toBeLessThan(2);
  });
});

describe('parsePercentiles', () => {
  it('reads percents, drops junk, sorts and falls back to the defaults', () => {
    expect(parsePercentiles('99, p50, 95 , x, 150, 99')).toEqual([0.5, 0.95, 0.99]);
    expect(parsePercentiles('')).toEqual([0.5, 0.9, 0.95, 0.99]);
  });
});

describe('properties over random frames', () => {
  const bound = fc.oneof(fc.constantFrom('+Inf', 'Inf', '0', '-1', 'abc', ''), fc.double({ min: -10, max: 10, noNaN: true }).map(String));
  const value = fc.oneof(fc.double({ min: -5, max: 1e6 }), fc.constant(NaN), fc.constant(Infinity));
  const frames = fc.array(fc.tuple(bound, fc.array(value, { minLength: 3, maxLength: 3 }), fc.boolean()), { maxLength: 8 });

  // Monotonic in q only where the column's total (its +Inf bucket after the repair) is positive: with
  // a negative total (the generator's negative values), rank = q x total falls as q rises, and
  // histogram_quantile's answer falls with it (a random run found -1e-323 observations).
  it('never throws, and percentiles are monotonic in q wherever they are numbers and the total is positive', () => {
    fc.assert(
      fc.property(frames, (specs) => {
        const result = latencyModelFromFrames(specs.map(([le, values, counter]) => leFrame(le, values, counter ? 'x_bucket' : undefined)));
        if ('message' in result) return;
        const qs = [0.1, 0.5, 0.9, 0.99];
        const series = qs.map((q) => percentileSeries(result.model, q));
        const { layout, repaired } = result.model.cols;
        for (let t = 0; t < result.model.times.length; t++) {
          if (!(repaired[t * layout.size + layout.size - 1] > 0)) continue;
          for (let i = 1; i < qs.length; i++) {
            const a = series[i - 1][t];
            const b = series[i][t];
            if (!Number.isNaN(a) && !Number.isNaN(b)) expect(b).toBeGreaterThanOrEqual(a);
          }
        }
      }),
      { numRuns: 300 }
    );
  });
});
