import { classicHistograms, parseExposition, usableBuckets } from './index';

describe('classicHistograms', () => {
  const text = [
    '# TYPE lat histogram',
    'lat_bucket{le="0.1",job="b",a="x"} 1',
    'lat_bucket{job="b",le="+Inf",a="x"} 3',
    'lat_bucket{le="0.1",job="c"} 2',
    'lat_sum{job="b",a="x"} 0.5',
    'lat_count{job="b",a="x"} 3',
    'lat_bucket{le="1.0",job="b",a="x"} 2',
    'lat_bucket{le="1",job="b",a="x"} 0',
    'lat_bucket{le="1",job="b",a="x"} 9',
    'lat_bucket{le="oops",job="c"} 2',
    'other_bucket 5',
    'rpc{le="1"} 5',
  ].join('\n');

  it('groups buckets by name and labels without le, in order of first appearance', () => {
    const hs = classicHistograms(parseExposition(text).samples);
    expect(hs.map((h) => [h.metric, h.labels.map((l) => l.name).join(',')])).toEqual([
      ['lat', 'a,job'],
      ['lat', 'job'],
    ]);
    expect(hs[0].buckets.map((b) => [b.le, b.upperBound, b.count])).toEqual([
      ['0.1', 0.1, 1],
      ['+Inf', Infinity, 3],
      ['1.0', 1, 2],
      ['1', 1, 0],
    ]);
    expect(hs[1].buckets[1]).toMatchObject({ le: 'oops', upperBound: null });
    expect(usableBuckets(hs[1])).toEqual({ upperBounds: [0.1], counts: [2] });
  });

  it('keeps the later of two samples of one bucket series', () => {
    const hs = classicHistograms(parseExposition('h_bucket{le="1"} 1 1000\nh_bucket{le="1"} 2 2000\nh_bucket{le="1"} 3 1500').samples);
    expect(hs[0].buckets).toHaveLength(1);
    expect(hs[0].buckets[0].count).toBe(2);
  });
});
