import fc from 'fast-check';
import { BREAK, decimateColumns, deviceX, PixelColumns } from './decimate';

const cols = (patch: Partial<PixelColumns> = {}): PixelColumns => ({ from: 0, to: 1000, width: 100, dpr: 1, left: 0, ...patch });
const f64 = (values: number[]) => Float64Array.from(values);
const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

/** The pen's runs in the output: [first, last] sample index of each stretch between BREAKs. */
function outputRuns(keep: Int32Array): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  keep.forEach((i, k) => {
    if (i === BREAK) return;
    if (start < 0) start = i;
    if (k === keep.length - 1 || keep[k + 1] === BREAK) {
      runs.push([start, i]);
      start = -1;
    }
  });
  return runs;
}

/** The runs drawing every sample gives: a non-finite value or a step over maxGapMs lifts the pen. */
function rawRuns(t: Float64Array, v: Float64Array, maxGapMs: number): number[][] {
  const runs: number[][] = [];
  let current: number[] | null = null;
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(v[i])) {
      current = null;
      continue;
    }
    if (!current || !(t[i] - t[current[current.length - 1]] <= maxGapMs)) runs.push((current = []));
    current.push(i);
  }
  return runs;
}

/**
 * Lowest and highest value the drawn line covers in each visible device-pixel column: steps
 * (horizontal at the previous value, then vertical) or straight segments through `runs`.
 */
function columnExtents(t: Float64Array, v: Float64Array, runs: number[][], c: PixelColumns, mode: 'step' | 'line'): string[] {
  const x = deviceX(c);
  const first = Math.floor(c.left! * c.dpr);
  const count = Math.ceil((c.left! + c.width) * c.dpr) - first;
  const low = new Array<number>(count).fill(Infinity);
  const high = new Array<number>(count).fill(-Infinity);
  const cover = (column: number, a: number, b: number) => {
    const j = column - first;
    if (j < 0 || j >= count) return;
    low[j] = Math.min(low[j], a, b);
    high[j] = Math.max(high[j], a, b);
  };
  for (const run of runs) {
    for (let k = 1; k < run.length; k++) {
      const [i0, i1] = [run[k - 1], run[k]];
      const [x0, x1] = [x(t[i0]), x(t[i1])];
      const c0 = Math.max(first - 1, Math.floor(x0));
      const c1 = Math.min(first + count, Math.floor(x1));
      for (let col = c0; col <= c1; col++) {
        if (mode === 'step') cover(col, v[i0], v[i0]);
        else {
          // The segment's part inside the column: its own end values where it ends inside.
          const at = (px: number) => v[i0] + ((v[i1] - v[i0]) * (px - x0)) / (x1 - x0);
          cover(col, x0 >= col ? v[i0] : at(col), x1 < col + 1 ? v[i1] : at(col + 1));
        }
      }
      if (mode === 'step') cover(Math.floor(x1), v[i0], v[i1]);
    }
  }
  return low.map((lo, j) => `${j + first}:${lo}..${high[j]}`);
}

const asRuns = (keep: Int32Array) => {
  const runs: number[][] = [[]];
  keep.forEach((i) => (i === BREAK ? runs.push([]) : runs[runs.length - 1].push(i)));
  return runs;
};

describe('decimateColumns', () => {
  it('gives nothing for an empty or all-NaN series and the one sample of a one-point series', () => {
    expect(Array.from(decimateColumns([], [], 10, cols()))).toEqual([]);
    expect(Array.from(decimateColumns(f64([1, 2]), f64([NaN, NaN]), 10, cols()))).toEqual([]);
    expect(Array.from(decimateColumns(f64([5]), f64([3]), 10, cols()))).toEqual([0]);
  });

  it('keeps NaN gaps and long time steps as gaps, with the samples either side of them', () => {
    // One sample per column (10 ms a pixel): nothing to merge, only the gaps matter.
    const t = f64([0, 10, 20, 30, 40, 200, 210]);
    const v = f64([1, 2, NaN, 4, 5, 6, 7]);
    expect(Array.from(decimateColumns(t, v, 15, cols()))).toEqual([0, 1, BREAK, 3, 4, BREAK, 5, 6]);
    // Dense: the same gaps inside one column still lift the pen.
    expect(outputRuns(decimateColumns(t, v, 15, cols({ width: 1 })))).toEqual([
      [0, 1],
      [3, 4],
      [5, 6],
    ]);
    // Gaps everywhere in a narrow plot: more to keep than four samples a column.
    const every = decimateColumns(range(1000, (i) => i), range(1000, (i) => (i % 2 ? NaN : i)), 1, cols({ to: 1000, width: 1 }));
    expect(outputRuns(every)).toHaveLength(500);
  });

  it('keeps a one-sample spike among thousands of samples in a column', () => {
    const v = range(5000, (i) => (i === 2345 ? 100 : 1 + (i % 3) * 0.01));
    const keep = decimateColumns(range(5000, (i) => i), v, 1, cols({ to: 5000, width: 10 }));
    expect(keep.length).toBeLessThanOrEqual(4 * 10 + 8);
    expect(Array.from(keep)).toContain(2345);
  });

  it('keeps a step a step: the first sample at the new value stays, and flat stretches become two points', () => {
    const v = range(1000, (i) => (i < 503 ? 5 : 8));
    const keep = Array.from(decimateColumns(range(1000, (i) => i), v, 1, cols({ width: 100 })));
    expect(keep).toHaveLength(4);
    expect(keep[0]).toBe(0);
    expect(keep.slice(2)).toEqual([503, 999]);
    expect(keep.map((i) => v[i])).toEqual([5, 5, 8, 8]);
  });

  it('folds samples far outside the range into one column each side, keeping the ones the line enters and leaves by', () => {
    // 1 ms a sample, 100 px for 100 ms: 10,000 samples before the range, 10,000 after it.
    const t = range(20100, (i) => i - 10000);
    const v = range(20100, (i) => Math.sin(i));
    const keep = Array.from(decimateColumns(t, v, 1, cols({ from: 0, to: 100 })));
    expect(keep.length).toBeLessThan(4 * (100 + 2 * 16 + 2) + 1);
    expect(keep).toContain(9999); // the last sample before `from`: the line enters at its value
    expect(keep).toContain(10100); // the first after `to`
  });

  it('keeps its own columns just outside the plot, where a thick line still shows at the edge', () => {
    // One sample a pixel from x = -20 to 9: a spike at -10 and a smaller one at -2 (the stroke's half width reaches 0).
    const t = range(30, (i) => i - 20);
    const v = range(30, (i) => (i === 10 ? 100 : i === 18 ? 50 : 0));
    const keep = Array.from(decimateColumns(t, v, 1, cols({ from: 0, to: 100 })));
    expect(keep).toContain(10);
    expect(keep).toContain(18);
  });

  it('puts everything in one column for a zero-width plot and merges nothing for an empty or reversed range', () => {
    const t = range(100, (i) => i);
    const v = range(100, (i) => Math.sin(i));
    expect(decimateColumns(t, v, 1, cols({ width: 0 })).length).toBeLessThanOrEqual(4);
    expect(Array.from(decimateColumns(t, v, 1, cols({ from: 5, to: 5 })))).toEqual(Array.from(t));
    expect(Array.from(decimateColumns(t, v, 1, cols({ from: 50, to: 0 })))).toEqual(Array.from(t));
  });

  it('makes columns device pixels: twice the columns at DPR 2, never more than four samples a column', () => {
    const t = range(20000, (i) => i);
    const v = range(20000, (i) => Math.sin(i * 0.37));
    const at = (dpr: number) => decimateColumns(t, v, 1, cols({ to: 20000, width: 100, left: 36, dpr })).length;
    expect(at(1)).toBeLessThanOrEqual(4 * (100 + 2));
    expect(at(2)).toBeLessThanOrEqual(4 * (200 + 2));
    expect(at(2)).toBeGreaterThan(at(1) * 1.5);
    // A nonsense ratio counts as 1.
    expect(at(NaN)).toBe(at(1));
  });

  it('maps the range onto device pixels: from at the left edge, to at the right edge', () => {
    const x = deviceX(cols({ from: 1000, to: 2000, width: 300, dpr: 2, left: 36.5 }));
    expect(x(1000)).toBe(73);
    expect(x(2000)).toBe(673);
    expect(x(1500)).toBe(373);
    expect(deviceX(cols({ from: 1, to: 1 }))(1)).toBeNaN();
  });

  describe('properties', () => {
    const series = fc
      .array(
        fc.record({
          dt: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 100, max: 1500 })),
          // Mostly a few values (steps, flat stretches), some arbitrary ones, some NaN.
          v: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 2 }), weight: 6 }, fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constant(NaN)),
        }),
        { maxLength: 400 }
      )
      .map((points) => {
        let at = -300;
        return { t: f64(points.map((p) => (at += p.dt))), v: f64(points.map((p) => p.v)) };
      });
    const columns = fc.record({
      from: fc.integer({ min: -500, max: 2000 }),
      span: fc.integer({ min: 1, max: 5000 }),
      width: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true })),
      dpr: fc.constantFrom(1, 1.25, 1.5, 2, 3),
      left: fc.constantFrom(0, 36, 10.3),
    });
    const maxGap = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constant(Infinity));

    it('covers the same lowest and highest value as every sample in each device-pixel column, drawn as steps or as segments', () => {
      fc.assert(
        fc.property(series, columns, maxGap, ({ t, v }, { from, span, width, dpr, left }, gap) => {
          const c = { from, to: from + span, width, dpr, left };
          const keep = decimateColumns(t, v, gap, c);
          expect(columnExtents(t, v, asRuns(keep), c, 'step')).toEqual(columnExtents(t, v, rawRuns(t, v, gap), c, 'step'));
          // The min–max band joins all finite samples across gaps.
          const joined = [Array.from(keep).filter((i) => i !== BREAK)];
          const all = [Array.from(t.keys()).filter((i) => Number.isFinite(v[i]))];
          expect(columnExtents(t, v, joined, c, 'line')).toEqual(columnExtents(t, v, all, c, 'line'));
        }),
        { numRuns: 300 }
      );
    });

    it('lifts the pen exactly where drawing every sample does, and keeps samples in order, each once', () => {
      fc.assert(
        fc.property(series, columns, maxGap, ({ t, v }, { from, span, width, dpr, left }, gap) => {
          const keep = Array.from(decimateColumns(t, v, gap, { from, to: from + span, width, dpr, left }));
          expect(outputRuns(Int32Array.from(keep))).toEqual(rawRuns(t, v, gap).map((run) => [run[0], run[run.length - 1]]));
          const samples = keep.filter((i) => i !== BREAK);
          samples.forEach((i, k) => {
            expect(Number.isFinite(v[i])).toBe(true);
            if (k > 0) expect(i).toBeGreaterThan(samples[k - 1]);
          });
        }),
        { numRuns: 300 }
      );
    });
  });
});
