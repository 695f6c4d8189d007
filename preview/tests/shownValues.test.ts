import { formattedValueToString, getValueFormat } from '@grafana/data';
import { agrees, closest, parseDuration, shownNumbers } from './shownValues';

describe('shownNumbers', () => {
  it('reads the numbers panels write, in base units, with their rounding', () => {
    const [money, monthly] = shownNumbers('Hourly cost $2.20 Monthly run rate $1.61K');
    expect(money).toEqual({ text: '$2.20', value: 2.2, rounding: 0.005 });
    expect(monthly.value).toBeCloseTo(1610, 9);
    expect(monthly.rounding).toBeCloseTo(5, 9);
    expect(shownNumbers('96.725%')[0].value).toBeCloseTo(0.96725, 12);
    expect(shownNumbers('-3175.1% web availability')[0].value).toBeCloseTo(-31.751, 12);
    expect(shownNumbers('P99 326 ms')[1].value).toBeCloseTo(0.326, 12);
    expect(shownNumbers('1.81K req/s')[0].value).toBeCloseTo(1810, 9);
    expect(shownNumbers('12,345 requests')[0].value).toBe(12345);
    expect(shownNumbers('no numbers here')).toEqual([]);
    expect(shownNumbers('12 services 3 Months').map((x) => x.value)).toEqual([12, 3]);
  });

  it("reads back what Grafana's own formatters write for the units the dashboards use, plurals included", () => {
    const cases: Array<[string, number]> = [['s', 0.3], ['s', 42], ['s', 134], ['s', 5400], ['s', 200000], ['s', 2e6], ['percentunit', 0.9995], ['reqps', 1810], ['currencyUSD', 1609]];
    for (const [unit, value] of cases) {
      const text = formattedValueToString(getValueFormat(unit)(value, 2));
      const [read] = shownNumbers(text);
      expect({ text, agrees: agrees(read, value, 0.01) }).toEqual({ text, agrees: true });
    }
  });

  it('catches a rounded-away figure: "$2K" is not 730 x $2.2044', () => {
    const [k] = shownNumbers('$2K');
    expect(agrees(k, 2.2044 * 730)).toBe(false);
    expect(agrees(shownNumbers('$1.61K')[0], 2.2044 * 730)).toBe(true);
  });
});

describe('closest', () => {
  it('finds the nearest candidate, relative to its size, ignoring NaN', () => {
    expect(closest(101, [NaN, 90, 100, 120])).toEqual({ candidate: 100, relative: 0.01 });
    expect(closest(1, []).relative).toBe(Infinity);
  });
});

describe('parseDuration', () => {
  it('reads core/scaling durations', () => {
    expect(parseDuration('3h57m')).toBe(3 * 3600 + 57 * 60);
    expect(parseDuration('1d17h')).toBe(86400 + 17 * 3600);
    expect(parseDuration('45s')).toBe(45);
    expect(parseDuration('n/a')).toBeNaN();
  });
});
