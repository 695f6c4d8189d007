import fc from 'fast-check';
import { analyzeWorkload, type WorkloadInput } from './analyze';
import { detectScaleEvents } from './events';
import { normaliseSeries, roundReplicas } from './series';
import { buildTimeline } from './timeline';
import { timeAtLimits } from './limits';
import { replicaHours } from './replicaHours';

// Property tests on the event maths. Inputs are deliberately hostile: unsorted/duplicate/missing
// timestamps, null/NaN/±Inf values, non-integer ("counter-like") replica values, negatives.

const STEP = 30_000;
const RUNS = { numRuns: 300 };

const badNumber = fc.constantFrom<number | null | undefined>(null, undefined, NaN, Infinity, -Infinity);

/** Replica-ish values: small integers, float noise around them, the odd bad value. */
const replicaValue = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 2, arbitrary: fc.double({ min: -2, max: 25, noNaN: true }) },
  { weight: 1, arbitrary: badNumber }
);

/** Times: mostly regular steps with jitter, gaps, duplicates and the odd missing stamp. */
const timesOf = (n: number) =>
  fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(STEP) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * STEP }) },
      { weight: 1, arbitrary: fc.integer({ min: -STEP, max: STEP }) }
    ),
    { minLength: n, maxLength: n }
  );

const seriesArb = (value: fc.Arbitrary<number | null | undefined>) =>
  fc
    .integer({ min: 0, max: 80 })
    .chain((n) =>
      fc.tuple(
        timesOf(n),
        fc.array(value, { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n })
      )
    )
    .map(([dts, v, dropT]) => {
      let t = 1_700_000_000_000;
      const ts: (number | null)[] = dts.map((d, i) => {
        t += d;
        return dropT[i] && i % 7 === 3 ? null : t;
      });
      return { t: ts, v };
    });

const limitArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 20 }),
  seriesArb(fc.oneof(fc.integer({ min: 0, max: 20 }), badNumber))
);

const inputArb: fc.Arbitrary<WorkloadInput> = fc.record({
  current: seriesArb(replicaValue),
  desired: fc.option(seriesArb(replicaValue), { nil: undefined }),
  min: limitArb,
  max: limitArb,
  metric: fc.option(seriesArb(fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), badNumber)), { nil: undefined }),
  target: fc.oneof(fc.constant(undefined), fc.constant(75), seriesArb(fc.constantFrom(70, 75, null))),
  metricScale: fc.constantFrom(undefined, 1, 100),
});

const optsArb = fc.record({
  cooldownMs: fc.constantFrom(undefined, 0, -5, 60_000, 180_000),
  flapWindowMs: fc.constantFrom(undefined, 0, 600_000),
  hysteresis: fc.constantFrom(undefined, 0, 5),
  stepMs: fc.constantFrom(undefined, STEP),
  scaleDownBelow: fc.constantFrom(undefined, 50, NaN),
});

describe('scaling maths properties', () => {
  it('events’ sizes sum to last − first (of the rounded series), and chain from → to', () => {
    fc.assert(
      fc.property(seriesArb(replicaValue), (raw) => {
        const s = roundReplicas(normaliseSeries(raw)).series;
        const ev = detectScaleEvents(s);
        const n = s.v.length;
        const sum = ev.reduce((a, e) => a + e.size, 0);
        expect(sum).toBe(n > 0 ? s.v[n - 1] - s.v[0] : 0);
        for (let k = 1; k < ev.length; k++) {
          expect(ev[k].from).toBe(ev[k - 1].to);
          expect(ev[k].t).toBeGreaterThan(ev[k - 1].t);
        }
        for (const e of ev) expect(e.size).not.toBe(0);
      }),
      RUNS
    );
  });

  it('never throws on random input, and results stay within the data', () => {
    fc.assert(
      fc.property(inputArb, optsArb, (input, opts) => {
        const a = analyzeWorkload(input, opts);
        expect(a.summary.events).toBe(a.events.length);
        expect(a.flapping.count).toBeLessThanOrEqual(Math.max(0, a.events.length - 1));
        for (const r of a.reaction?.reactions ?? []) {
          if (r.delayMs !== null) expect(r.delayMs).toBeGreaterThanOrEqual(0);
        }
        for (const i of a.cooldown.intervals) {
          expect(i.end).toBeGreaterThan(i.start);
          expect(i.end).toBeLessThanOrEqual(a.endMs);
        }
        for (const e of a.events) expect(typeof e.reason.text).toBe('string');
      }),
      RUNS
    );
  });

  it('time at max + time at min ≤ total covered time', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = analyzeWorkload(input);
        const atMax = a.limits.atMax?.totalMs ?? 0;
        const atMin = a.limits.atMin?.totalMs ?? 0;
        expect(atMax).toBeGreaterThanOrEqual(0);
        expect(atMin).toBeGreaterThanOrEqual(0);
        expect(atMax + atMin).toBeLessThanOrEqual(a.limits.coveredMs + 1e-6);
      }),
      RUNS
    );
  });

  it('time at limits with pinned, crossing or random limit arrays never exceeds coverage', () => {
    fc.assert(
      fc.property(seriesArb(replicaValue), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (raw, lo, hi) => {
        const s = roundReplicas(normaliseSeries(raw)).series;
        const tl = buildTimeline(s.t);
        const r = timeAtLimits(s, tl, new Float64Array(s.t.length).fill(hi), new Float64Array(s.t.length).fill(lo));
        expect(r.atMax!.totalMs + r.atMin!.totalMs).toBeLessThanOrEqual(tl.coveredMs + 1e-6);
      }),
      RUNS
    );
  });

  it('replica-hours ≥ 0 and mean replicas within [0, peak]', () => {
    fc.assert(
      fc.property(seriesArb(replicaValue), fc.constantFrom(undefined, STEP, 1), (raw, stepMs) => {
        const s = roundReplicas(normaliseSeries(raw)).series;
        const r = replicaHours(s, buildTimeline(s.t, { stepMs }));
        expect(r.replicaHours).toBeGreaterThanOrEqual(0);
        if (s.v.length > 0) {
          const peak = Math.max(...Array.from(s.v));
          expect(r.meanReplicas).toBeGreaterThanOrEqual(0);
          expect(r.meanReplicas).toBeLessThanOrEqual(peak + 1e-9);
        }
      }),
      RUNS
    );
  });
});
