/** @jest-environment node */
// Property test of the rules pack (issue 17): on random incident timelines (timelines.ts: traffic
// from 0.05 req/s up, total outages, heavy burns, low blips also right after a restart with empty
// data, failures after idle hours, isolated failures at low traffic, vanishing targets), the
// pack's paging alerts fire iff the timeline's ground truth says a page is due, through the real
// promtool on the rendered rule files (HEADROOM_PROPERTY_RULES_DIR: another rendered pack, e.g.
// an older one, to see what it misses). Seed: HEADROOM_PROPERTY_SEED; timelines:
// HEADROOM_PROPERTY_COUNT. promtool's query engine loads at most 10,000 samples per selector in
// unit tests, so the timelines run in batches of BATCH services, two promtool processes at a time.
import { PROMTOOL, PromtoolRun, promtoolAvailable, runPromtoolAsync } from '../../../test/promtool/promtool';
import { ruleTestYaml } from './ruletest';
import { KINDS, Timeline, timelines } from './timelines';

const SEED = Number(process.env.HEADROOM_PROPERTY_SEED ?? 20261204);
const COUNT = Number(process.env.HEADROOM_PROPERTY_COUNT ?? 48);
const BATCH = 24;
const RULES_DIR = process.env.HEADROOM_PROPERTY_RULES_DIR;

if (!promtoolAvailable()) {
  // Visible in the run: setup installs promtool (scripts/setup.sh); its absence is not silent.
  test(`promtool is installed at ${PROMTOOL} (run scripts/setup.sh)`, () => {
    expect(promtoolAvailable()).toBe(true);
  });
}

(promtoolAvailable() ? describe : describe.skip)('paging alerts fire iff a page is due, on random timelines', () => {
  const all = timelines(SEED, COUNT);

  test('the generator covers every kind, due and not due, low traffic and restarts', () => {
    for (const kind of KINDS) expect(all.some((t) => t.kind === kind)).toBe(true);
    expect(all.some((t) => t.due && t.rps < 0.1)).toBe(true);
    expect(all.some((t) => !t.due && t.kind === 'blip' && t.start > 0)).toBe(true);
  });

  test(`${COUNT} timelines (seed ${SEED}) through promtool`, async () => {
    const batches: Timeline[][] = [];
    for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
    const runs: PromtoolRun[] = [];
    for (let i = 0; i < batches.length; i += 2) {
      runs.push(...(await Promise.all(batches.slice(i, i + 2).map((b) => runPromtoolAsync(ruleTestYaml(b, RULES_DIR))))));
    }
    const wrong: string[] = [];
    let ms = 0;
    for (const run of runs) {
      ms = Math.max(ms, run.ms);
      if (run.status !== 0 && run.mismatches.length === 0) throw new Error(`promtool failed:\n${run.output.slice(0, 2000)}`);
      for (const m of run.mismatches) wrong.push(`${m.caseLabels}: expected ${m.expected ?? 'no page'}, got ${m.got ?? 'no page'}`);
    }
    const describeT = (t: Timeline) => `${t.service} rps=${t.rps.toFixed(3)} start=${t.start} event=${t.eventAt}+${t.eventLen} share=${t.share.toFixed(4)}`;
    const due = all.filter((t) => t.due).length;
    console.log(
      `property: ${COUNT} timelines (seed ${SEED}): ${due} due a page, ${COUNT - due} not; ` +
        `${wrong.length} wrong; by kind ${KINDS.map((k) => `${k} ${all.filter((t) => t.kind === k).length}`).join(', ')}; slowest promtool run ${ms} ms`,
    );
    const named = wrong.map((w) => {
      const t = all.find((x) => w.includes(`"${x.service}"`));
      return t ? `${w} (${describeT(t)})` : w;
    });
    expect(named).toEqual([]);
  }, 180_000);
});
