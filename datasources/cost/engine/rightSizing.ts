// Right-sizing: utilisation against size per instance type → the smallest size of the same family
// that runs the load at the target utilisation, and what it saves per month (core/cost rightSizing).
//
// Utilisation comes from the query's PromQL (0..1): each series' 95th percentile over the range
// (sizing for the mean would cut daily peaks off). A series names its type with an
// `instance_type` or `label_node_kubernetes_io_instance_type` label; series without one describe
// the query's "instance type". How many instances: the inventory's average over the range.
import { averageFleet, rightSizing, UsageItem } from '../../../core/cost';
import { NumericSeries } from '../../../core/prometheus/types';
import { interpolatePromQL } from '../promql/interpolate';
import { filterSelection } from '../promql/variables';
import { currencyUnit } from '../../../core/cost/units';
import { loadInventory, QueryContext } from './context';
import { QueryOutput } from './cost';
import { CostQueryError, step } from './errors';
import { frame, numberField, stringField, warning } from './frames';
import { priceInventory } from './inventory';

const TYPE_LABELS = ['instance_type', 'label_node_kubernetes_io_instance_type', 'label_beta_kubernetes_io_instance_type'];

/** The q-quantile of the finite values (linear interpolation between order statistics), NaN when none. */
export function quantile(v: ArrayLike<number>, q: number): number {
  const xs: number[] = [];
  for (let i = 0; i < v.length; i++) {
    if (Number.isFinite(v[i])) {
      xs.push(v[i]);
    }
  }
  if (xs.length === 0) {
    return NaN;
  }
  xs.sort((a, b) => a - b);
  const pos = (xs.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
}

/** p95 per instance type (the highest p95 when several series describe one type). */
export function p95ByType(series: readonly NumericSeries[], fallbackType: string | undefined, what: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) {
    const type = TYPE_LABELS.map((l) => s.labels[l]).find((x) => !!x) ?? fallbackType;
    if (!type) {
      throw new CostQueryError(`${what} series ${JSON.stringify(s.labels)} has no instance type label (${TYPE_LABELS[0]}): set "Instance type" on the query`);
    }
    const p = quantile(s.v, 0.95);
    if (Number.isFinite(p)) {
      out.set(type, Math.max(out.get(type) ?? -Infinity, p));
    }
  }
  return out;
}

export async function rightSizingQuery(ctx: QueryContext): Promise<QueryOutput> {
  const cpuText = (ctx.target.cpuQuery ?? '').trim();
  if (cpuText === '') {
    throw new CostQueryError('right-sizing needs a CPU utilisation query (PromQL giving 0..1 per instance type, e.g. avg by (instance_type) (…))');
  }
  const target = ctx.target.targetUtilization ?? 0.7;
  if (!(target > 0 && target <= 1)) {
    throw new CostQueryError(`target utilisation must be between 0 and 1, got ${target}`);
  }
  const typeSel = filterSelection(ctx.target.rightSizingType, ctx.lookup);
  if (!typeSel.all && typeSel.values.length > 1) {
    throw new CostQueryError('right-sizing: "Instance type" must be one type');
  }
  const fallbackType = typeSel.all ? undefined : typeSel.values[0];
  const w = ctx.window;
  const cpuExpr = interpolatePromQL(cpuText, ctx.lookup);
  const memText = (ctx.target.memoryQuery ?? '').trim();
  const memExpr = memText ? interpolatePromQL(memText, ctx.lookup) : '';
  const [book, inv, cpu, mem] = await Promise.all([
    ctx.priceBook(),
    loadInventory(ctx),
    step(`CPU utilisation query ${cpuExpr}`, () => ctx.client.queryRangeSeries(cpuExpr, w.gridStart, w.gridEnd, w.stepMs, { signal: ctx.signal })),
    memExpr ? step(`memory utilisation query ${memExpr}`, () => ctx.client.queryRangeSeries(memExpr, w.gridStart, w.gridEnd, w.stepMs, { signal: ctx.signal })) : Promise.resolve(null),
  ]);
  if (cpu.data.length === 0) {
    throw new CostQueryError(`CPU utilisation query ${cpuExpr} has no series in the range`);
  }
  const priced = priceInventory(inv, book.index, ctx.mix, w, 'skip');
  const cpuP95 = p95ByType(cpu.data, fallbackType, 'CPU utilisation');
  const memP95 = mem ? p95ByType(mem.data, fallbackType, 'memory utilisation') : new Map<string, number>();
  const fleet = averageFleet(priced.inventory, { start: w.start, end: w.end });
  const notices: string[] = [...priced.warnings, ...cpu.warnings, ...(mem?.warnings ?? [])];
  const usage: UsageItem[] = [...cpuP95].map(([type, c]) => {
    const items = fleet.filter((f) => f.type.toLowerCase() === type.toLowerCase());
    const count = items.reduce((a, f) => a + f.count, 0);
    const main = items.sort((a, b) => b.count - a.count)[0];
    if (!items.length) {
      notices.push(`${type} is not in the inventory: sized for one instance`);
    }
    const item: UsageItem = { type, region: main?.region, count: items.length ? count : 1, cpu: c };
    const m = memP95.get(type);
    if (m !== undefined) {
      item.memory = m;
    }
    return item;
  });
  const advice = rightSizing(usage, book.index, { target, mix: ctx.mix });
  const unit = currencyUnit(book.book.currency);
  return {
    frames: [
      frame(
        ctx.refId,
        'right-sizing',
        [
          stringField('instance type', advice.map((a) => a.type)),
          stringField('region', advice.map((a) => a.region)),
          numberField('count', advice.map((a) => a.count), { decimals: 1 }),
          stringField('action', advice.map((a) => a.action)),
          stringField('suggested', advice.map((a) => a.suggested ?? '')),
          numberField('needed vCPU', advice.map((a) => a.neededVcpu), { decimals: 1 }),
          numberField('needed memory', advice.map((a) => a.neededMemoryGiB), { unit: 'decgbytes', decimals: 1 }),
          numberField('saved per month', advice.map((a) => a.monthlySaving), { unit }),
          stringField('reason', advice.map((a) => a.reason)),
        ],
        { role: 'rightSizing', currency: book.book.currency, per: 'month' },
        [...new Set(notices)].map(warning),
        `${cpuExpr}${memExpr ? `\n${memExpr}` : ''}`
      ),
    ],
  };
}
