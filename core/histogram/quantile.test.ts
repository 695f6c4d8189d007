import { bucketQuantile, bucketQuantiles, quantileOfRepaired, repairCounts } from './quantile';
import { createBucketLayout, mergeCounts, sortOrder } from './layout';
import { FIXED_PRECISION, FORCED_MONOTONIC, PROMETHEUS_SMALL_DELTA_TOLERANCE, almostEqual, ensureMonotonic } from './monotonic';

const INF = Infinity;

describe('bucketQuantile (Prometheus 2.42 histogram_quantile)', () => {
  const les = [0.1, 0.2, 0.5, 1, INF];
  const counts = [10, 20, 30, 40, 50];

  it('interpolates linearly inside the bucket, from 0 in a positive lowest bucket', () => {
    expect(bucketQuantile(0.1, les, counts)).toBe(0 + (0.1 - 0) * (5 / 10));
    expect(bucketQuantile(0.5, les, counts)).toBe(0.2 + (0.5 - 0.2) * (5 / 10));
    expect(bucketQuantile(0.3, les, counts)).toBe(0.1 + (0.2 - 0.1) * (5 / 10));
  });

  it('returns the second highest bound when the rank falls into the +Inf bucket', () => {
    expect(bucketQuantile(0.99, les, counts)).toBe(1);
    expect(bucketQuantile(1, les, counts)).toBe(1);
  });

  it('q = 0 gives the lower edge of the lowest bucket, NaN (0/0) when that bucket is empty', () => {
    expect(bucketQuantile(0, [1, 2, INF], [3, 5, 5])).toBe(0);
    expect(bucketQuantile(0, [1, 2, INF], [0, 5, 5])).toBeNaN();
  });

  it('handles q edge cases before anything else', () => {
    expect(bucketQuantile(NaN, les, counts)).toBeNaN();
    expect(bucketQuantile(-0.1, les, counts)).toBe(-INF);
    expect(bucketQuantile(1.1, les, counts)).toBe(INF);
    // Even when the buckets themselves are invalid (checked with promtool 2.42).
    expect(bucketQuantile(-1, [INF], [10])).toBe(-INF);
    expect(bucketQuantile(2, [], [])).toBe(INF);
  });

  it('is NaN without a +Inf bucket, with fewer than two buckets, or with zero observations', () => {
    expect(bucketQuantile(0.5, [0.1, 0.2], [1, 2])).toBeNaN();
    expect(bucketQuantile(0.5, [INF], [10])).toBeNaN();
    expect(bucketQuantile(0.5, [1, INF], [0, 0])).toBeNaN();
    expect(bucketQuantile(0.5, [], [])).toBeNaN();
  });

  it('sorts buckets by le', () => {
    expect(bucketQuantile(0.5, [INF, 1, 0.2, 0.5, 0.1], [50, 40, 20, 30, 10])).toBe(bucketQuantile(0.5, les, counts));
  });

  it('merges duplicate le by summing their counts (then the +Inf pair merges into one bucket)', () => {
    // le="1" and le="1.0" are different series with the same bound.
    expect(bucketQuantile(0.5, [1, 1, INF], [2, 3, 10])).toBe(1 * (5 / 5));
    expect(bucketQuantile(0.5, [1, INF, INF], [2, 3, 7])).toBe(1);
    // Only +Inf buckets: one bucket after merging → NaN.
    expect(bucketQuantile(0.5, [INF, INF], [3, 7])).toBeNaN();
  });

  it('returns the lowest upper bound when the rank falls into a lowest bucket with bound ≤ 0', () => {
    expect(bucketQuantile(0.1, [-1, 0, INF], [5, 8, 10])).toBe(-1);
    expect(bucketQuantile(0.1, [0, 1, INF], [5, 8, 10])).toBe(0);
    // Above the lowest bucket, interpolation runs between negative bounds.
    expect(bucketQuantile(0.6, [-1, 0, INF], [5, 8, 10])).toBe(-1 + (0 - -1) * (1 / 3));
  });

  it('forces monotonicity with the 2.42 envelope (no small-delta tolerance)', () => {
    // le=2 dips below le=1: raised to 10.
    expect(bucketQuantile(0.5, [1, 2, 4, INF], [10, 5, 15, 20])).toBe(1);
    // promtool 2.42 gives 2 here; newer Prometheus ignores the 1.8e-15 step and gives 1.
    const tiny = [10, 10.000000000000002, 10.000000000000002];
    expect(bucketQuantile(1, [1, 2, INF], tiny)).toBe(2);
    expect(bucketQuantile(1, [1, 2, INF], tiny, { smallDeltaTolerance: PROMETHEUS_SMALL_DELTA_TOLERANCE })).toBe(1);
  });

  it('sends a NaN total to the +Inf rule, like Go', () => {
    expect(bucketQuantile(0.5, [1, 2, INF], [1, 2, NaN])).toBe(2);
  });

  it('computes several quantiles at once, identically', () => {
    const qs = [0, 0.25, 0.5, 0.9, 0.99, 1, -1, 2, NaN];
    const got = bucketQuantiles(qs, les, counts);
    qs.forEach((q, i) => expect(Object.is(got[i], bucketQuantile(q, les, counts))).toBe(true));
  });
});

describe('layout and repair', () => {
  it('sorts like Go insertion sort, NaN staying in place', () => {
    expect(Array.from(sortOrder([3, 1, 2]))).toEqual([1, 2, 0]);
    expect(Array.from(sortOrder([3, NaN, 1, 2]))).toEqual([0, 1, 2, 3]);
    expect(Array.from(sortOrder([NaN, 3, 1, 2]))).toEqual([0, 2, 3, 1]);
    // NaN never compares less, and nothing is less than NaN: elements cannot pass it.
    expect(Array.from(sortOrder([2, NaN, 1]))).toEqual([0, 1, 2]);
  });

  it('merges duplicates left to right in sort order', () => {
    const layout = createBucketLayout([2, 1, 2, INF]);
    expect(Array.from(layout.bounds)).toEqual([1, 2, INF]);
    expect(Array.from(mergeCounts(layout, [3, 1, 4, 9]))).toEqual([1, 7, 9]);
    expect(layout.hasInf).toBe(true);
    expect(createBucketLayout([]).size).toBe(0);
  });

  it('reports forced monotonicity and precision fixes', () => {
    const c = Float64Array.from([1, 3, 2, 4]);
    expect(ensureMonotonic(c)).toBe(FORCED_MONOTONIC);
    expect(Array.from(c)).toEqual([1, 3, 3, 4]);
    const d = Float64Array.from([10, 10.000000000000002, 9, 12]);
    expect(repairCounts(d, 4, { smallDeltaTolerance: 1e-12 })).toBe(FORCED_MONOTONIC | FIXED_PRECISION);
    expect(Array.from(d)).toEqual([10, 10, 10, 12]);
    expect(almostEqual(NaN, NaN, 1e-12)).toBe(true);
    expect(almostEqual(0, 1e-300, 1e-12)).toBe(false);
  });

  it('quantileOfRepaired matches the one-call version', () => {
    const layout = createBucketLayout([0.5, INF, 0.1]);
    const cum = mergeCounts(layout, [3, 4, 1]);
    repairCounts(cum, layout.size);
    expect(quantileOfRepaired(0.5, layout.bounds, cum, layout.size)).toBe(bucketQuantile(0.5, [0.5, INF, 0.1], [3, 4, 1]));
  });
});
