/** @jest-environment node */
// Differential test: our histogram_quantile (through the `headroom quantile` path: exposition
// text → parser → grouping → quantiles) against the real promtool 2.42 on random histograms.
// Seeds: HEADROOM_DIFF_SEEDS="1,2,3" (default below); cases per seed: HEADROOM_DIFF_CASES.
import { quantileRows } from '../../cli/commands/quantile';
import { bucketQuantiles, goParseFloat } from '../../core/histogram';
import { GeneratedCase, generateCases, generateQs, toExposition } from './generate';
import { Expected, PROMTOOL, promtoolAvailable, ruleTestYaml, runPromtool } from './promtool';

const SEEDS = (process.env.HEADROOM_DIFF_SEEDS ?? '20240601,7').split(',').map((s) => Number(s.trim()));
const CASES = Number(process.env.HEADROOM_DIFF_CASES ?? 300);

/** Expected values through the CLI path; undefined for a case without usable buckets. */
function expectedViaCli(cases: GeneratedCase[], qs: number[]): Expected {
  const { rows } = quantileRows(toExposition(cases), qs, 'prometheus');
  const expected: Expected = new Map();
  for (const row of rows) {
    const id = Number(row.labels.case);
    if (!expected.has(id)) expected.set(id, []);
    (expected.get(id) as number[]).push(row.value);
  }
  return expected;
}

/** The same values straight from core/histogram on the generated numbers. */
function expectedDirect(c: GeneratedCase, qs: number[]): number[] | undefined {
  const usable = c.buckets.map((b) => ({ ub: goParseFloat(b.le), v: b.value })).filter((b) => b.ub !== null);
  if (usable.length === 0) return undefined;
  return Array.from(bucketQuantiles(qs, usable.map((b) => b.ub as number), usable.map((b) => b.v)));
}

const maybe = promtoolAvailable() ? describe : describe.skip;
if (!promtoolAvailable()) {
  // Visible in the run: setup installs promtool (scripts/setup.sh); its absence is not silent.
  test(`promtool is installed at ${PROMTOOL} (run scripts/setup.sh)`, () => {
    expect(promtoolAvailable()).toBe(true);
  });
}

maybe('histogram_quantile is identical to promtool 2.42 on random histograms', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${CASES} histograms`, () => {
      const cases = generateCases(seed, CASES);
      const qs = generateQs(seed, 4);
      const expected = expectedViaCli(cases, qs);
      // The CLI path and the direct call agree value for value (Object.is: NaN and -0 too).
      for (const c of cases) {
        const direct = expectedDirect(c, qs);
        const viaCli = expected.get(c.id);
        expect([c.id, direct === undefined]).toEqual([c.id, viaCli === undefined]);
        direct?.forEach((v, i) => expect([c.id, qs[i], Object.is(v, (viaCli as number[])[i])]).toEqual([c.id, qs[i], true]));
      }
      const run = runPromtool(ruleTestYaml(cases, qs, expected));
      if (run.status !== 0) {
        const shown = run.mismatches.slice(0, 10).map((m) => {
          const id = Number(/case="(\d+)"/.exec(m.caseLabels)?.[1]);
          const c = cases.find((x) => x.id === id);
          return `${m.expr} ${m.caseLabels}: ours ${m.expected} promtool ${m.got}; buckets ${JSON.stringify(c?.buckets)}`;
        });
        throw new Error(`promtool disagrees (seed ${seed}, ${run.mismatches.length} mismatches):\n${shown.join('\n') || run.output.slice(0, 4000)}`);
      }
      expect(run.status).toBe(0);
    });
  }

  it('the harness catches a one-ulp difference', () => {
    const cases = generateCases(99, 40).filter((c) => c.buckets.length > 0);
    const qs = [0.5];
    const expected = expectedViaCli(cases, qs);
    const victim = [...expected.entries()].find(([, v]) => Number.isFinite(v[0]) && v[0] !== 0);
    expect(victim).toBeDefined();
    const [id, values] = victim as [number, number[]];
    const bumped = new Map(expected);
    const buf = new Float64Array([values[0]]);
    new BigInt64Array(buf.buffer)[0] += 1n;
    bumped.set(id, [buf[0]]);
    const run = runPromtool(ruleTestYaml(cases, qs, bumped));
    expect(run.status).not.toBe(0);
    expect(run.mismatches.map((m) => m.caseLabels)).toEqual([`{case="${id}"}`]);
  });
});
