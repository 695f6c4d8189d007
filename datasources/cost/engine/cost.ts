// Cost over time: money per hour, one series per component, instance type or service, or the total.
//
// By service: nodes are shared, so the cost at each step is shared out by each service's share of
// the requests served in that step (the common showback rule); a step without requests keeps its
// cost in "(no requests)" rather than dropping it. Every series is priced with the query's mix.
import { DataFrame } from '@grafana/data';
import { BudgetError, budgetPerHour, costFrames, HOURS_PER_MONTH, CostSeriesResult, mixLabel, parseMonthlyBudgets, PricedSeries, RateSeries, sumRates } from '../../../core/cost';
import { NumericSeries } from '../../../core/prometheus/types';
import { HeadroomFrameMeta, SERIES_FIELDS } from '../../../core/cost/contract';
import { currencyUnit } from '../../../core/cost/units';
import { loadInventory, QueryContext } from './context';
import { CostQueryError, step } from './errors';
import { frame, numberField, timeField, warning } from './frames';
import { priceInventory } from './inventory';
import { requestSource, requestSteps } from './requests';

export interface QueryOutput {
  frames: DataFrame[];
}

export function costMeta(currency: string, stepMs: number, pricing: string): HeadroomFrameMeta {
  return { role: 'cost', currency, per: 'hour', stepMs, pricing };
}

/** A money-per-hour frame named `name`, labelled, in the book's currency. */
export function rateFrame(refId: string, name: string, t: ArrayLike<number>, rate: ArrayLike<number>, labels: Record<string, string>, meta: HeadroomFrameMeta, executed?: string): DataFrame {
  const unit = currencyUnit(meta.currency ?? 'USD');
  return frame(refId, name, [timeField(t, meta.stepMs), numberField(SERIES_FIELDS.cost, rate, { unit, displayNameFromDS: name }, labels)], meta, [], executed);
}

/** Priced series summed per component and instance type (regions and other labels merged). */
export function byComponentAndType(series: readonly PricedSeries[]): Array<{ component: string; type: string; rate: RateSeries }> {
  const groups = new Map<string, PricedSeries[]>();
  for (const s of series) {
    const key = `${s.component}\u0000${s.type}`;
    const g = groups.get(key);
    if (g) {
      g.push(s);
    } else {
      groups.set(key, [s]);
    }
  }
  return [...groups.values()].map((list) => ({
    component: list[0].component,
    type: list[0].type,
    rate: list.length === 1 ? { t: list[0].t, rate: list[0].rate, cost: list[0].cost } : sumRates(list),
  }));
}

/** The total cost shared out by each service's requests per step. */
export function shareByService(total: Pick<RateSeries, 't' | 'rate'>, requests: readonly NumericSeries[], serviceLabel: string, stepMs: number): Array<{ service: string; rate: Float64Array }> {
  const n = total.t.length;
  const services = requests.map((s) => ({ service: s.labels[serviceLabel] ?? '', index: new Map<number, number>(), rate: new Float64Array(n) }));
  services.forEach((s, k) => {
    const r = requests[k];
    for (let i = 0; i < r.t.length; i++) {
      s.index.set(r.t[i], r.v[i]);
    }
  });
  const none = new Float64Array(n);
  let anyNone = false;
  for (let i = 0; i < n; i++) {
    // Requests in the step starting at t: the increase evaluated one step later.
    const at = total.t[i] + stepMs;
    let sum = 0;
    for (const s of services) {
      const x = s.index.get(at) ?? s.index.get(total.t[i]);
      if (x !== undefined && x > 0) {
        sum += x;
      }
    }
    const cost = total.rate[i];
    if (!(sum > 0)) {
      none[i] = cost;
      anyNone ||= cost > 0;
      continue;
    }
    for (const s of services) {
      const x = s.index.get(at) ?? s.index.get(total.t[i]);
      s.rate[i] = x !== undefined && x > 0 ? (cost * x) / sum : 0;
    }
  }
  const out = services.map((s) => ({ service: s.service === '' ? '(no service label)' : s.service, rate: s.rate }));
  if (anyNone) {
    out.push({ service: '(no requests)', rate: none });
  }
  return out;
}

export function costResultFrames(ctx: QueryContext, result: CostSeriesResult, groupBy: 'component' | 'instance_type' | 'total', executed?: string): DataFrame[] {
  const meta = costMeta(result.currency, ctx.window.stepMs, mixLabel(ctx.mix));
  return costFrames(result, groupBy === 'instance_type' ? 'type' : groupBy).map((p) => {
    const time = p.fields[0];
    const value = p.fields[1];
    return rateFrame(ctx.refId, p.name, time.values as ArrayLike<number>, value.values as ArrayLike<number>, value.labels ?? {}, meta, executed);
  });
}

export async function costQuery(ctx: QueryContext): Promise<QueryOutput> {
  const groupBy = ctx.target.groupBy ?? 'component';
  const [book, inv] = await Promise.all([ctx.priceBook(), loadInventory(ctx)]);
  const priced = priceInventory(inv, book.index, ctx.mix, ctx.window, ctx.unpriced);
  const notices = priced.warnings.map(warning);
  let frames: DataFrame[];
  if (groupBy === 'service') {
    const src = requestSource(ctx.json, ctx.target.requestSelector, ctx.service, ctx.lookup);
    const steps = await step('request counter', () => requestSteps(ctx.client, src, ctx.window.gridStart, ctx.window.gridEnd + ctx.window.stepMs, ctx.window.stepMs, true, ctx.signal));
    const meta = costMeta(priced.result.currency, ctx.window.stepMs, mixLabel(ctx.mix));
    if (steps.series.length === 0) {
      notices.push(warning(`no requests from ${src.selector} in the range: the cost can't be shared out by service`));
    }
    frames = shareByService(priced.result.total, steps.series, src.serviceLabel, ctx.window.stepMs).map((s) =>
      rateFrame(ctx.refId, s.service, priced.result.total.t, s.rate, { [src.serviceLabel]: s.service }, meta, `${inv.spec.query}\n${steps.query}`)
    );
  } else {
    frames = costResultFrames(ctx, priced.result, groupBy, [inv.spec.query, ...(inv.beyondQueries ?? [])].join('\n'));
  }
  if (ctx.target.budget) {
    frames = frames.concat(budgetFrames(ctx, frames, priced.result.currency, notices));
  }
  if (ctx.target.per === 'month') {
    frames = frames.map(perMonth);
  }
  if (frames.length && notices.length) {
    frames[0].meta = { ...frames[0].meta, notices: [...(frames[0].meta?.notices ?? []), ...notices] };
  }
  return { frames };
}

/** A money-per-hour frame as a monthly run rate: every value x 730 (HOURS_PER_MONTH), per 'month'. */
export function perMonth(f: DataFrame): DataFrame {
  const fields = f.fields.map((x, i) => (i === 0 ? x : { ...x, values: (x.values as Array<number | null>).map((v) => (v === null ? null : v * HOURS_PER_MONTH)) }));
  const custom = f.meta?.custom as Record<string, HeadroomFrameMeta> | undefined;
  const meta = custom?.headroom ? { ...f.meta, custom: { ...custom, headroom: { ...custom.headroom, per: 'month' as const } } } : f.meta;
  return { ...f, fields, meta };
}

/** The settings' monthly budgets, checked: a bad entry fails the query with the field named. */
export function monthlyBudgets(ctx: Pick<QueryContext, 'json'>): Record<string, number> {
  try {
    return { ...parseMonthlyBudgets(ctx.json.monthlyBudgets, 'monthly budgets (data source settings)') };
  } catch (e) {
    throw e instanceof BudgetError ? new CostQueryError(e.message) : e;
  }
}

/**
 * One `budget <group>` frame per cost frame whose name has a monthly budget: budget / 730 per hour
 * at every step, with the cost frame's labels and `budget="monthly"`. A group without a budget gets
 * none (noted once).
 */
export function budgetFrames(ctx: QueryContext, costs: readonly DataFrame[], currency: string, notices: Array<ReturnType<typeof warning>>): DataFrame[] {
  const budgets = monthlyBudgets(ctx);
  const meta: HeadroomFrameMeta = { role: 'budget', currency, per: 'hour', stepMs: ctx.window.stepMs };
  const out: DataFrame[] = [];
  const without: string[] = [];
  for (const f of costs) {
    const group = f.name ?? '';
    const monthly = budgets[group];
    if (monthly === undefined) {
      without.push(group);
      continue;
    }
    const t = f.fields[0].values as ArrayLike<number>;
    const rate = new Float64Array(t.length).fill(budgetPerHour(monthly));
    out.push(rateFrame(ctx.refId, `budget ${group}`, t, rate, { ...(f.fields[1].labels ?? {}), budget: 'monthly' }, meta));
  }
  if (without.length > 0) {
    notices.push(warning(`no monthly budget in the data source settings for ${without.join(', ')}`));
  }
  return out;
}
