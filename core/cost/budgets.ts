// Monthly budgets per group (a component, a team or a service), as the cost data source's settings
// hold them: `compute=1000, database=800` (or the same as an object). A month is HOURS_PER_MONTH
// (730) hours, so a monthly budget is drawn beside hourly cost as budget / 730 per hour.
import { HOURS_PER_MONTH } from './types';
import { describeValue, MAX_PRICE } from './limits';

export type MonthlyBudgets = Readonly<Record<string, number>>;

export class BudgetError extends Error {}

const GROUP = /^[^=,\s][^=,]*$/;

/**
 * Budgets from `text` ("group=amount" pairs separated by commas or new lines; empty = none) or an
 * object { group: amount }. Throws one BudgetError naming the field (`where`) and the bad entry:
 * an amount must be a number above 0 and at most MAX_PRICE, a group named once.
 */
export function parseMonthlyBudgets(input: unknown, where = 'monthly budgets'): MonthlyBudgets {
  if (input === undefined || input === null || input === '') {
    return {};
  }
  const pairs: Array<[string, unknown]> = [];
  if (typeof input === 'string') {
    for (const part of input.split(/[,\n]/)) {
      const item = part.trim();
      if (item === '') {
        continue;
      }
      const eq = item.indexOf('=');
      if (eq < 0) {
        throw new BudgetError(`${where}: "${item.slice(0, 40)}" is not group=amount`);
      }
      const amount = item.slice(eq + 1).trim();
      pairs.push([item.slice(0, eq).trim(), amount === '' ? undefined : Number(amount.replace(/_/g, ''))]);
    }
  } else if (typeof input === 'object' && !Array.isArray(input)) {
    for (const k of Object.keys(input)) {
      pairs.push([k, (input as Record<string, unknown>)[k]]);
    }
  } else {
    throw new BudgetError(`${where}: expected group=amount pairs, got ${describeValue(input)}`);
  }
  const out: Record<string, number> = {};
  for (const [group, amount] of pairs) {
    if (!GROUP.test(group)) {
      throw new BudgetError(`${where}: group name ${describeValue(group)} is empty or holds '=' or ','`);
    }
    if (Object.prototype.hasOwnProperty.call(out, group)) {
      throw new BudgetError(`${where}: ${group} is given twice`);
    }
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > MAX_PRICE) {
      throw new BudgetError(`${where}: ${group}: the monthly budget must be a number above 0 and at most ${MAX_PRICE}, got ${describeValue(amount)}`);
    }
    out[group] = amount;
  }
  return out;
}

/** A monthly budget as money per hour (budget / 730), to draw beside an hourly cost. */
export function budgetPerHour(monthly: number): number {
  return monthly / HOURS_PER_MONTH;
}
