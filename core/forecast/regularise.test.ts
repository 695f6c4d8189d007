/** @jest-environment node */
import { detectStep, MAX_GRID, medianStep, regularise, type RegularSeries } from './regularise';

function ok(r: ReturnType<typeof regularise>): RegularSeries {
  if ('ok' in r) throw new Error(r.message);
  return r;
}

describe('regularise', () => {
  it('keeps a regular series as is', () => {
    const r = ok(regularise([0, 60, 120], [1, 2, 3]));
    expect(r).toMatchObject({ start: 0, step: 60, missing: 0, merged: 0, nonFinite: 0 });
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
  });

  it('gives for a series on a whole-second grid (its one-pass path) what the general path gives', () => {
    const ts = Array.from({ length: 500 }, (_, i) => 1_700_000_000 + 300 * i);
    const vs = ts.map((_, i) => (i === 7 ? -0 : Math.sin(i) * 1e3 + i / 3));
    const fast = ok(regularise(ts, vs));
    // the same observations last-first: not sorted, so the general path runs
    const general = ok(regularise([...ts].reverse(), [...vs].reverse()));
    expect(fast).toEqual(general);
    expect(Object.is(fast.values[7], 0)).toBe(true); // −0 is summed into its slot (0 + −0 = +0) on both paths
    expect(ok(regularise(ts, vs, 300))).toEqual(general);
    // off the grid somewhere, a non-finite value, another step given: the general path's answers
    const jittered = ts.map((t, i) => (i === 250 ? t + 1 : t));
    expect(ok(regularise(jittered, vs))).toEqual(ok(regularise([...jittered].reverse(), [...vs].reverse())));
    const gap = vs.map((v, i) => (i === 3 ? NaN : v));
    expect(ok(regularise(ts, gap)).nonFinite).toBe(1);
    expect(ok(regularise(ts, vs, 600)).merged).toBe(249);
  });

  it('sorts, leaves NaN in missing slots and averages shared slots', () => {
    const r = ok(regularise([240, 0, 60, 60, 180], [5, 1, 2, 4, 4]));
    expect(r.step).toBe(60);
    expect(Array.from(r.values)).toEqual([1, 3, NaN, 4, 5]);
    expect(r.missing).toBe(1);
    expect(r.merged).toBe(1);
  });

  it('snaps jittered timestamps to the nearest slot', () => {
    const r = ok(regularise([0, 299, 601, 900, 1198], [1, 2, 3, 4, 5]));
    expect(r.step).toBe(300);
    expect(r.values.length).toBe(5);
    expect(r.missing).toBe(0);
  });

  it('drops non-finite values and timestamps and trims them at the ends', () => {
    const r = ok(regularise([0, 60, 120, 180, NaN], [NaN, 2, Infinity, 4, 5]));
    expect(r.start).toBe(60);
    expect(Array.from(r.values)).toEqual([2, NaN, 4]);
    expect(r.nonFinite).toBe(3);
  });

  it('returns typed errors for bad input', () => {
    expect(regularise([1, 2], [1])).toMatchObject({ ok: false, code: 'bad_input' });
    expect(regularise([1], [1])).toMatchObject({ ok: false, code: 'too_short' });
    expect(regularise([5, 5, 5], [1, 2, 3])).toMatchObject({ ok: false, code: 'too_short' });
    expect(regularise([0, 1, 2], [1, 2, 3], -1)).toMatchObject({ ok: false, code: 'bad_option' });
    expect(regularise([0, 1, 2, 1e9], [1, 2, 3, 4])).toMatchObject({ ok: false, code: 'irregular' });
    expect(MAX_GRID).toBeGreaterThan(100_000);
  });

  it('detects the step of a long jittered series without drift', () => {
    const ts = Array.from({ length: 10_000 }, (_, i) => i * 300 + ((i * 7919) % 5) - 2);
    expect(detectStep(ts)).toBe(300);
    const r = ok(regularise(ts, ts.map(() => 1)));
    expect(r.values.length).toBe(10_000);
    expect(r.missing).toBe(0);
    expect(detectStep([0, 0.5, 1, 1.5])).toBe(0.5);
  });

  it('median step ignores repeated timestamps', () => {
    expect(medianStep([0, 0, 10, 20, 20, 50])).toBe(10);
    expect(medianStep([3, 3])).toBeNaN();
  });
});
