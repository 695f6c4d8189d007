import fc from 'fast-check';
import { readMatrixInto } from './matrixBytes';
import { joinSeries, Samples, SeriesJoiner, SeriesList } from './seriesSink';
import { NumericSeries } from './types';

const series = (labels: Record<string, string>, t: number[], v = t.map((x) => x / 1000)): NumericSeries => ({ labels, t: Float64Array.from(t), v: Float64Array.from(v) });
const plain = (list: NumericSeries[]) => list.map((s) => ({ labels: s.labels, t: Array.from(s.t), v: Array.from(s.v) }));

describe('Samples', () => {
  it('a dense series with a plan grows once, to what the range needs', () => {
    const s = new Samples({ max: 43_201, end: 43_200 * 60_000 });
    const sizes = new Set<number>();
    for (let i = 0; i < 43_201; i++) {
      if (s.n === s.t.length) {
        s.grow();
        sizes.add(s.t.length);
      }
      s.t[s.n] = i * 60_000;
      s.v[s.n] = i;
      s.n++;
    }
    expect([...sizes]).toEqual([43_201]);
    expect(s.v[43_200]).toBe(43_200);
  });

  it('a sparse series keeps doubling and never allocates past the plan', () => {
    const s = new Samples({ max: 5000, end: 1e12 });
    s.append(
      Array.from({ length: 3000 }, (_, i) => i),
      Array.from({ length: 3000 }, (_, i) => -i),
      3000,
    );
    expect(s.n).toBe(3000);
    expect(s.t.length).toBeLessThanOrEqual(8192);
    expect(s.v[2999]).toBe(-2999);
  });
});

describe('SeriesJoiner', () => {
  it('joins chunks per label set, drops samples not after the previous one, shares equal time arrays', () => {
    const out = joinSeries([
      [series({ a: '1' }, [0, 60]), series({ a: '2' }, [0, 60])],
      [series({ a: '2' }, [60, 120]), series({ a: '1' }, [60, 120]), series({ a: '3' }, [120])],
    ]);
    expect(plain(out)).toEqual([
      { labels: { a: '1' }, t: [0, 60, 120], v: [0, 0.06, 0.12] },
      { labels: { a: '2' }, t: [0, 60, 120], v: [0, 0.06, 0.12] },
      { labels: { a: '3' }, t: [120], v: [0.12] },
    ]);
    expect(out[1].t).toBe(out[0].t);
  });

  it('rollback undoes a chunk: new series removed, old ones truncated', () => {
    const j = new SeriesJoiner();
    j.add([series({ a: '1' }, [0, 60])]);
    j.begin();
    j.add([series({ a: '1' }, [120, 180]), series({ b: '1' }, [120])]);
    j.rollback();
    expect(plain(j.series())).toEqual([{ labels: { a: '1' }, t: [0, 60], v: [0, 0.06] }]);
  });

  it('series on the plan\'s grid share its time array; one off the grid gets its own copy, the grid stays intact', () => {
    const j = new SeriesJoiner({ max: 6, end: 300, start: 0, step: 60 });
    j.add([series({ a: 'dense' }, [0, 60, 120]), series({ a: 'gap' }, [0, 120]), series({ a: 'late' }, [60, 120, 180])]);
    j.add([series({ a: 'dense' }, [120, 180, 240, 300]), series({ a: 'gap' }, [180])]);
    const out = j.series();
    expect(plain(out).map((s) => [s.labels.a, s.t])).toEqual([
      ['dense', [0, 60, 120, 180, 240, 300]],
      ['gap', [0, 120, 180]],
      ['late', [60, 120, 180]],
    ]);
    // The dense series is the grid itself; the others copied it before writing their own times.
    expect(out[0].t.buffer).toBe(j.target({ a: 'dense' }).t.buffer);
    expect(j.target({ a: 'dense' }).sharedTimes).toBe(true);
    expect(j.target({ a: 'gap' }).sharedTimes).toBe(false);
  });

  it('a repeated boundary sample read straight from bytes is dropped without writing into the shared grid', () => {
    const body = (result: Array<[string, number[]]>) =>
      new TextEncoder().encode(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: result.map(([a, ts]) => ({ metric: { a }, values: ts.map((t) => [t, '1']) })) } }));
    const j = new SeriesJoiner({ max: 5, end: 4000, start: 0, step: 1000 });
    expect(readMatrixInto(body([['1', [0, 1, 2]], ['2', [0, 1, 2]]]), j)).not.toBeNull();
    expect(readMatrixInto(body([['1', [2, 3]], ['2', [3, 4]]]), j)).not.toBeNull();
    expect(plain(j.series()).map((s) => s.t)).toEqual([
      [0, 1000, 2000, 3000],
      [0, 1000, 2000, 3000, 4000],
    ]);
    expect(j.target({ a: '2' }).sharedTimes).toBe(true);
  });

  it('equals concatenating each label set in time order (property)', () => {
    const chunk = fc.array(fc.record({ key: fc.constantFrom('x', 'y', 'z'), n: fc.integer({ min: 0, max: 40 }) }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 5 }), (chunks) => {
        let t0 = 0;
        const input = chunks.map((c) => {
          const start = t0;
          t0 += 50;
          const seen = new Set<string>();
          return c.filter((s) => !seen.has(s.key) && seen.add(s.key)).map((s) => series({ k: s.key }, Array.from({ length: s.n }, (_, i) => start + i)));
        });
        const expected = new Map<string, number[]>();
        for (const c of input) {
          for (const s of c) {
            const list = expected.get(s.labels.k) ?? [];
            for (const t of s.t) {
              if (list.length === 0 || t > list[list.length - 1]) {
                list.push(t);
              }
            }
            expected.set(s.labels.k, list);
          }
        }
        expect(new Map(joinSeries(input).map((s) => [s.labels.k, Array.from(s.t)]))).toEqual(expected);
        // The same through a joiner on the chunks' grid (shared times, copied at the first gap).
        const onGrid = new SeriesJoiner({ max: 250, end: 249, start: 0, step: 1 });
        input.forEach((c) => onGrid.add(c));
        expect(new Map(onGrid.series().map((s) => [s.labels.k, Array.from(s.t)]))).toEqual(expected);
        expect(onGrid.series().map((s) => Array.from(s.v))).toEqual(onGrid.series().map((s) => Array.from(s.t, (t) => t / 1000)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('SeriesList', () => {
  it('keeps every series apart, even with equal labels', () => {
    const l = new SeriesList();
    l.target({}).append([1], [2], 1);
    l.target({}).append([1], [3], 1);
    expect(plain(l.series())).toEqual([
      { labels: {}, t: [1], v: [2] },
      { labels: {}, t: [1], v: [3] },
    ]);
  });
});
