// The resource budget of the running stack (issue 19: the whole stack at rest within 1.5 GiB RSS
// and half a core on 2 cores): every process a start recorded, with every process below it
// (PostgreSQL's backends, the workload's client tools, the live autoscaler's replicas), measured
// from /proc over 30 s (stack/usage.ts; `tsx stack/measure.ts` prints the same table). RSS is
// summed as the processes report it, so memory shared between them (PostgreSQL's shared buffers,
// Node's code in each Node process) counts once per process: an upper bound of what the stack
// holds. PSS, which shares those pages out, is printed beside it for information, not judged.
import { loadConfig } from './config';
import { TIER_STOP_ORDER } from './datatier/config';
import { SERVICES } from './probes';
import { LIVE_PARTS } from './live/stack';
import { formatTable, measure } from './usage';

const BUDGET = { rssMiB: 1.5 * 1024, cores: 0.5 };

test('the whole stack at rest: at most 1.5 GiB RSS and 0.5 core (over 30 s)', async () => {
  const m = await measure(loadConfig().stateDir, 30);
  console.log(formatTable(m));
  const names = m.rows.map((r) => r.name);
  for (const n of [...SERVICES, ...TIER_STOP_ORDER, 'workload', ...LIVE_PARTS]) expect(names).toContain(n);
  expect(m.rows.every((r) => r.rssMiB > 0)).toBe(true); // each one measured, none gone meanwhile
  expect({ rssMiB: Math.round(m.total.rssMiB), withinRss: m.total.rssMiB <= BUDGET.rssMiB }).toEqual({ rssMiB: Math.round(m.total.rssMiB), withinRss: true });
  expect({ cores: m.total.cores.toFixed(3), withinCpu: m.total.cores <= BUDGET.cores }).toEqual({ cores: m.total.cores.toFixed(3), withinCpu: true });
}, 90000);
