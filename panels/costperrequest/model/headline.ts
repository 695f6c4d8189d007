// The headline: cost per N requests over the range, its change against the previous period and
// against the budget, and the projected monthly cost (the cost per hour now x 730 h).
//
// With the cost data source's summary: its window numbers (requests from Prometheus' own
// increase() over the range, the previous range of the same length). Without it: the data's own
// totals, and "previous" is the first half of the data against the second half (said so in the
// label), because plain frames hold no earlier period.
// Edge cases: fewer than `minRequests` requests → 'not_enough_traffic' with the count, no value;
// a previous period without enough traffic or data → no change shown; a budget of 0 → none; a
// value that overflows (huge cost per few requests) → 'no_data', never Infinity.
import { HOURS_PER_MONTH } from '../../../core/cost/types';
import { Prepared } from './perRequest';
import { CostInputs } from './types';

export interface PeriodValue {
  status: 'ok' | 'not_enough_traffic' | 'no_data';
  /** Cost per N requests (NaN unless ok). */
  value: number;
  cost: number;
  requests: number;
}

export interface Headline {
  current: PeriodValue;
  previous: (PeriodValue & { label: string }) | null;
  /** Current vs previous, percent (null when either is missing). */
  changePercent: number | null;
  budget: number | null;
  /** Current vs budget, percent (positive = over budget). */
  budgetPercent: number | null;
  /** The run rate: money per hour now x 730 h (the same basis as every monthly figure of the suite). */
  projectedMonthly: number;
  /** Money per hour now (the last step), what projectedMonthly is 730 h of. */
  hourlyNow: number;
  /** Money per hour on average over the range. */
  hourly: number;
}

/**
 * Money per hour now: the sum over groups of each group's last rate, for groups still reporting at
 * the latest time seen (within one step of it). Edge cases: no finite rate → NaN; a group whose
 * last sample is older than a step (its nodes gone) adds nothing.
 */
export function hourlyNow(groups: CostInputs['groups'], stepMs: number): number {
  const last = groups.map((g) => {
    for (let i = Math.min(g.t.length, g.rate.length) - 1; i >= 0; i--) {
      if (Number.isFinite(g.rate[i]) && Number.isFinite(g.t[i])) {
        return { t: g.t[i], rate: g.rate[i] };
      }
    }
    return null;
  });
  const latest = Math.max(...last.map((x) => (x ? x.t : -Infinity)));
  if (!Number.isFinite(latest)) {
    return NaN;
  }
  return last.reduce((sum, x) => (x && x.t >= latest - stepMs ? sum + x.rate : sum), 0);
}

export function periodValue(cost: number, requests: number, per: number, minRequests: number): PeriodValue {
  if (!Number.isFinite(cost) || !Number.isFinite(requests)) {
    return { status: 'no_data', value: NaN, cost, requests };
  }
  if (!(requests >= Math.max(minRequests, Number.MIN_VALUE))) {
    return { status: 'not_enough_traffic', value: NaN, cost, requests };
  }
  const value = (cost / requests) * per;
  // A cost so large that per-N-requests overflows (1e305 per request x 1e6) is not a number to draw.
  return Number.isFinite(value) ? { status: 'ok', value, cost, requests } : { status: 'no_data', value: NaN, cost, requests };
}

const change = (now: PeriodValue, before: PeriodValue | null) =>
  before && now.status === 'ok' && before.status === 'ok' && before.value > 0 ? ((now.value - before.value) / before.value) * 100 : null;

export function headline(inputs: Pick<CostInputs, 'summary' | 'groups'>, p: Prepared, opts: { per: number; minRequests: number; budget: number }): Headline {
  const budget = opts.budget > 0 && Number.isFinite(opts.budget) ? opts.budget : null;
  const withBudget = (h: Omit<Headline, 'budget' | 'budgetPercent'>): Headline => ({
    ...h,
    budget,
    budgetPercent: budget !== null && h.current.status === 'ok' ? ((h.current.value - budget) / budget) * 100 : null,
  });
  const s = inputs.summary;
  if (s && Number.isFinite(s.cost)) {
    const current = periodValue(s.cost, Number.isFinite(s.requests) ? s.requests : 0, opts.per, opts.minRequests);
    const prev = Number.isFinite(s.previousCost) ? { ...periodValue(s.previousCost, s.previousRequests, opts.per, opts.minRequests), label: 'previous period' } : null;
    const hourly = s.hours > 0 ? s.cost / s.hours : NaN;
    const now = Number.isFinite(s.projectedMonthly) ? s.projectedMonthly / HOURS_PER_MONTH : hourlyNow(inputs.groups, p.stepMs);
    return withBudget({
      current,
      previous: prev,
      changePercent: change(current, prev),
      projectedMonthly: now * HOURS_PER_MONTH,
      hourlyNow: now,
      hourly,
    });
  }
  const current = periodValue(p.totalCost, p.totalRequests, opts.per, opts.minRequests);
  // Halves of the data: the earlier half is the "previous period".
  let previous: Headline['previous'] = null;
  let secondHalf: PeriodValue | null = null;
  if (p.t.length >= 4) {
    const mid = (p.from + p.to) / 2;
    let c1 = 0;
    let r1 = 0;
    let c2 = 0;
    let r2 = 0;
    for (let i = 0; i < p.t.length; i++) {
      let c = 0;
      for (const g of p.cost) {
        c += Number.isFinite(g[i]) ? g[i] : 0;
      }
      if (p.t[i] - p.stepMs / 2 < mid) {
        c1 += c;
        r1 += p.requests[i];
      } else {
        c2 += c;
        r2 += p.requests[i];
      }
    }
    previous = { ...periodValue(c1, r1, opts.per, opts.minRequests), label: 'first half of the range' };
    secondHalf = periodValue(c2, r2, opts.per, opts.minRequests);
  }
  const hours = (p.to - p.from) / 3_600_000;
  const hourly = hours > 0 ? p.totalCost / hours : p.costHourly;
  const now = hourlyNow(inputs.groups, p.stepMs);
  return withBudget({
    current,
    previous,
    changePercent: secondHalf ? change(secondHalf, previous) : null,
    projectedMonthly: now * HOURS_PER_MONTH,
    hourlyNow: now,
    hourly,
  });
}
