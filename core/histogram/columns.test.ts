import { bucketCountColumns, fractionBelowColumns, prepareColumns, prepareColumnsFromLabels, quantileColumns, sumColumns } from './columns';
import { bucketQuantile } from './quantile';
import { fractionBelow } from './fraction';
import { FORCED_MONOTONIC } from './monotonic';

const INF = Infinity;

describe('histogram columns over time', () => {
  // Unsorted, with a duplicate le (1 and "1.0") and a non-monotonic column.
  const les = [INF, 0.5, 1, 0.1, 1];
  const fields = [
    [10, 20, 0, NaN],
    [6, 12, 0, 1],
    [4, 5, 0, 1],
    [2, 2, 0, 1],
    [4, 2, 0, 1],
  ];

  it('matches bucketQuantile column by column', () => {
    const cols = prepareColumns(les, fields);
    expect(cols.times).toBe(4);
    for (const q of [0, 0.5, 0.9, 0.99, 1]) {
      const got = quantileColumns(cols, q);
      for (let t = 0; t < 4; t++) {
        const expected = bucketQuantile(q, les, fields.map((f) => f[t]));
        expect([q, t, got[t]]).toEqual([q, t, expected]);
      }
    }
  });

  it('records where monotonicity was forced', () => {
    const cols = prepareColumns(les, fields);
    expect(Array.from(cols.flags)).toEqual([0, FORCED_MONOTONIC, 0, 0]);
  });

  it('de-accumulates every column and computes the share under a threshold', () => {
    const cols = prepareColumns(les, fields);
    const counts = bucketCountColumns(cols);
    expect(Array.from(counts.subarray(0, 4))).toEqual([2, 4, 2, 2]);
    expect(Array.from(counts.subarray(4, 8))).toEqual([2, 10, 0, 8]);
    const share = fractionBelowColumns(cols, 0.5);
    expect(share[0]).toBe(fractionBelow(0.5, les, fields.map((f) => f[0])));
    expect(share[0]).toBe(0.6);
    expect(share[2]).toBeNaN();
  });

  it('sums a time range into one histogram', () => {
    const cols = prepareColumns(les, fields);
    const total = sumColumns(cols, 0, 2);
    expect(Array.from(total.merged)).toEqual([4, 18, 15, 30]);
    expect(quantileColumns(total, 0.5)[0]).toBe(bucketQuantile(0.5, les, fields.map((f) => f[0] + f[1])));
  });

  it('reads le label texts, skipping the ones Prometheus cannot read', () => {
    const cols = prepareColumnsFromLabels(['+Inf', '0.5', 'oops', '1.0', '1e-1', '1'], fields.concat([[1, 1, 1, 1]]).slice(0, 6));
    expect(cols.skipped).toEqual([2]);
    expect(cols.fieldIndex).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(cols.layout.bounds)).toEqual([0.1, 0.5, 1, INF]);
  });

  it('tolerates no fields and ragged fields', () => {
    expect(prepareColumns([], []).times).toBe(0);
    const cols = prepareColumns([1, INF], [[4, 2], [4]]);
    // Column 1 has no +Inf value: a NaN total sends the rank to the +Inf rule, as in Go.
    expect(Array.from(quantileColumns(cols, 0.5))).toEqual([0.5, 1]);
  });

  it('handles a 24 h / 15 s panel (5,760 columns × 50 buckets, 4 quantiles); its speed is measured by `npm run bench -- latency-heatmap`, not here', () => {
    const nb = 50;
    const nt = 5760;
    const bounds = Array.from({ length: nb }, (_, i) => (i === nb - 1 ? INF : 0.001 * 1.25 ** i));
    const data = bounds.map((_, i) => {
      const a = new Float64Array(nt);
      for (let t = 0; t < nt; t++) a[t] = (i + 1) * 100 + (t % 7);
      return a;
    });
    const cols = prepareColumns(bounds, data);
    const outs = [0.5, 0.9, 0.95, 0.99].map((q) => quantileColumns(cols, q));
    bucketCountColumns(cols);
    expect(outs.map((o) => o.length)).toEqual([nt, nt, nt, nt]);
    // Higher quantiles never fall below lower ones, in every column.
    for (let t = 0; t < nt; t++) for (let k = 1; k < outs.length; k++) expect(outs[k][t]).toBeGreaterThanOrEqual(outs[k - 1][t]);
  });
});
