import fc from 'fast-check';
import { analyzeWorkload } from '../../../core/scaling';
import { BREAK, decimateColumns } from '../../../core/series/decimate';
import { keptMax, rowLines } from './rowLines';

const STEP = 30000;
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => i * STEP);
const columns = (n: number) => ({ from: 0, to: n * STEP, width: 200, dpr: 2, left: 36 });

describe('rowLines', () => {
  it('decimates each line the row has on its own time axis, and gives null for the lines it lacks', () => {
    const t = times(5000);
    const v = t.map((_, i) => 5 + (i % 7 === 0 ? 1 : 0));
    const bare = rowLines(analyzeWorkload({ current: { t, v } }), columns(5000));
    expect(bare.current.length).toBeGreaterThan(0);
    expect(bare.current.length).toBeLessThanOrEqual(4 * (400 + 2 * 32 + 2));
    expect([bare.desired, bare.min, bare.max, bare.metric, bare.target]).toEqual([null, null, null, null, null]);

    // The metric has a 10-minute hole: its line lifts the pen there, the replicas' does not.
    const mt = Float64Array.from(Array.from(t).filter((x) => x < 1000 * STEP || x >= 1020 * STEP));
    const cpu = mt.map((_, i) => 0.5 + 0.1 * Math.sin(i));
    const full = rowLines(analyzeWorkload({ current: { t, v }, desired: { t, v }, min: 5, max: 12, metric: { t: mt, v: cpu }, target: 75, metricScale: 100 }), columns(5000));
    for (const line of [full.desired, full.min, full.max, full.metric, full.target]) expect(line).not.toBeNull();
    expect(Array.from(full.current)).not.toContain(BREAK);
    expect(Array.from(full.metric!)).toContain(BREAK);
    expect(Array.from(full.target!)).toContain(BREAK);
    // Constant limits: one flat line each.
    expect(full.min!.length).toBe(2);
  });
});

describe('keptMax', () => {
  it('is the highest finite value of every sample (each column keeps its highest), at least the start', () => {
    const values = fc.array(fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(NaN)), { maxLength: 300 });
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 400 }), (list, width) => {
        const v = Float64Array.from(list);
        const keep = decimateColumns(times(v.length), v, STEP, { from: 0, to: v.length * STEP, width, dpr: 1 });
        const finite = list.filter((x) => Number.isFinite(x));
        expect(keptMax(v, keep, -Infinity)).toBe(Math.max(-Infinity, ...finite));
        expect(keptMax(v, keep)).toBe(Math.max(0, ...finite));
      })
    );
    expect(keptMax(null, null, 3)).toBe(3);
  });
});
