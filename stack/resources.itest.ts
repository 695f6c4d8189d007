// The resource budget of the running stack (issue 19: the whole stack at rest within 1.5 GiB and
// half a core on 2 cores): every process a start recorded, with every process below it
// (PostgreSQL's backends, the workload's client tools, the live part's replicas), measured from
// /proc over 30 s (stack/usage.ts; `tsx stack/measure.ts` prints the same table). Memory is judged
// as PSS, what the processes hold with shared pages shared out: summed RSS counts Node's code once
// per Node process (7 of them in the live part alone) and PostgreSQL's shared buffers once per
// backend (each live replica holds 2 connections to each server), so it overstates the stack by
// ~1 GiB (stack/README.md, "Resources of the whole stack"); it is printed beside it.
import { loadConfig } from './config';
import { TIER_STOP_ORDER } from './datatier/config';
import { SERVICES } from './probes';
import { LIVE_PARTS } from './live/stack';
import { formatTable, measure } from './usage';

const BUDGET = { pssMiB: 1.5 * 1024, cores: 0.5 };

test('the whole stack at rest: at most 1.5 GiB (PSS) and 0.5 core (over 30 s)', async () => {
  const m = await measure(loadConfig().stateDir, 30);
  console.log(formatTable(m));
  const names = m.rows.map((r) => r.name);
  for (const n of [...SERVICES, ...TIER_STOP_ORDER, 'workload', ...LIVE_PARTS]) expect(names).toContain(n);
  expect(m.rows.every((r) => r.rssMiB > 0)).toBe(true); // each one measured, none gone meanwhile
  expect({ pssMiB: Math.round(m.total.pssMiB), withinMemory: m.total.pssMiB <= BUDGET.pssMiB }).toEqual({ pssMiB: Math.round(m.total.pssMiB), withinMemory: true });
  expect({ cores: m.total.cores.toFixed(3), withinCpu: m.total.cores <= BUDGET.cores }).toEqual({ cores: m.total.cores.toFixed(3), withinCpu: true });
}, 90000);
