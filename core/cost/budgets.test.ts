import { budgetPerHour, parseMonthlyBudgets } from './budgets';

describe('parseMonthlyBudgets', () => {
  it('reads group=amount pairs, commas or new lines, and an object alike', () => {
    expect(parseMonthlyBudgets('compute=1000, database = 800\ncache=200')).toEqual({ compute: 1000, database: 800, cache: 200 });
    expect(parseMonthlyBudgets({ web: 4200.5 })).toEqual({ web: 4200.5 });
    expect(parseMonthlyBudgets('')).toEqual({});
    expect(parseMonthlyBudgets(undefined)).toEqual({});
  });

  it('names the field and the entry in one message', () => {
    expect(() => parseMonthlyBudgets('compute=abc', 'budgets')).toThrow('budgets: compute: the monthly budget must be a number above 0 and at most 1000000000, got NaN');
    expect(() => parseMonthlyBudgets('compute=0', 'budgets')).toThrow('budgets: compute: the monthly budget must be a number above 0');
    expect(() => parseMonthlyBudgets('compute=-5')).toThrow('compute: the monthly budget must be a number above 0');
    expect(() => parseMonthlyBudgets('compute=2e9')).toThrow('at most 1000000000');
    expect(() => parseMonthlyBudgets('compute=')).toThrow('compute: the monthly budget must be a number above 0 and at most 1000000000, got missing');
    expect(() => parseMonthlyBudgets('compute 1000', 'budgets')).toThrow('budgets: "compute 1000" is not group=amount');
    expect(() => parseMonthlyBudgets('=5')).toThrow('group name "" is empty');
    expect(() => parseMonthlyBudgets('a=1, a=2')).toThrow('a is given twice');
    expect(() => parseMonthlyBudgets([1, 2])).toThrow('expected group=amount pairs, got a list of 2');
    expect(() => parseMonthlyBudgets({ web: '100' })).toThrow('web: the monthly budget must be a number above 0 and at most 1000000000, got "100"');
  });
});

describe('budgetPerHour', () => {
  it('is the monthly budget over 730 hours', () => {
    // $2,000 a month = 2000 / 730 = $2.7397... an hour
    expect(budgetPerHour(2000) * 730).toBeCloseTo(2000, 9);
    expect(budgetPerHour(730)).toBe(1);
  });
});
